"""Errors of the gazetteer package: one root, each also a matching builtin."""

from __future__ import annotations

from pathlib import Path


class GazetteerError(Exception):
    """Root of every error the gazetteer raises on purpose."""


class DataFileError(GazetteerError, ValueError):
    """A data file could not be read; names the file, and the line when known."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class IndexUnusable(GazetteerError, OSError):
    """The on-disk index is missing, corrupt or from another version and cannot be rebuilt."""


class SourceUnavailable(GazetteerError, OSError):
    """A place source cannot answer now (network down, service refusing, timeout)."""


class UnknownSource(GazetteerError, KeyError):
    """No place source is registered under that name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
