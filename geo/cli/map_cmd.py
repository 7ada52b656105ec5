"""``geo map``: articles in, one self-contained offline map file out (and GIS exports)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from geo.cli.common import articles_options, gazetteer_option, load_gazetteer, user_errors


@click.command("map")
@articles_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The map file to write (.html), e.g. maps/crossings.html.",
)
@click.option(
    "--geojson",
    "geojson_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the incidents as RFC 7946 GeoJSON (or .gpkg/.csv/.kml by its extension).",
)
@click.option("--title", default="Incidents", show_default=True, help="Title shown on the map.")
@gazetteer_option
def map_command(
    paths: tuple[Path, ...],
    output: Path,
    geojson_path: Path | None,
    title: str,
    reference_date: date | None,
    gazetteer_path: Path | None,
) -> None:
    """Extract incidents from PATHS (files or folders of .txt/.md/.html) and map them.

    Example: geo map examples/ -o maps/examples.html --geojson maps/examples.geojson
    """
    from geo.export import write_incidents
    from geo.mapping import build_map, save_map
    from geo.pipeline import extract_incidents

    with user_errors():
        gazetteer = load_gazetteer(gazetteer_path)
        result = extract_incidents(paths, gazetteer=gazetteer, reference_date=reference_date, progress=True)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        saved = save_map(build_map(result, title=title), output)
        if geojson_path is not None:
            write_incidents(result, geojson_path)
    mapped = sum(1 for incident in result.incidents if incident.place is not None)
    click.echo(f"{saved}: {mapped} incidents mapped from {len(result.documents)} documents", err=True)
    if geojson_path is not None:
        click.echo(f"{geojson_path}: incidents as {geojson_path.suffix.lstrip('.')}", err=True)
