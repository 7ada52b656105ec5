"""``geo extract``: articles in, incidents out (GeoJSON, JSON Lines or CSV; stdout or a file)."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import click

from geo.cli.common import articles_options, gazetteer_option, load_gazetteer, user_errors

#: formats that can go to stdout (the others are binary or multi-part: they need -o)
TEXT_FORMATS = ("geojson", "jsonl", "csv", "kml")


@click.command("extract")
@articles_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (format from its extension unless --format); default: stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "jsonl", "csv", "gpkg", "kml"], case_sensitive=False),
    help="Output format; default: from the extension of -o, else geojson.",
)
@gazetteer_option
def extract_command(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str | None,
    reference_date: date | None,
    gazetteer_path: Path | None,
) -> None:
    """Extract incidents (border crossings, seizures, deployments, closures) from PATHS.

    PATHS are files or folders of .txt, .md and .html articles. Files that cannot be read
    are reported on stderr and skipped.

    Example: geo extract examples/ --date 2023-09-14 -o incidents.geojson
    """
    from geo.export import write_incidents
    from geo.pipeline import extract_incidents

    if output is None and fmt is not None and fmt.lower() not in TEXT_FORMATS:
        raise click.UsageError(f"{fmt} is a binary format; write it to a file with -o")
    with user_errors():
        gazetteer = load_gazetteer(gazetteer_path)
        result = extract_incidents(paths, gazetteer=gazetteer, reference_date=reference_date, progress=True)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if output is not None:
            write_incidents(result, output, fmt)
        else:
            click.echo(_as_text(result, (fmt or "geojson").lower(), write_incidents), nl=False)
    types = Counter(incident.event_type.value for incident in result.incidents)
    summary = ", ".join(f"{count} {name}" for name, count in sorted(types.items())) or "no incidents"
    click.echo(f"{summary}; {len(result.groups)} groups; from {len(result.documents)} documents", err=True)


def _as_text(result, fmt: str, write) -> str:
    """The export as text, written by the same writer as a file (never serialised by hand)."""
    with tempfile.TemporaryDirectory(prefix="geo-extract-") as folder:
        path = write(result, Path(folder) / f"incidents.{fmt}", fmt)
        return path.read_text(encoding="utf-8")
