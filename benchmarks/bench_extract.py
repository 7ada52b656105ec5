"""Incident extraction speed: articles per second on one core, and start-up time.

The corpus is the project's example articles plus, when present, the five real articles
in ../shared/seeds, each cut or repeated to about 3,000 characters (a typical news
article), cycled to ``--articles`` documents. Each document is geoparsed and extracted,
then all are reconciled (:func:`geo.pipeline.extract_from_documents`); the time of the
extraction alone (sentences, counts, rules, lists, merge) is reported apart. Rates are
per CPU second of this process (``time.process_time``), which is what one dedicated
core would give on a machine shared with other work; wall-clock time is shown too.

    .venv/bin/python benchmarks/bench_extract.py [--articles 1000] [--gazetteer PATH]
"""

from __future__ import annotations

import argparse
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLE_CHARS = 3000


def corpus(count: int) -> list:
    """``count`` documents of about 3,000 characters from the examples and the seeds."""
    from geo.ingest import iter_input_paths, read_document
    from geo.model import Document

    sources = [ROOT / "examples", *([SEEDS] if SEEDS.is_dir() else [])]
    texts = []
    for path in iter_input_paths(sources):
        text = read_document(path).text
        while len(text) < ARTICLE_CHARS:
            text += "\n\n" + text
        cut = text.rfind("\n", 0, ARTICLE_CHARS)
        texts.append(text[: cut if cut > ARTICLE_CHARS // 2 else ARTICLE_CHARS])
    return [Document(f"article-{index:05d}.txt", text) for index, text in enumerate(islice(cycle(texts), count))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--gazetteer", type=Path, default=None, help="place index (default: the user cache)")
    args = parser.parse_args()

    started = time.perf_counter()  # start-up: wall clock, as a user waits for it
    from gazetteer.resolver import open_gazetteer
    from geo.geoparse import geoparse
    from geo.incidents.extract import extract_document
    from geo.incidents.merge import merge_documents

    gazetteer = open_gazetteer(args.gazetteer)
    documents = corpus(args.articles)
    geoparse(documents[0].text, gazetteer)  # builds the recogniser: part of start-up
    startup = time.perf_counter() - started

    parsed, extract_seconds, reports = 0.0, 0.0, []
    wall, began = time.perf_counter(), time.process_time()
    for document in documents:
        tick = time.process_time()
        toponyms = geoparse(document.text, gazetteer)
        tock = time.process_time()
        reports.append(extract_document(document, toponyms, gazetteer))
        parsed += tock - tick
        extract_seconds += time.process_time() - tock
    tick = time.process_time()
    incidents, groups = merge_documents(reports)
    merge_seconds = time.process_time() - tick
    total, wall = time.process_time() - began, time.perf_counter() - wall

    characters = sum(len(d.text) for d in documents)
    print(f"documents: {len(documents)} ({characters / len(documents):,.0f} characters on average)")
    print(f"start-up: {startup:.2f} s (open the gazetteer, build the recogniser)")
    print(f"end to end: {len(documents) / total:,.0f} articles/s per CPU second ({total:.2f} s CPU, {wall:.2f} s wall)")
    print(f"  geoparse: {len(documents) / parsed:,.0f} articles/s")
    print(
        f"  incident extraction: {len(documents) / extract_seconds:,.0f} articles/s;"
        f" merge of {sum(len(r.reports) for r in reports)} reports: {merge_seconds:.2f} s"
    )
    print(f"result: {len(incidents)} incidents, {len(groups)} groups")


if __name__ == "__main__":
    main()
