"""Geoparser on the shared benchmarks: scores (via the shared scorer), speed and start-up.

Runs ``geo.geoparse`` end to end and ``geo.resolve_spans`` on the gold spans for
``../shared/benchmarks/{lgl,geovirus}.jsonl``, writes the predictions to a temporary
folder, scores them with ``../shared/benchmarks/score.py`` and prints its JSON line for
each, followed by articles per second (one process, one core) and the start-up time.
The first figure is the corpora re-cut into 3,000-character articles with every cache
cold, taken in new processes and given as the median and range, since CPU time on a
shared machine swings by a third from run to run.

    .venv/bin/python benchmarks/bench_geoparse.py [--gazetteer PATH] [--corpus lgl] [--mode e2e] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo.cli.geoparse_cmd import toponym_record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
CORPORA = ("lgl", "geovirus")
MODES = ("e2e", "resolution")
#: throughput is also reported per 3,000 characters, the size of a typical news article
ARTICLE_CHARS = 3000


def run_corpus(corpus: str, mode: str, gazetteer, out_dir: Path, repeat: int) -> tuple[Path, list[float], int, int]:
    """Predict one corpus in one mode; returns (predictions file, CPU seconds per run, articles, characters).

    Times are CPU time of this process (the machine may be busy with other work; the target
    is articles per second on one core). Each run starts without the geoparser's readings
    kept from earlier articles; the gazetteer's own look-up cache stays warm after the first.
    """
    from geo.geoparse import forget_readings, geoparse, resolve_spans

    with (SHARED / f"{corpus}.jsonl").open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    characters = sum(len(a["text"]) for a in articles)
    seconds = []
    for _ in range(repeat):
        forget_readings()
        began = time.process_time()
        records = []
        for article in articles:
            if mode == "e2e":
                toponyms = geoparse(article["text"], gazetteer)
            else:
                spans = [(t["start"], t["end"]) for t in article["toponyms"]]
                toponyms = resolve_spans(article["text"], spans, gazetteer)
            records.append({"id": article["id"], "toponyms": [toponym_record(t) for t in toponyms]})
        seconds.append(time.process_time() - began)
    predictions = out_dir / f"{corpus}-{mode}.jsonl"
    predictions.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return predictions, seconds, len(articles), characters


def articles_of(size: int, corpus: str) -> list[str]:
    """The corpus's texts joined and cut into articles of ``size`` characters."""
    with (SHARED / f"{corpus}.jsonl").open(encoding="utf-8") as lines:
        joined = "\n\n".join(json.loads(line)["text"] for line in lines if line.strip())
    return [joined[i : i + size] for i in range(0, len(joined) - size + 1, size)]


def time_fixed_size(gazetteer, corpus: str) -> float:
    """Articles per CPU second geoparsing the corpus re-cut into articles of exactly 3,000 characters."""
    from geo.geoparse import forget_readings, geoparse

    texts = articles_of(ARTICLE_CHARS, corpus)
    forget_readings()
    began = time.process_time()
    for text in texts:
        geoparse(text, gazetteer)
    return len(texts) / (time.process_time() - began)


def cold_rates(corpus: str, gazetteer_path: Path | None, runs: int) -> list[float]:
    """The re-cut rate in ``runs`` new processes, each with every cache cold after start-up
    (CPU time on a shared machine swings, so one run says little)."""
    command = [sys.executable, __file__, "--cold-run", corpus]
    if gazetteer_path:
        command += ["--gazetteer", str(gazetteer_path)]
    rates = []
    for _ in range(runs):
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rates.append(float(done.stdout.strip().splitlines()[-1]))
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazetteer", type=Path, help="place index (default: the user cache)")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="only this corpus (repeatable)")
    parser.add_argument("--mode", choices=MODES, action="append", help="only this mode (repeatable)")
    parser.add_argument("--keep", type=Path, help="keep predictions and per-toponym details in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus and mode; the fastest is reported")
    parser.add_argument("--cold-runs", type=int, default=3, help="new processes for the re-cut measure")
    parser.add_argument("--cold-run", choices=CORPORA, help=argparse.SUPPRESS)  # one such process
    args = parser.parse_args()
    if not (SHARED / "score.py").exists():
        print(f"{SHARED} is absent: the benchmarks live in ../shared next to the repository", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    began = time.perf_counter()
    from gazetteer.resolver import open_gazetteer
    from geo.geoparse import geoparse, recognizer_for

    gazetteer = open_gazetteer(args.gazetteer)
    recognizer_for(gazetteer)
    geoparse("Troops crossed from Kabul to Khorog.", gazetteer)
    startup = time.perf_counter() - began
    if args.cold_run:
        print(time_fixed_size(gazetteer, args.cold_run))
        return 0
    print(f"start-up (open index, load names, first article): {startup:.2f} s")

    for corpus in args.corpus or CORPORA:
        rates = sorted(cold_rates(corpus, args.gazetteer, max(args.cold_runs, 1)))
        print(
            f"  {corpus} re-cut into articles of {ARTICLE_CHARS} chars, caches cold: median "
            f"{rates[len(rates) // 2]:.0f} articles/s over {len(rates)} new processes "
            f"(from {rates[0]:.0f} to {rates[-1]:.0f})"
        )
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="bench-geoparse-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for corpus in args.corpus or CORPORA:
        for mode in args.mode or MODES:
            run = run_corpus(corpus, mode, gazetteer, out_dir, max(args.repeat, 1))
            predictions, seconds, articles, characters = run
            command = [sys.executable, str(SHARED / "score.py"), str(SHARED / f"{corpus}.jsonl"), str(predictions)]
            command += ["--mode", mode, "--label", f"{corpus} {mode}"]
            if args.keep:
                command += ["--details", str(out_dir / f"{corpus}-{mode}-details.jsonl")]
            scored = subprocess.run(command, capture_output=True, text=True, check=False)
            print(scored.stdout.strip() or scored.stderr.strip())
            scale = characters / (ARTICLE_CHARS * articles)  # 3,000-char articles per article
            first, fastest = seconds[0], min(seconds)
            print(
                f"  {corpus} {mode}: {articles} articles (mean {characters / articles:.0f} chars); "
                f"first run {first:.2f} CPU s = {articles / first:.0f} articles/s = "
                f"{articles / first * scale:.0f} {ARTICLE_CHARS}-char articles/s; fastest of {len(seconds)} "
                f"{fastest:.2f} CPU s = {articles / fastest * scale:.0f} {ARTICLE_CHARS}-char articles/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
