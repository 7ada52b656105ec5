"""What every command shares: turning our errors into a clean exit."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gazetteer.errors import GazetteerError
from geo.errors import GeoError

if TYPE_CHECKING:
    from gazetteer.resolver import Gazetteer


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Report our own errors as one line on stderr with exit status 1, never a traceback."""
    try:
        yield
    except (GeoError, GazetteerError) as error:
        raise click.ClickException(str(error)) from error


def gazetteer_option(function):
    """``--gazetteer PATH``: the place index to use instead of the one in the user cache."""
    return click.option(
        "--gazetteer",
        "gazetteer_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Place index file (SQLite); built there on first use. Default: the user cache.",
    )(function)


def load_gazetteer(path: Path | None, *, online: bool = False) -> Gazetteer:
    """Open (building on first use, with a progress bar on a terminal) the place index."""
    from gazetteer.resolver import default_index_path, open_gazetteer

    online_source = None
    if online:
        from gazetteer.sources import get_source

        online_source = get_source("online")
    if not (path or default_index_path()).exists():
        click.echo("Building the place index (first use only)...", err=True)
    return open_gazetteer(path, online=online_source, progress=True)


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """``--date YYYY-MM-DD`` as a date, or a usage error naming the expected form."""
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as error:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from error


def articles_options(function):
    """``PATHS...`` (files or folders of articles) and ``--date``, shared by extract and map."""
    function = click.option(
        "--date", "reference_date", callback=parse_date, help="Reference date (YYYY-MM-DD) for 'on Sunday'."
    )(function)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(function)
