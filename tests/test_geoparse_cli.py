"""``geo geoparse`` run for real: click's CliRunner, and once as ``python -m geo``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geo.cli.geoparse_cmd import geoparse_command

ARTICLE = "Afghan soldiers crossed from Eshkashem into Tajikistan and reached Khorog on Monday."


@pytest.fixture()
def run(gazetteer):
    """Invoke the command on the session's index, with standard input."""

    def invoke(*args: str, stdin: str = ""):
        runner = CliRunner()
        return runner.invoke(geoparse_command, [*args, "--gazetteer", str(gazetteer.path)], input=stdin)

    return invoke


def test_plain_text_gives_json_with_offsets(run):
    result = run(stdin=ARTICLE)
    assert result.exit_code == 0, result.output
    toponyms = json.loads(result.stdout)["toponyms"]
    assert [t["name"] for t in toponyms] == ["Afghan", "Eshkashem", "Tajikistan", "Khorog"]
    for toponym in toponyms:
        assert ARTICLE[toponym["start"] : toponym["end"]] == toponym["name"]
    assert [t["country_code"] for t in toponyms] == ["AF", "AF", "TJ", "TJ"]
    assert set(toponyms[0]) >= {
        "start",
        "end",
        "name",
        "lat",
        "lon",
        "country_code",
        "feature_code",
        "geonameid",
        "score",
    }


def test_a_text_file_argument(run, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Trucks left Kabul at dawn.\r\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert [t["country_code"] for t in json.loads(result.stdout)["toponyms"]] == ["AF"]


def test_a_missing_file_is_one_line_on_stderr(run, tmp_path):
    result = run(str(tmp_path / "absent.txt"))
    assert result.exit_code == 1
    assert "absent.txt" in result.stderr and "Traceback" not in result.stderr


def test_jsonl_reports_bad_lines_and_goes_on(run):
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": "b", "text": 42}),
        "",
        json.dumps({"id": 3, "text": "Nothing here."}),
        json.dumps({"id": "c", "text": "Paris, Texas\u2028and Kabul"}),
    ]
    result = run("--jsonl", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["id"] for record in out] == ["a", 3, "c"]
    assert out[1]["toponyms"] == []
    assert [t["name"] for t in out[2]["toponyms"]] == ["Paris", "Texas", "Kabul"]
    assert "<stdin>:2:" in result.stderr and "<stdin>:3:" in result.stderr
    assert "2 bad input line(s)" in result.stderr


def test_gold_spans_are_kept_exactly(run):
    text = "From Kabul to the W.Va. border and on to Khorog."
    spans = [{"start": 5, "end": 10, "name": "Kabul"}, {"start": 18, "end": 23, "name": "W.Va."}]
    spans.append({"start": 41, "end": 47, "name": "Khorog"})
    good = json.dumps({"id": "g", "text": text, "toponyms": spans})
    wrong = json.dumps({"id": "w", "text": text, "toponyms": [{"start": 0, "end": 4, "name": "Kabul"}]})
    result = run("--gold-spans", stdin=good + "\n" + wrong + "\n")
    assert result.exit_code == 1
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(t["start"], t["end"], t["name"]) for t in record["toponyms"]] == [
        (s["start"], s["end"], s["name"]) for s in spans
    ]
    assert record["toponyms"][0]["country_code"] == "AF"
    assert record["toponyms"][2]["country_code"] == "TJ"
    assert "<stdin>:2:" in result.stderr and "'From'" in result.stderr


def test_unresolved_places_have_null_coordinates(run):
    record = json.dumps({"id": "u", "text": "They met at Qqqxyzzy.", "toponyms": [{"start": 12, "end": 20}]})
    result = run("--gold-spans", stdin=record + "\n")
    assert result.exit_code == 0, result.stderr
    (toponym,) = json.loads(result.stdout)["toponyms"]
    assert (toponym["lat"], toponym["lon"], toponym["country_code"]) == (None, None, None)


def test_python_dash_m_geo_geoparse(gazetteer):
    from geo.cli import main

    if "geoparse" not in main.commands:
        pytest.skip("geoparse is not registered in geo.cli yet")
    line = json.dumps({"id": "x", "text": ARTICLE})
    done = subprocess.run(
        [sys.executable, "-m", "geo", "geoparse", "--jsonl", "--gazetteer", str(gazetteer.path)],
        input=line + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(out) for out in done.stdout.splitlines()]
    assert record["id"] == "x"
    assert [t["country_code"] for t in record["toponyms"]] == ["AF", "AF", "TJ", "TJ"]
