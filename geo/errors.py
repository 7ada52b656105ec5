"""Errors of the geo package: one root, with the file and the problem attached."""

from __future__ import annotations

from pathlib import Path


class GeoError(Exception):
    """Root of every error the pipeline raises on purpose; the CLI turns it into exit 1."""


class InputError(GeoError, ValueError):
    """An input file cannot be used: names the file and what is wrong with it."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ExportError(GeoError, OSError):
    """An output could not be written; any existing file at that path is left untouched."""
