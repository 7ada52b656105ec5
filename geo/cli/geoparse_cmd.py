"""``geo geoparse``: find and resolve the places in text, one document or a JSON Lines batch."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from geo.cli.common import gazetteer_option, load_gazetteer, user_errors
from geo.errors import InputError
from geo.model import Toponym


class BadLine(ValueError):
    """An input line that cannot be used; the batch reports it and goes on."""


@click.command("geoparse")
@click.argument("source", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--jsonl", is_flag=True, help='Read JSON Lines {"id", "text"}; write one JSON line per input.')
@click.option(
    "--gold-spans",
    is_flag=True,
    help='With JSON Lines whose "toponyms" give [{"start", "end", "name"}]: only resolve those spans.',
)
@click.option("--country", "countries", multiple=True, help="Prefer places in this country (ISO alpha-2); repeatable.")
@gazetteer_option
def geoparse_command(
    source: Path | None, jsonl: bool, gold_spans: bool, countries: tuple[str, ...], gazetteer_path: Path | None
) -> None:
    """Find every place named in SOURCE (a file, or standard input) and resolve it.

    Plain text in, one JSON object out. With --jsonl, each input line
    {"id", "text"} gives one output line {"id", "toponyms": [{"start", "end",
    "name", "lat", "lon", "country_code", "feature_code", "geonameid", "score"}]};
    offsets are Python str offsets into the text, and lat/lon are null for a place
    found but not resolved. A bad line is reported on stderr with its number and
    the run goes on (exit status 1 at the end).

    Example: geo geoparse --jsonl < articles.jsonl > toponyms.jsonl
    """
    from gazetteer.disambiguate import ResolutionContext

    context = ResolutionContext(countries=tuple(c.upper() for c in countries))
    bad = 0
    with user_errors(), _open_input(source) as stream:
        gazetteer = load_gazetteer(gazetteer_path)
        if not (jsonl or gold_spans):
            text = _read_text(stream, source)
            from geo.geoparse import geoparse

            toponyms = geoparse(text, gazetteer, context=context)
            click.echo(json.dumps({"toponyms": [toponym_record(t) for t in toponyms]}, ensure_ascii=False, indent=2))
            return
        for line_number, line in _lines(stream):
            try:
                record = parse_line(line, gold_spans=gold_spans)
                click.echo(json.dumps(_parse_record(record, gazetteer, context, gold_spans), ensure_ascii=False))
            except BadLine as error:
                bad += 1
                click.echo(f"{_name(source)}:{line_number}: {error}; line skipped", err=True)
    if bad:
        raise click.ClickException(f"{bad} bad input line(s) skipped")


def toponym_record(toponym: Toponym) -> dict[str, Any]:
    """The JSON form of one toponym; place fields are null when it is unresolved."""
    place = toponym.place
    return {
        "start": toponym.start,
        "end": toponym.end,
        "name": toponym.surface,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code or None if place else None,
        "feature_code": place.feature_code or None if place else None,
        "geonameid": place.geonameid if place else None,
        "score": round(toponym.resolution.score, 4),
        "kind": toponym.kind,
    }


def parse_line(line: bytes, *, gold_spans: bool) -> dict[str, Any]:
    """One input line as {"id", "text"[, "spans"]}, or :class:`BadLine` saying what is wrong."""
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise BadLine(f"not UTF-8 (byte 0x{line[error.start]:02x} at {error.start})") from error
    except json.JSONDecodeError as error:
        raise BadLine(f"not JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(record, dict):
        raise BadLine(f"expected a JSON object, got {type(record).__name__}")
    if "id" not in record:
        raise BadLine('no "id"')
    text = record.get("text")
    if not isinstance(text, str):
        raise BadLine(f'"text" must be a string, got {type(text).__name__}')
    parsed = {"id": record["id"], "text": text}
    if gold_spans:
        parsed["spans"] = _spans(record.get("toponyms"), text)
    return parsed


def _spans(toponyms: Any, text: str) -> list[tuple[int, int]]:
    if not isinstance(toponyms, list):
        raise BadLine('"toponyms" must be a list of {"start", "end", "name"}')
    spans = []
    for number, toponym in enumerate(toponyms, start=1):
        start = toponym.get("start") if isinstance(toponym, dict) else None
        end = toponym.get("end") if isinstance(toponym, dict) else None
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise BadLine(f"toponym {number}: start/end must be integers with 0 <= start < end <= {len(text)}")
        name = toponym.get("name")
        if name is not None and text[start:end] != name:
            raise BadLine(f"toponym {number}: text[{start}:{end}] is {text[start:end]!r}, not {name!r}")
        spans.append((start, end))
    return spans


def _parse_record(record: dict[str, Any], gazetteer, context, gold_spans: bool) -> dict[str, Any]:
    from geo.geoparse import geoparse, resolve_spans

    if gold_spans:
        toponyms = resolve_spans(record["text"], record["spans"], gazetteer, context=context)
    else:
        toponyms = geoparse(record["text"], gazetteer, context=context)
    return {"id": record["id"], "toponyms": [toponym_record(t) for t in toponyms]}


def _open_input(source: Path | None) -> contextlib.AbstractContextManager[IO[bytes]]:
    if source is None:
        return contextlib.nullcontext(sys.stdin.buffer)
    try:
        return source.open("rb")
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror})") from error


def _read_text(stream: IO[bytes], source: Path | None) -> str:
    data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"expected UTF-8 text, got byte 0x{data[error.start]:02x} at offset {error.start}"
        raise InputError(_name(source), reason) from error


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines, split on "\\n" only (JSON strings may hold U+2028)."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield number, raw


def _name(source: Path | None) -> str:
    return str(source) if source is not None else "<stdin>"
