"""Find every place mentioned in a text and resolve it, using the whole document as context.

Recognition (:mod:`geo.recognize`) finds the mentions. Resolution then runs twice:

1. each mention alone, to learn what the document is about: the countries it names
   (directly, through a demonym such as "Afghan", or through a province or a large city)
   and the places whose reading is not in doubt;
2. each mention again, with that focus as context (:class:`ResolutionContext`: preferred
   countries, places nearby, stated containers such as "Langar of Ishkashim District" or
   "Paris, Texas", and the feature a cue asked for), containers before their members.

A weak name (a small place with no cue) whose best reading lies outside the document's
countries is dropped: in news text that is far more often a surname or a word than a
hamlet on another continent.

>>> from gazetteer.resolver import open_gazetteer
>>> [t.place.country_code for t in geoparse("Troops crossed from Kabul to Khorog.", open_gazetteer())]
['AF', 'TJ']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.disambiguate import ResolutionContext
from gazetteer.place import Candidate, Place, Resolution
from gazetteer.resolver import Gazetteer
from geo.model import Toponym
from geo.recognize.names import name_table
from geo.recognize.recognizer import STRONG, Mention, Recognizer

#: a resolution is "confident" when its best candidate leads the next by this much
CONFIDENT_MARGIN = 0.3
#: below this prior, an uncued name must resolve inside the document's countries
WEAK = 0.5
_FOCUS_WEIGHT = {"country": 2.0, "demonym": 1.0, "admin": 1.5, "place": 1.0}
#: a country is in focus with at least this share of the leading country's votes
_FOCUS_SHARE = 0.3
_MAX_FOCUS_COUNTRIES = 3
_MAX_NEAR = 12
#: places within this many characters of a mention make its local context
_LOCAL_WINDOW = 300

_RECOGNIZERS: dict[int, tuple[Gazetteer, Recognizer]] = {}


def recognizer_for(gazetteer: Gazetteer) -> Recognizer:
    """The recogniser over this gazetteer's names, built once per process."""
    entry = _RECOGNIZERS.get(id(gazetteer))
    if entry is None or entry[0] is not gazetteer:
        entry = _RECOGNIZERS[id(gazetteer)] = (gazetteer, Recognizer(name_table(gazetteer)))
    return entry[1]


def geoparse(text: str, gazetteer: Gazetteer, *, context: ResolutionContext | None = None) -> list[Toponym]:
    """Every toponym in ``text`` with its resolution, ``text[t.start:t.end] == t.surface``.

    Parameters
    ----------
    text : the document, exactly as received (offsets are Python ``str`` offsets into it).
    gazetteer : an open :class:`Gazetteer`.
    context : what the caller already knows (e.g. ``countries=("TJ",)``); it comes first.

    Returns
    -------
    The toponyms in text order; an unresolved one has ``resolution.place is None``.
    """
    mentions = recognizer_for(gazetteer).find(text)
    return _DocumentResolver(gazetteer, context or ResolutionContext()).resolve(mentions, drop_weak=True)


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    context: ResolutionContext | None = None,
) -> list[Toponym]:
    """Resolve given toponym spans (gold spans), keeping each exactly as given and in order."""
    for start, end in spans:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span ({start}, {end}) is not inside a text of {len(text)} characters")
    mentions = recognizer_for(gazetteer).describe(text, spans)
    return _DocumentResolver(gazetteer, context or ResolutionContext()).resolve(mentions, drop_weak=False)


@dataclass(slots=True)
class _Focus:
    """What a first reading says the document is about."""

    countries: tuple[str, ...]
    near: tuple[Place, ...]


class _DocumentResolver:
    """Resolves the mentions of one document against each other."""

    def __init__(self, gazetteer: Gazetteer, base: ResolutionContext) -> None:
        self.gazetteer = gazetteer
        self.base = base

    def resolve(self, mentions: list[Mention], *, drop_weak: bool) -> list[Toponym]:
        first = self._first_pass(mentions)
        focus = self._focus(mentions, first)
        final = self._second_pass(mentions, first, focus)
        focus = self._focus(mentions, final)
        final = self._second_pass(mentions, final, focus)
        toponyms = []
        for mention, resolution in zip(mentions, final, strict=True):
            if drop_weak and self._unsupported(mention, resolution, focus):
                continue
            toponyms.append(Toponym(mention.start, mention.end, mention.surface, resolution, mention.kind))
        return toponyms

    def _context(self, mention: Mention, countries: tuple[str, ...] = (), **extra) -> ResolutionContext:
        if mention.kind == "demonym":
            return ResolutionContext(countries=(mention.country_code,), feature_hint="country")
        return ResolutionContext(
            text=self.base.text,
            countries=tuple(dict.fromkeys((*self.base.countries, *countries))),
            near=(*self.base.near, *extra.get("near", ())),
            within=(*self.base.within, *extra.get("within", ())),
            feature_hint=mention.feature_hint or self.base.feature_hint,
        )

    def _best(self, mention: Mention, context: ResolutionContext) -> Resolution:
        """The best resolution over a mention's queries (an acronym's expansions, "X District" and "X")."""
        best = None
        for query in mention.queries:
            resolution = self.gazetteer.resolve(query, context)
            if best is None or (resolution.resolved, resolution.score) > (best.resolved, best.score):
                best = resolution
        return best

    def _first_pass(self, mentions: list[Mention]) -> list[Resolution]:
        cache: dict[tuple, Resolution] = {}
        results = []
        for mention in mentions:
            key = (mention.queries, mention.feature_hint, mention.country_code)
            if key not in cache:
                cache[key] = self._best(mention, self._context(mention))
            results.append(cache[key])
        return results

    def _focus(self, mentions: list[Mention], readings: list[Resolution]) -> _Focus:
        """The document's countries and its places not in doubt.

        Each mention votes for countries in proportion to its candidates' scores, so a
        "Georgia" in a text full of Georgia towns votes mostly for the US state's country;
        a demonym votes for its country, a mention of a country or division counts more.
        """
        votes: Counter[str] = Counter()
        for mention, resolution in zip(mentions, readings, strict=True):
            if mention.kind == "demonym":
                votes[mention.country_code] += _FOCUS_WEIGHT["demonym"]
                continue
            if resolution.place is None:
                continue
            shares: Counter[str] = Counter()
            for candidate in (Candidate(resolution.place, resolution.score, ""), *resolution.alternatives):
                shares[candidate.place.country_code] += max(candidate.score, 0.0)
            total = sum(shares.values()) or 1.0
            place = resolution.place
            kind = "country" if place.is_country else "admin" if place.is_admin_division else "place"
            for code, share in shares.items():
                votes[code] += _FOCUS_WEIGHT[kind] * share / total
        ranked = [(code, vote) for code, vote in votes.most_common(_MAX_FOCUS_COUNTRIES) if code]
        countries = tuple(code for code, vote in ranked if vote >= _FOCUS_SHARE * ranked[0][1])
        near: dict[str, Place] = {}
        for mention, resolution in zip(mentions, readings, strict=True):
            place = resolution.place
            if (
                place is not None
                and not place.is_country
                and place.country_code in countries
                and _confident(resolution)
                and (mention.weight >= STRONG or mention.cued)
            ):
                near.setdefault(place.id, place)
        return _Focus(countries, tuple(near.values())[:_MAX_NEAR])

    def _second_pass(self, mentions: list[Mention], first: list[Resolution], focus: _Focus) -> list[Resolution]:
        """Each mention again in the document's context, stated containers before their members."""
        final: list[Resolution | None] = [None] * len(mentions)
        is_container = {c for m in mentions for c in m.within}
        order = sorted(range(len(mentions)), key=lambda i: (i not in is_container, i))
        local = _local_countries(mentions, first)
        cache: dict[tuple, Resolution] = {}
        for index in order:
            mention, reading = mentions[index], first[index]
            within = tuple(
                resolution.place for c in mention.within if (resolution := final[c] or first[c]).place is not None
            )
            countries = tuple(dict.fromkeys((*local[index], *focus.countries)))
            place = reading.place
            settled = (
                place is not None
                and place.country_code in countries[:1] + focus.countries
                and (_confident(reading) or place.feature_code == "ADM1" or place.is_country)
            )
            if mention.kind == "demonym" or (settled and not within) or (not reading.alternatives and not within):
                final[index] = reading
                continue
            key = (mention.queries, mention.feature_hint, countries, tuple(p.id for p in within))
            if key not in cache:
                context = self._context(mention, countries, near=focus.near, within=within)
                cache[key] = self._best(mention, context)
            final[index] = cache[key]
        return [r for r in final if r is not None]

    @staticmethod
    def _unsupported(mention: Mention, resolution: Resolution, focus: _Focus) -> bool:
        """A weak, uncued name whose reading falls outside the document's countries."""
        if mention.kind == "demonym" or mention.cued or mention.weight >= WEAK:
            return False
        place = resolution.place
        return place is None or (bool(focus.countries) and place.country_code not in focus.countries)


def _local_countries(mentions: list[Mention], readings: list[Resolution]) -> list[tuple[str, ...]]:
    """For each mention, the country that the places around it clearly lie in, if any.

    Places in a list or a paragraph ("Khorog, Vanj District, Ishkashim and Langar") are
    mostly in one country, even when the document as a whole is more about its neighbour.
    Only confident readings of places on the ground (not countries, not demonyms) count.
    """
    grounded = [
        (mention.start, resolution.place.country_code)
        for mention, resolution in zip(mentions, readings, strict=True)
        if mention.kind != "demonym"
        and resolution.place is not None
        and not resolution.place.is_country
        and _confident(resolution)
    ]
    starts = [start for start, _code in grounded]
    result = []
    for mention in mentions:
        low = bisect_left(starts, mention.start - _LOCAL_WINDOW)
        high = bisect_right(starts, mention.start + _LOCAL_WINDOW)
        votes = Counter(code for start, code in grounded[low:high] if start != mention.start)
        ranked = votes.most_common(2)
        clear = ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
        result.append((ranked[0][0],) if clear else ())
    return result


def _confident(resolution: Resolution) -> bool:
    if resolution.place is None:
        return False
    if not resolution.alternatives:
        return True
    return resolution.score - resolution.alternatives[0].score >= CONFIDENT_MARGIN
