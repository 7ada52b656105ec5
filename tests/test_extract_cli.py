"""``geo extract`` through click's CliRunner: outputs, and bad input that never gives a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner

from geo.cli.extract_cmd import extract_command

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STORY = (
    "Guards report a crossing\n\nOn Monday 60 Afghan soldiers crossed into Tajikistan through "
    "Panji Poyon (40 people) and Panj (20 people), officials said.\n"
)


def run(*args: str):
    return CliRunner().invoke(extract_command, [str(a) for a in args], catch_exceptions=False)


def test_examples_to_geojson_on_stdout() -> None:
    outcome = run(EXAMPLES, "--date", "2023-09-14")
    assert outcome.exit_code == 0, outcome.stderr
    collection = json.loads(outcome.stdout)
    features = collection["features"]
    types = {f["properties"]["event_type"] for f in features}
    assert types >= {"border_crossing", "territory_seized", "deployment", "facility_closure"}
    panj = [f for f in features if f["properties"]["location"] == "Panji Poyon"]
    assert len(panj) == 1 and panj[0]["properties"]["count"] == 186
    lon, lat = panj[0]["geometry"]["coordinates"]
    assert abs(lat - 37.19) < 0.1 and abs(lon - 68.58) < 0.1
    assert "border_crossing" in outcome.stderr and "from 4 documents" in outcome.stderr


def test_jsonl_on_stdout() -> None:
    outcome = run(EXAMPLES, "--format", "jsonl")
    rows = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert rows and all("event_type" in row and "sources" in row for row in rows)


@pytest.mark.parametrize("name", ["incidents.geojson", "incidents.csv", "incidents.gpkg"])
def test_output_file(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    outcome = run(EXAMPLES, "-o", target)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == ""
    if target.suffix == ".csv":
        assert "latitude" in target.read_text(encoding="utf-8").splitlines()[0]
    else:
        layer = {"layer": "incidents"} if target.suffix == ".gpkg" else {}
        assert len(gpd.read_file(target, **layer)) >= 10


def test_binary_format_needs_a_file() -> None:
    outcome = run(EXAMPLES, "--format", "gpkg")
    assert outcome.exit_code == 2 and "-o" in outcome.stderr


def test_bad_date_is_a_usage_error() -> None:
    outcome = run(EXAMPLES, "--date", "14/09/2023")
    assert outcome.exit_code == 2 and "YYYY-MM-DD" in outcome.stderr


def make_bad_inputs(folder: Path) -> list[str]:
    """A folder of unusable files; returns the names the warnings must mention."""
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Réfugiés à la frontière".encode("latin-1"))
    with (folder / "huge.txt").open("wb") as stream:
        stream.truncate(50_000_000)
    (folder / "gone.md").symlink_to(folder / "missing-target.md")  # unreadable, even for root
    names = ["empty.txt", "binary.txt", "latin1.txt", "huge.txt", "gone.md"]
    if os.geteuid() != 0:  # root reads any file whatever its mode
        locked = folder / "locked.txt"
        locked.write_text(STORY)
        locked.chmod(0)
        names.append("locked.txt")
    return names


def test_bad_files_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    names = make_bad_inputs(tmp_path)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    outcome = run(tmp_path, "--format", "jsonl")
    assert outcome.exit_code == 0, outcome.stderr
    warnings = [line for line in outcome.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == len(names)
    for name in names:
        assert any(name in line for line in warnings), name
    assert "file too large: 50,000,000 bytes" in outcome.stderr
    rows = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert sorted(row["count"] for row in rows if row["event_type"] == "border_crossing") == [20, 40]
    assert "Traceback" not in outcome.output


def test_no_usable_input_is_a_clean_error(tmp_path: Path) -> None:
    make_bad_inputs(tmp_path)
    outcome = run(tmp_path)
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("Error: ") and "no usable input" in outcome.stderr
    assert "empty.txt" in outcome.stderr and "Traceback" not in outcome.output


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    outcome = run(tmp_path / "absent.txt")
    assert outcome.exit_code == 1 and "absent.txt: no such file or directory" in outcome.stderr
    outcome = run(tmp_path)
    assert outcome.exit_code == 1 and "no .txt, .md or .html files" in outcome.stderr
