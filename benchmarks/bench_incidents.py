"""Incident extraction scored against the hand-annotated corpus in ``benchmarks/incident_corpus``.

The corpus holds short news articles written for this project (wire, local outlet, NGO
release, machine-translated English; .txt, .md and .html) about border movements and
related events: deportations, refugee arrivals, soldiers fleeing, deployments, seizures,
closures. ``gold.jsonl`` has one line per article::

    {"document": "01_adre_wire.txt", "reference_date": "2023-06-18",
     "incidents": [{"event_type", "location", "country_code", "count", "count_qualifier",
                    "count_low", "count_high", "origin_country", "destination_country",
                    "cumulative", "date", "note", "event"?}, ...],
     "never_crossings": [27, 180, ...]}

``location`` is the place as written (null for a movement into a country with no place
named); ``country_code`` is where the incident is placed; ``date`` is the day the article
gives for the event (or, for a running total, the day it was stated), null when it gives
none. Counts follow :class:`geo.model.CountQualifier` ("nearly", "up to" are at_most; a
range's count is its low end; "dozens of" has no count); a count of families or
households is the number stated (the note says so). A movement is placed where the
people arrive when the crossing has a name on both sides (Torkham), else at the named
crossing; a deployment's destination is the country the troops are sent into. ``event``
(optional) names an event that several articles report: in the merged run those gold
incidents are one. ``never_crossings`` are numbers in the article that must never be the
count of a border crossing (ages, years, casualties, troops, tallies...).

The extractor runs through :func:`geo.pipeline.extract_from_documents`, each article with
its gold reference date: first every article alone, then all together (reconciled across
articles). A running total that the extractor reports as a group without parts counts as
a prediction of a cumulative, country-level incident; a stated total whose parts are
listed is not an incident (the parts are). A prediction matches a gold incident with the
same event type, country and place: both country-level, or folded names (case and accents
ignored) equal or one containing the other word for word. The place's surface in the text
and the name of the gazetteer place it resolved to both count. In the merged run the
prediction must also cite one of the gold incident's articles. Pairs are taken greedily,
one to one, preferring pairs that agree on cumulative, count, qualifier and date. Of the
matched pairs, the rates say how often count, qualifier, origin, destination, date and
the cumulative flag are right (in the merged run, any article's value is right).

    .venv/bin/python benchmarks/bench_incidents.py [--corpus DIR] [--gazetteer PATH] [--mode both] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gazetteer.normalize import fold
from geo.errors import InputError
from geo.incidents.sentences import split_sentences
from geo.ingest import read_document
from geo.model import RUNNING_TOTAL, Document, EventType, ExtractionResult, IncidentGroup

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "incident_corpus"
EVENT_TYPES = tuple(str(kind) for kind in EventType)
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "unknown")
#: the attributes of a matched incident that are scored: the gold's field (every article's values) and the prediction's
ATTRIBUTES = {
    "count": ("counts", "count"),
    "qualifier": ("qualifiers", "qualifier"),
    "origin": ("origins", "origin"),
    "destination": ("destinations", "destination"),
    "date": ("dates", "date"),
    "cumulative": ("cumulative", "cumulative"),
}
_QUOTED = re.compile(r"(?:^|(?<=[\s(:]))'(.+?)'(?=[\s:;,.)]|$)")


class GoldError(ValueError):
    """The gold file or the corpus is not usable; the message says where and why."""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated article."""

    name: str
    reference_date: date
    incidents: tuple[dict, ...]
    never_crossings: frozenset[int]


@dataclass(slots=True)
class GoldItem:
    """A gold incident, or in the merged run the incidents of several articles that are one event.

    Sets hold every article's value: in the merged run, any of them is right.
    """

    event_type: str
    country_code: str
    locations: tuple[str, ...]  # empty: country-level
    counts: set[int | None]
    qualifiers: set[str]
    origins: set[str]
    destinations: set[str]
    dates: set[str | None]
    cumulative: bool
    exact_counts: set[int]  # counts stated as exact: two different ones are a conflict
    documents: tuple[str, ...]
    sentences: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def label(self) -> str:
        where = "/".join(self.locations) or f"({self.country_code}, country-level)"
        counts = "/".join("?" if c is None else f"{c:,}" for c in sorted(self.counts, key=lambda c: c or 0))
        qualifiers = "/".join(sorted(self.qualifiers))
        running = " cumulative" if self.cumulative else ""
        return f"{self.event_type} {where} [{self.country_code}] {counts} {qualifiers}{running}"


@dataclass(slots=True)
class Predicted:
    """One predicted incident (or running total), in the terms of the gold."""

    event_type: str
    location: str | None  # None: country-level
    names: tuple[str, ...]  # the surface and the resolved place's name
    country_code: str
    count: int | None
    qualifier: str
    origin: str
    destination: str
    date: str | None
    cumulative: bool
    documents: tuple[str, ...]
    sentence: str
    flags: tuple[str, ...] = ()
    kind: str = "incident"  # or "running total" (a group without parts)

    @property
    def label(self) -> str:
        where = self.location or f"({self.country_code or '?'}, country-level)"
        count = "?" if self.count is None else f"{self.count:,}"
        running = " cumulative" if self.cumulative else ""
        return f"{self.event_type} {where} [{self.country_code or 'unplaced'}] {count} {self.qualifier}{running}"


@dataclass(slots=True)
class Score:
    """Matching outcome of one run."""

    gold: list[GoldItem] = field(default_factory=list)
    predicted: list[Predicted] = field(default_factory=list)
    pairs: list[tuple[GoldItem, Predicted]] = field(default_factory=list)
    violations: list[tuple[str, Predicted]] = field(default_factory=list)

    def misses(self) -> list[GoldItem]:
        matched = {id(gold) for gold, _ in self.pairs}
        return [gold for gold in self.gold if id(gold) not in matched]

    def spurious(self) -> list[Predicted]:
        matched = {id(predicted) for _, predicted in self.pairs}
        return [predicted for predicted in self.predicted if id(predicted) not in matched]


# --- gold ------------------------------------------------------------------------------------


def load_gold(corpus: Path) -> list[GoldDocument]:
    """The annotated articles of ``corpus/gold.jsonl``, checked for the fields the scorer reads."""
    path = corpus / "gold.jsonl"
    if not path.is_file():
        raise GoldError(f"{path}: no gold file")
    documents: list[GoldDocument] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            name = record["document"]
            reference = date.fromisoformat(record["reference_date"])
            incidents = tuple(record["incidents"])
            never = frozenset(int(n) for n in record["never_crossings"])
        except (ValueError, KeyError, TypeError) as error:
            raise GoldError(f"{where}: {error!r}") from error
        for incident in incidents:
            _check_incident(where, incident)
        if not (corpus / name).is_file():
            raise GoldError(f"{where}: {name} is not in {corpus}")
        documents.append(GoldDocument(name, reference, incidents, never))
    if not documents:
        raise GoldError(f"{path}: no documents")
    return documents


def _check_incident(where: str, incident: dict) -> None:
    if incident.get("event_type") not in EVENT_TYPES:
        raise GoldError(f"{where}: unknown event_type {incident.get('event_type')!r}")
    if incident.get("count_qualifier") not in QUALIFIERS:
        raise GoldError(f"{where}: unknown count_qualifier {incident.get('count_qualifier')!r}")
    if not isinstance(incident.get("country_code"), str) or len(incident["country_code"]) != 2:
        raise GoldError(f"{where}: country_code must be ISO alpha-2, got {incident.get('country_code')!r}")
    if incident.get("date") is not None:
        date.fromisoformat(incident["date"])


def gold_sentence(text: str, note: str) -> str:
    """The sentence of ``text`` that the note quotes (its longest quoted piece), or the note itself."""
    pieces = [
        piece.strip() for quoted in _QUOTED.findall(note) for piece in quoted.split("...") if len(piece.strip()) > 3
    ]
    for piece in sorted(pieces, key=len, reverse=True):
        at = text.find(piece)
        if at >= 0:
            for sentence in split_sentences(text):
                if sentence.start <= at < sentence.end:
                    return sentence.text.strip()
    return note


def gold_items(documents: Sequence[GoldDocument], texts: dict[str, str], *, merged: bool) -> list[GoldItem]:
    """Gold incidents as items: one per incident, or in the merged run one per ``event``."""
    items: list[GoldItem] = []
    by_event: dict[str, GoldItem] = {}
    for document in documents:
        for incident in document.incidents:
            sentence = gold_sentence(texts[document.name], incident.get("note", ""))
            location = incident["location"]
            event = incident.get("event") if merged else None
            if event and event in by_event:
                item = by_event[event]
                if location and location not in item.locations:
                    item.locations += (location,)
                item.counts.add(incident["count"])
                item.qualifiers.add(incident["count_qualifier"])
                item.origins.add(incident["origin_country"])
                item.destinations.add(incident["destination_country"])
                item.dates.add(incident["date"])
                item.exact_counts |= _exact(incident)
                item.documents += (document.name,)
                item.sentences += (sentence,)
                item.notes += (incident.get("note", ""),)
                continue
            item = GoldItem(
                event_type=incident["event_type"],
                country_code=incident["country_code"],
                locations=(location,) if location else (),
                counts={incident["count"]},
                qualifiers={incident["count_qualifier"]},
                origins={incident["origin_country"]},
                destinations={incident["destination_country"]},
                dates={incident["date"]},
                cumulative=bool(incident["cumulative"]),
                exact_counts=_exact(incident),
                documents=(document.name,),
                sentences=(sentence,),
                notes=(incident.get("note", ""),),
            )
            if event:
                by_event[event] = item
            items.append(item)
    return items


def _exact(incident: dict) -> set[int]:
    exact = incident["count_qualifier"] == "exact" and incident["count"] is not None
    return {incident["count"]} if exact else set()


# --- predictions -----------------------------------------------------------------------------


def predictions(result: ExtractionResult) -> list[Predicted]:
    """The result's incidents, and its groups without parts (running totals), as predictions."""
    found: list[Predicted] = []
    for incident in result.incidents:
        place = incident.place
        country_level = place is not None and place.is_country
        names = (incident.location, *((place.name,) if place is not None else ()))
        source = incident.sources[0] if incident.sources else None
        found.append(
            Predicted(
                event_type=str(incident.event_type),
                location=None if country_level else incident.location,
                names=tuple(name for name in names if name),
                country_code=place.country_code if place is not None else "",
                count=incident.count.value,
                qualifier=str(incident.count.qualifier),
                origin=incident.origin_country,
                destination=incident.destination_country,
                date=incident.date.isoformat() if incident.date else None,
                cumulative=RUNNING_TOTAL in incident.flags,
                documents=tuple(dict.fromkeys(s.document for s in incident.sources)),
                sentence=source.sentence if source else "",
                flags=tuple(incident.flags),
            )
        )
    found.extend(_running_total(group) for group in result.groups if not group.parts)
    return found


def _running_total(group: IncidentGroup) -> Predicted:
    return Predicted(
        event_type=str(group.event_type),
        location=None,
        names=(),
        country_code=group.destination_country,
        count=group.total.value,
        qualifier=str(group.total.qualifier),
        origin=group.origin_country,
        destination=group.destination_country,
        date=group.date.isoformat() if group.date else None,
        cumulative=group.cumulative,
        documents=tuple(dict.fromkeys(s.document for s in group.sources)),
        sentence=group.sources[0].sentence if group.sources else "",
        kind="running total",
    )


# --- matching --------------------------------------------------------------------------------


def same_place(gold_names: Sequence[str], predicted_names: Sequence[str]) -> bool:
    """Folded names equal, or the words of one a run of the words of the other."""
    for gold_name in gold_names:
        gold_words = fold(gold_name).split()
        for predicted_name in predicted_names:
            predicted_words = fold(predicted_name).split()
            if (
                gold_words
                and predicted_words
                and (_contains(gold_words, predicted_words) or _contains(predicted_words, gold_words))
            ):
                return True
    return False


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def compatible(gold: GoldItem, predicted: Predicted, *, merged: bool) -> bool:
    """Same event type, country and place (and in the merged run, a shared article)."""
    if gold.event_type != predicted.event_type or gold.country_code != predicted.country_code:
        return False
    if merged and not set(gold.documents) & set(predicted.documents):
        return False
    if not gold.locations or predicted.location is None:
        return not gold.locations and predicted.location is None
    return same_place(gold.locations, predicted.names)


def agreement(gold: GoldItem, predicted: Predicted) -> dict[str, bool]:
    """Which attributes of a matched pair are right."""
    return {key: _predicted(predicted, key) in _gold_values(gold, key) for key in ATTRIBUTES}


def match(
    gold: Sequence[GoldItem], predicted: Sequence[Predicted], *, merged: bool
) -> list[tuple[GoldItem, Predicted]]:
    """Greedy one-to-one pairs among the compatible ones, those that agree on more attributes first."""
    candidates = []
    for g, gold_item in enumerate(gold):
        for p, predicted_item in enumerate(predicted):
            if compatible(gold_item, predicted_item, merged=merged):
                agrees = agreement(gold_item, predicted_item)
                order = tuple(not agrees[key] for key in ("cumulative", "count", "qualifier", "date"))
                candidates.append((order, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((gold[g], predicted[p]))
    return pairs


def violations(predicted: Iterable[Predicted], never: dict[str, frozenset[int]]) -> list[tuple[str, Predicted]]:
    """Border crossings whose count is a number one of their articles says is no crossing."""
    found = []
    for item in predicted:
        if item.event_type != EventType.BORDER_CROSSING or item.count is None:
            continue
        for document in item.documents:
            if item.count in never.get(document, frozenset()):
                found.append((document, item))
                break
    return found


# --- runs ------------------------------------------------------------------------------------


def read_corpus(corpus: Path, gold: Sequence[GoldDocument]) -> list[Document]:
    """Each gold article read as the CLI reads it, with its gold reference date."""
    return [read_document(corpus / doc.name, reference_date=doc.reference_date) for doc in gold]


def run(documents: Sequence[Document], gold: Sequence[GoldDocument], gazetteer, *, merged: bool) -> Score:
    """Extract (each article alone, or all together) and match against the gold."""
    from geo.pipeline import extract_from_documents

    texts = {document.name: document.text for document in documents}
    never = {doc.name: doc.never_crossings for doc in gold}
    score = Score(gold=gold_items(gold, texts, merged=merged))
    if merged:
        score.predicted = predictions(extract_from_documents(documents, gazetteer))
        score.pairs = match(score.gold, score.predicted, merged=True)
    else:
        for document in documents:
            predicted = predictions(extract_from_documents([document], gazetteer))
            for item in predicted:
                item.documents = item.documents or (document.name,)
            own_gold = [item for item in score.gold if item.documents == (document.name,)]
            score.predicted.extend(predicted)
            score.pairs.extend(match(own_gold, predicted, merged=False))
    score.violations = violations(score.predicted, never)
    return score


# --- reports ---------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def by_type(score: Score) -> dict[str, dict[str, float | int | None]]:
    """Gold, predicted, matched, precision, recall and F1 per event type, and for all."""
    gold = Counter(item.event_type for item in score.gold)
    predicted = Counter(item.event_type for item in score.predicted)
    matched = Counter(g.event_type for g, _ in score.pairs)
    table = {}
    for kind in (*EVENT_TYPES, "all"):
        if kind == "all":
            n_gold, n_predicted, n_matched = len(score.gold), len(score.predicted), len(score.pairs)
        else:
            n_gold, n_predicted, n_matched = gold[kind], predicted[kind], matched[kind]
        if kind != "all" and not (n_gold or n_predicted):
            continue
        precision, recall = _ratio(n_matched, n_predicted), _ratio(n_matched, n_gold)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        table[kind] = {
            "gold": n_gold,
            "predicted": n_predicted,
            "matched": n_matched,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }
    return table


def attribute_rates(score: Score) -> dict[str, float | None]:
    """Of the matched pairs, how often each attribute is right."""
    agreements = [agreement(gold, predicted) for gold, predicted in score.pairs]
    return {key: _ratio(sum(a[key] for a in agreements), len(agreements)) for key in ATTRIBUTES}


def merging(score: Score) -> dict[str, int]:
    """Events several articles report: matched to one incident citing all of them; conflicts flagged.

    ``matched_citing_other_articles`` counts matched incidents that also cite an article that
    does not report them (reports of different events merged into one).
    """
    multi = [item for item in score.gold if len(set(item.documents)) > 1]
    matched = dict((id(g), p) for g, p in score.pairs)
    complete = sum(1 for g in multi if id(g) in matched and set(g.documents) <= set(matched[id(g)].documents))
    conflicting = [g for g in multi if len(g.exact_counts) > 1]
    flagged = sum(1 for g in conflicting if id(g) in matched and "conflicting_counts" in matched[id(g)].flags)
    return {
        "multi_source_events": len(multi),
        "matched_with_all_sources": complete,
        "events_with_conflicting_counts": len(conflicting),
        "conflicts_flagged": flagged,
        "matched_citing_other_articles": sum(1 for g, p in score.pairs if set(p.documents) - set(g.documents)),
    }


def summary(score: Score, *, merged: bool) -> dict:
    """The numbers of one run, for ``--json``."""
    data = {
        "by_type": by_type(score),
        "matched_rates": attribute_rates(score),
        "violations": len(score.violations),
        "misses": len(score.misses()),
        "spurious": len(score.spurious()),
    }
    if merged:
        data["merging"] = merging(score)
    return data


def print_report(name: str, score: Score, *, merged: bool, out=sys.stdout) -> None:
    """Tables, then the violations, misses, spurious predictions and wrong attributes, for people."""
    print(f"== {name}", file=out)
    print(f"{'event type':<18}{'gold':>6}{'pred':>6}{'match':>7}{'prec':>7}{'recall':>8}{'F1':>6}", file=out)
    for kind, row in by_type(score).items():
        print(
            f"{kind:<18}{row['gold']:>6}{row['predicted']:>6}{row['matched']:>7}"
            f"{_percent(row['precision']):>7}{_percent(row['recall']):>8}{_percent(row['f1']):>6}",
            file=out,
        )
    rates = attribute_rates(score)
    print(
        f"of {len(score.pairs)} matched: " + ", ".join(f"{key} {_percent(rate)}" for key, rate in rates.items()),
        file=out,
    )
    if merged:
        m = merging(score)
        print(
            f"events told by several articles: {m['multi_source_events']}, matched to one incident citing all:"
            f" {m['matched_with_all_sources']}; with conflicting counts: {m['events_with_conflicting_counts']},"
            f" flagged: {m['conflicts_flagged']}; matched incidents that also cite an article not reporting them:"
            f" {m['matched_citing_other_articles']}",
            file=out,
        )
        matched = {id(g): p for g, p in score.pairs}
        for gold in (item for item in score.gold if len(set(item.documents)) > 1):
            found = matched.get(id(gold))
            outcome = (
                f"{found.label}, cites {', '.join(found.documents)}"
                + (f", flags {list(found.flags)}" if found.flags else "")
                if found
                else "not found"
            )
            print(f"  {gold.label} in {', '.join(gold.documents)}\n      -> {outcome}", file=out)
    if not merged:
        print_documents(score, out=out)
    print(f"violations (a never-crossing number as a crossing count): {len(score.violations)}", file=out)
    for document, item in score.violations:
        print(f"  {document}: {item.label}\n      | {_clip(item.sentence)}", file=out)
    misses = score.misses()
    print(f"misses (gold not found): {len(misses)}", file=out)
    for item in misses:
        print(f"  {', '.join(dict.fromkeys(item.documents))}: {item.label}", file=out)
        for sentence in dict.fromkeys(item.sentences):
            print(f"      | {_clip(sentence)}", file=out)
    spurious = score.spurious()
    unplaced = sum(1 for item in spurious if not item.country_code)
    print(
        f"spurious (predicted, not in gold): {len(spurious)}, {unplaced} of them unplaced (name not resolved)", file=out
    )
    for item in spurious:
        kind = f" ({item.kind})" if item.kind != "incident" else ""
        print(f"  {', '.join(item.documents)}: {item.label}{kind}\n      | {_clip(item.sentence)}", file=out)
    wrong = [(g, p, [k for k, ok in agreement(g, p).items() if not ok]) for g, p in score.pairs]
    wrong = [entry for entry in wrong if entry[2]]
    print(f"matched with wrong attributes: {len(wrong)}", file=out)
    for gold, predicted, keys in wrong:
        details = ", ".join(f"{key}: {_gold_value(gold, key)} -> {_predicted_value(predicted, key)}" for key in keys)
        print(f"  {', '.join(dict.fromkeys(gold.documents))}: {gold.label}: {details}", file=out)
    print(file=out)


def print_documents(score: Score, *, out=sys.stdout) -> None:
    """Gold, predicted and matched incidents per article (each article alone)."""
    gold = Counter(item.documents[0] for item in score.gold)
    predicted = Counter(item.documents[0] for item in score.predicted if item.documents)
    matched = Counter(g.documents[0] for g, _ in score.pairs)
    print(f"{'article':<32}{'gold':>6}{'pred':>6}{'match':>7}", file=out)
    for name in gold:
        print(f"{name:<32}{gold[name]:>6}{predicted[name]:>6}{matched[name]:>7}", file=out)


def _gold_values(gold: GoldItem, key: str) -> set:
    values = getattr(gold, ATTRIBUTES[key][0])
    return values if isinstance(values, set) else {values}


def _predicted(predicted: Predicted, key: str) -> object:
    return getattr(predicted, ATTRIBUTES[key][1])


def _gold_value(gold: GoldItem, key: str) -> str:
    return "/".join(sorted(str(v) if v not in (None, "") else "-" for v in _gold_values(gold, key)))


def _predicted_value(predicted: Predicted, key: str) -> str:
    value = _predicted(predicted, key)
    return "-" if value in (None, "") else str(value)


def _clip(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the articles and gold.jsonl")
    parser.add_argument("--gazetteer", type=Path, default=None, help="place index (default: the user cache)")
    parser.add_argument("--mode", choices=("both", "single", "merged"), default="both")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line instead of the tables")
    args = parser.parse_args(argv)

    from gazetteer.errors import GazetteerError
    from gazetteer.resolver import open_gazetteer

    try:
        gold = load_gold(args.corpus)
        documents = read_corpus(args.corpus, gold)
        gazetteer = open_gazetteer(args.gazetteer)
    except (GoldError, InputError, GazetteerError, OSError) as error:
        print(f"bench_incidents: {error}", file=sys.stderr)
        return 1
    modes = ("single", "merged") if args.mode == "both" else (args.mode,)
    scores = {mode: run(documents, gold, gazetteer, merged=mode == "merged") for mode in modes}
    if args.json:
        record = {"documents": len(documents), **{m: summary(s, merged=m == "merged") for m, s in scores.items()}}
        print(json.dumps(record, sort_keys=True))
        return 0
    print(f"corpus: {args.corpus} ({len(documents)} articles, {sum(len(d.incidents) for d in gold)} gold incidents)\n")
    titles = {"single": "each article alone", "merged": "all articles together (reconciled)"}
    for mode, score in scores.items():
        print_report(titles[mode], score, merged=mode == "merged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
