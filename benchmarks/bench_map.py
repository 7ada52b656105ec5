"""How long the incident map takes to build, how big the file is, how much memory it needs.

    .venv/bin/python benchmarks/bench_map.py [--sizes 1000 10000 100000] [--unique-sentences]

Each size runs in a fresh subprocess (so peak RSS is that size's own), building a
synthetic extraction result of realistic shape: incidents of every event type over
35–40N 66–75E, about 5,000 distinct places with admin names, counts with qualifiers,
a date, an actor and one or two source sentences of 90–160 characters. By default a
sentence reports about two incidents (as lists in news text do);
``--unique-sentences`` gives every incident sentences of its own (the worst case for
file size). Time is build_map + save_map (render, check, atomic write), wall clock
and CPU (the CPU figure does not grow when other work shares the machine). The
limits from the issue: 100,000 incidents in under 5 s and under 20 MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from gazetteer.place import Place
from geo.mapping import build_map, save_map
from geo.model import (
    Count,
    CountQualifier,
    EventType,
    ExtractionResult,
    Incident,
    IncidentGroup,
    SourceRef,
)

LIMIT_SECONDS = 5.0
LIMIT_MB = 20.0
_WORDS = (
    "officials said soldiers crossed the river near the village after fighting overnight while "
    "border guards reported that families had gathered at the checkpoint and local authorities "
    "confirmed the figures on Monday according to a statement from the regional administration"
).split()
_EVENT_WEIGHTS = {
    EventType.BORDER_CROSSING: 50,
    EventType.TERRITORY_SEIZED: 20,
    EventType.DEPLOYMENT: 10,
    EventType.FACILITY_CLOSURE: 8,
    EventType.REFUGE_SOUGHT: 7,
    EventType.OTHER: 5,
}


def _sentence(rng: random.Random) -> str:
    words = []
    while len(" ".join(words)) < rng.randint(90, 160):
        words.append(rng.choice(_WORDS))
    return " ".join(words).capitalize() + "."


def synthetic_result(n: int, unique_sentences: bool, seed: int = 1) -> ExtractionResult:
    """``n`` incidents over 5,000 places; groups of seven crossings with a stated total."""
    rng = random.Random(seed)
    places = [
        Place(
            id=f"bench:{k}",
            name=f"Place {k}",
            lat=rng.uniform(35, 40),
            lon=rng.uniform(66, 75),
            country_code=rng.choice(("TJ", "AF", "UZ")),
            admin1=f"Region {k % 40}",
            admin2=f"District {k % 400}",
        )
        for k in range(5_000)
    ]
    types, weights = zip(*_EVENT_WEIGHTS.items(), strict=True)
    sentences: list[str] = []
    incidents: list[Incident] = []
    for k in range(n):
        if unique_sentences or k % 2 == 0:
            sentences = [_sentence(rng) for _ in range(rng.choice((1, 1, 2)))]
        count = rng.randint(1, 2_000)
        qualifier = rng.choice((CountQualifier.EXACT, CountQualifier.EXACT, CountQualifier.APPROX))
        incidents.append(
            Incident(
                id=f"i{k}",
                event_type=rng.choices(types, weights)[0],
                location=f"Place {k % 5_000}",
                place=places[k % 5_000],
                count=Count(count, qualifier, f"{count} people"),
                actor=rng.choice(("Afghan soldiers", "Taliban", "border guards", "")),
                origin_country="AF",
                destination_country="TJ",
                date=date(2021, 6, 1) + timedelta(days=k % 90),
                date_precision="day",
                geo_precision=rng.choice((1, 1, 2, 3)),
                sources=[SourceRef(f"doc{k // 4}.txt", s, 0, len(s)) for s in sentences],
                confidence=round(rng.uniform(0.4, 0.95), 2),
            )
        )
    groups = []
    for start in range(0, n - 7, 50):
        parts = incidents[start : start + 7]
        total = sum(i.count.value for i in parts)
        for part in parts:
            part.group_id = f"g{start}"
        groups.append(
            IncidentGroup(f"g{start}", EventType.BORDER_CROSSING, Count(total), [p.id for p in parts], total, True)
        )
    return ExtractionResult(incidents=incidents, groups=groups)


def measure(n: int, unique_sentences: bool) -> dict:
    """Build and save one map of ``n`` incidents; report seconds, megabytes and RSS (before, peak)."""
    result = synthetic_result(n, unique_sentences)
    rss_before = _current_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.html"
        cpu = time.process_time()
        start = time.perf_counter()
        m = build_map(result, title=f"{n:,} incidents")
        built = time.perf_counter()
        save_map(m, path)
        done = time.perf_counter()
        cpu = time.process_time() - cpu
        size = path.stat().st_size
    return {
        "n": n,
        "build_s": built - start,
        "total_s": done - start,
        "cpu_s": cpu,
        "load": os.getloadavg()[0],
        "mb": size / 1e6,
        "rss_before_mb": rss_before,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _current_rss_mb() -> float:
    """Resident memory now (Linux), so that the map's own share of the peak shows."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--unique-sentences", action="store_true", help="no sentence shared by incidents")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the subprocess for one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.unique_sentences)))
        return

    rows = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--one", str(n)]
        command += ["--unique-sentences"] if args.unique_sentences else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.splitlines()[-1]))

    mode = "a sentence of its own per incident" if args.unique_sentences else "sentences shared by ~2"
    print(f"map build ({mode}); limits: {LIMIT_SECONDS} s and {LIMIT_MB} MB at 100,000")
    print(
        f"{'incidents':>10} {'build s':>8} {'+save s':>8} {'CPU s':>6} {'load':>5} {'MB':>7} "
        f"{'RSS before MB':>14} {'peak RSS MB':>12} "
        f"{'incidents/s':>12} {'bytes/incident':>15}"
    )
    for row in rows:
        print(
            f"{row['n']:>10,} {row['build_s']:>8.2f} {row['total_s']:>8.2f} {row['cpu_s']:>6.2f} {row['load']:>5.1f} "
            f"{row['mb']:>7.2f} "
            f"{row['rss_before_mb']:>14.0f} {row['peak_rss_mb']:>12.0f} {row['n'] / row['total_s']:>12,.0f} "
            f"{row['mb'] * 1e6 / row['n']:>15,.0f}"
        )
    for previous, row in itertools.pairwise(rows):
        print(
            f"{previous['n']:,} -> {row['n']:,} incidents (x{row['n'] / previous['n']:.0f}): "
            f"time x{row['total_s'] / previous['total_s']:.1f}, size x{row['mb'] / previous['mb']:.1f}, "
            f"peak RSS x{row['peak_rss_mb'] / previous['peak_rss_mb']:.1f}"
        )
    for row in rows:
        if row["n"] == 100_000:
            verdict = "within" if row["total_s"] < LIMIT_SECONDS and row["mb"] < LIMIT_MB else "OVER"
            print(
                f"100,000 incidents: {row['total_s']:.2f} s wall ({row['cpu_s']:.2f} s CPU, "
                f"load average {row['load']:.1f} on {os.cpu_count()} cores), {row['mb']:.1f} MB: {verdict} the limits"
            )


if __name__ == "__main__":
    main()
