"""Gazetteer speed and size: index build, exact and fuzzy lookups, a new process's first lookup.

Run: .venv/bin/python benchmarks/bench_gazetteer.py [--rebuild]
Targets (issue 2): exact p50 < 50 us warm, fuzzy p50 < 2 ms, first lookup in a new process < 1 s.
The names looked up are drawn from the index itself (every 97th name), not from any benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gazetteer.resolver import default_index_path, open_gazetteer


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="build a fresh index in a temporary folder")
    args = parser.parse_args()

    if args.rebuild:
        path = Path(tempfile.mkdtemp()) / "gazetteer.sqlite"
        started = time.perf_counter()
        gazetteer = open_gazetteer(path)
        print(f"index build: {time.perf_counter() - started:.1f} s")
    else:
        path = default_index_path()
        gazetteer = open_gazetteer(path)
    print(f"index: {path} {path.stat().st_size / 1e6:.0f} MB, {gazetteer.index.place_count:,} places")

    names = [key for i, (key, _prior) in enumerate(gazetteer.recognition_names()) if i % 97 == 0][:3000]
    for name in names[:200]:  # warm the page cache
        gazetteer.index.lookup(name)
    exact = []
    for name in names:
        started = time.perf_counter()
        gazetteer.index.lookup(name)
        exact.append((time.perf_counter() - started) * 1e6)
    print(
        f"exact lookup (index): n={len(exact)} p50 {statistics.median(exact):.1f} us, "
        f"p99 {percentile(exact, 0.99):.1f} us, {len(exact) / sum(exact) * 1e6:,.0f} lookups/s"
    )

    resolve = []
    for name in names[:1000]:
        started = time.perf_counter()
        gazetteer.resolve(name)
        resolve.append((time.perf_counter() - started) * 1e6)
    print(
        f"resolve (candidates + ranking): p50 {statistics.median(resolve):.1f} us, "
        f"p99 {percentile(resolve, 0.99):.0f} us"
    )

    misspelt = [name[:-1] + ("x" if name[-1] != "x" else "q") for name in names if len(name) >= 6][:300]
    gazetteer.matcher.find(misspelt[0], ("TJ", "AF"), True)  # load the regional name list once
    gazetteer.matcher.find(misspelt[0], (), True)  # and the global one
    fuzzy_regional, fuzzy_global = [], []
    for name in misspelt:
        started = time.perf_counter()
        gazetteer.matcher._fuzzy(name, "", ("TJ", "AF"))
        fuzzy_regional.append((time.perf_counter() - started) * 1e3)
        started = time.perf_counter()
        gazetteer.matcher._fuzzy(name, "", ())
        fuzzy_global.append((time.perf_counter() - started) * 1e3)
    print(
        f"fuzzy lookup: regional (TJ+AF) p50 {statistics.median(fuzzy_regional):.2f} ms, "
        f"global (prominent places) p50 {statistics.median(fuzzy_global):.2f} ms"
    )

    code = (
        "import time; t = time.perf_counter(); from gazetteer.resolver import open_gazetteer; "
        f"g = open_gazetteer({str(path)!r}); g.resolve('Khorog'); print(time.perf_counter() - t)"
    )
    started = time.perf_counter()
    inside = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    total = time.perf_counter() - started
    print(f"new process, first lookup: {inside:.3f} s after start-up, {total:.3f} s including the interpreter")


if __name__ == "__main__":
    main()
