"""Fixtures shared by the whole suite: the real place index, and where ../shared is."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.resolver import Gazetteer, open_gazetteer

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The embedded gazetteer, built once into the user cache (or $INCIDENT_MAPPER_GAZETTEER)."""
    return open_gazetteer()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project; tests that need it skip on a fresh clone without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a fresh clone): the real articles and benchmarks live there")
    return SHARED
