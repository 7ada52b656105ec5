"""What every command shares: turning our errors into a clean exit."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from gazetteer.errors import GazetteerError
from geo.errors import GeoError


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Report our own errors as one line on stderr with exit status 1, never a traceback."""
    try:
        yield
    except (GeoError, GazetteerError) as error:
        raise click.ClickException(str(error)) from error
