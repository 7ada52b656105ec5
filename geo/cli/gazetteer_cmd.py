"""``geo gazetteer``: look names up, import GeoNames dumps, build the index."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from geo.cli.common import gazetteer_option, load_gazetteer, user_errors


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Resolve place names and manage the place index."""


@gazetteer_group.command("lookup")
@click.argument("name")
@click.option("--country", help="Only places in this country (ISO 3166-1 alpha-2, e.g. TJ).")
@click.option(
    "--context", "context_text", default="", help='Text around the name, e.g. "Ishkashim District, Tajikistan".'
)
@click.option("--limit", default=10, show_default=True, help="How many candidates to list.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, best candidate first.")
@click.option("--online", is_flag=True, help="Ask the online geocoder (Nominatim) when the index has no match.")
@gazetteer_option
def lookup_command(
    name: str,
    country: str | None,
    context_text: str,
    limit: int,
    as_json: bool,
    online: bool,
    gazetteer_path: Path | None,
) -> None:
    """Rank the places NAME may refer to.

    Example: geo gazetteer lookup Langar --context "Ishkashim District, Tajikistan"
    """
    from gazetteer.disambiguate import ResolutionContext

    with user_errors():
        gazetteer = load_gazetteer(gazetteer_path, online=online)
        context = ResolutionContext(text=context_text, countries=(country.upper(),) if country else ())
        resolution = gazetteer.resolve(name, context)
        candidates = gazetteer.candidates(name, context=context, limit=max(limit, 10))
        if country:
            candidates = [c for c in candidates if c.place.country_code == country.upper()]
        candidates = candidates[:limit]
    if as_json:
        click.echo(json.dumps([_candidate_record(c) for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates or not resolution.resolved:
        click.echo(f"no match for {name!r}: {resolution.reason}")
        if not candidates:
            return
    for rank, candidate in enumerate(candidates, start=1):
        place = candidate.place
        click.echo(
            f"{rank:>2}. {place.name} ({place.country_code}) {place.lat:.4f}, {place.lon:.4f}  "
            f"{place.feature_class}.{place.feature_code}  admin1={place.admin1 or '-'}  admin2={place.admin2 or '-'}  "
            f"score={candidate.score:.2f}  source={place.source}"
        )
    click.echo(f"chosen: {resolution.place.name if resolution.place else 'none'} because {resolution.reason}")


def _candidate_record(candidate) -> dict:
    derived = ("raw", "is_country", "is_admin_division", "spans_countries")
    record = {key: value for key, value in asdict(candidate.place).items() if key not in derived}
    record["alternate_names"] = list(candidate.place.alternate_names[:20])
    record.update(score=candidate.score, match=candidate.match, reasons=list(candidate.reasons))
    return record


@gazetteer_group.group("import")
def import_group() -> None:
    """Add a bulk place source to the index."""


@import_group.command("geonames")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@gazetteer_option
def import_geonames_command(paths: tuple[Path, ...], gazetteer_path: Path | None) -> None:
    """Import GeoNames files (allCountries.txt, XX.txt or their zips, admin1CodesASCII.txt,
    admin2Codes.txt, countryInfo.txt) into the index.

    Example: geo gazetteer import geonames TJ.zip AF.zip admin1CodesASCII.txt
    """
    from gazetteer.sources.geonames_dump import GeoNamesDumpSource

    with user_errors():
        gazetteer = load_gazetteer(gazetteer_path)
        source = GeoNamesDumpSource([p.resolve() for p in paths])
        count = gazetteer.import_places(source, progress=True)
    for problem in source.problems:
        click.echo(f"skipped: {problem}", err=True)
    click.echo(f"imported {count} places into {gazetteer.path} ({len(source.problems)} rows skipped)")


@gazetteer_group.command("build")
@gazetteer_option
def build_command(gazetteer_path: Path | None) -> None:
    """Build the index now (it is otherwise built on first use) and say where it is."""
    with user_errors():
        gazetteer = load_gazetteer(gazetteer_path)
    size_mb = gazetteer.path.stat().st_size / 1e6
    click.echo(f"{gazetteer.path}: {gazetteer.index.place_count} places, {size_mb:.0f} MB")
