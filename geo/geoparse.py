"""Find every place mentioned in a text and resolve it, using the whole document as context.

Recognition (:mod:`geo.recognize`) finds the mentions. Resolution reads them three times:

1. each mention alone (remembered across documents), to learn what the document is
   about: the countries it names (directly, through a demonym such as "Afghan", or
   through the candidates of its places, weighted by score) and, by spatial coherence,
   which candidate of each name lies near the candidates of the other names
   ("Columbus" with "Muscogee County" is the Georgia city; "Huntsville" with "Walker
   County" the Texas town, whose county it is);
2. twice more in that context (:class:`ResolutionContext`: the document's or the
   paragraph's country first, anchor places mentioned nearby, stated containers such
   as "Langar of Ishkashim District" or "Paris, Texas", the feature a cue asked for),
   containers before their members. A reading that the context cannot change (a
   country, a division of the main country, a confident or coherent reading) is kept.

A weak name (a small place with no cue) whose best reading lies outside the document's
countries is dropped: in news text that is far more often a surname or a word than a
hamlet on another continent. A place the gazetteer lacks but the text names as one
("the village of X") is kept, unresolved.

>>> from gazetteer.resolver import open_gazetteer
>>> [t.place.country_code for t in geoparse("Troops crossed from Kabul to Khorog.", open_gazetteer())]
['AF', 'TJ']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from gazetteer.countries import neighbours
from gazetteer.disambiguate import ResolutionContext
from gazetteer.normalize import fold
from gazetteer.place import Place, Resolution
from gazetteer.resolver import Gazetteer
from geo.model import APPROXIMATE_SOURCE, Toponym
from geo.recognize.names import name_table
from geo.recognize.recognizer import Mention, Recognizer

#: a resolution is "confident" when its best candidate leads the next by this much
CONFIDENT_MARGIN = 0.3
#: below this prior, an uncued name must resolve inside the document's countries
WEAK = 0.5
#: below this prior, a name read outside the document's countries is taken as a place the gazetteer lacks
_STRAY_BELOW = 0.75
_FOCUS_WEIGHT = {"country": 2.0, "demonym": 1.0, "admin": 1.5, "place": 1.0}
#: a country is in focus with at least this share of the leading country's votes
_FOCUS_SHARE = 0.3
_MAX_FOCUS_COUNTRIES = 3
#: only candidates within this margin of a name's best reading share its vote
_FOCUS_MARGIN = 0.5
_MAX_NEAR = 3
#: how often the mentions are read again in the document's context
_CONTEXT_PASSES = 2
#: a reading that this many other names agree with (by distance or containment) is settled
_SETTLING_SUPPORT = 2
#: places within this many characters of a mention make its local context
_LOCAL_WINDOW = 300
#: candidates of one name considered for coherence, and the distances that make two "near"
_COHERENCE_CANDIDATES = 6
_COHERENCE_KM = 100.0
_COHERENCE_SLACK = 0.4
_COHERENCE_POINT_KM = 50.0
_COHERENCE_MAX_REACH_KM = 150.0

#: an unknown name is placed at a place named within this many characters of it (a few paragraphs), ...
_NEAR_NAMED_WINDOW = 1000
#: ... with at least this uncertainty
_NEAR_NAMED_KM = 25.0

#: context-free readings kept per process: names recur across articles ("U.S.", "Kabul")
_READINGS_KEPT = 20_000

_ENGINES: dict[int, tuple[Gazetteer, Recognizer, OrderedDict]] = {}


def recognizer_for(gazetteer: Gazetteer) -> Recognizer:
    """The recogniser over this gazetteer's names, built once per process."""
    return _engine(gazetteer)[1]


def forget_readings() -> None:
    """Drop the context-free readings kept across documents (for memory, or fair timing)."""
    for _gazetteer, _recognizer, readings in _ENGINES.values():
        readings.clear()


def _engine(gazetteer: Gazetteer) -> tuple[Gazetteer, Recognizer, OrderedDict]:
    entry = _ENGINES.get(id(gazetteer))
    if entry is None or entry[0] is not gazetteer:
        entry = _ENGINES[id(gazetteer)] = (gazetteer, Recognizer(name_table(gazetteer)), OrderedDict())
    return entry


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
    coherent: dict[tuple[str, ...], tuple[int, Place]]
    anchors: list[tuple[int, Place]]  # (where mentioned, place), in text order
    local: list[tuple[str, ...]]  # each mention's clear local country, if any
    sole_voter: tuple[str, ...] | None  # the queries of the one name that gave every vote, if only one did

    def countries_for(self, queries: tuple[str, ...]) -> tuple[str, ...]:
        """The document's countries for reading a name: none when that name alone gave them, since
        a name is no evidence for its own reading (a lone "Paris" is not in the US because most
        places called Paris are)."""
        return () if queries == self.sole_voter else self.countries

    def near_to(self, position: int) -> tuple[Place, ...]:
        """The anchors mentioned around ``position`` (a list, a paragraph), then the document's."""
        low = bisect_left(self.anchors, position - _LOCAL_WINDOW, key=lambda anchor: anchor[0])
        high = bisect_right(self.anchors, position + _LOCAL_WINDOW, key=lambda anchor: anchor[0])
        around = [place for start, place in self.anchors[low:high] if start != position]
        unique: dict[str, Place] = {}  # by id: hashing whole places costs more than the rest
        for place in (*around[:_MAX_NEAR], *self.near):
            unique.setdefault(place.id, place)
        return tuple(unique.values())


class _DocumentResolver:
    """Resolves the mentions of one document against each other."""

    def __init__(self, gazetteer: Gazetteer, base: ResolutionContext) -> None:
        self.gazetteer = gazetteer
        self.base = base
        self._cache: dict[tuple, Resolution] = {}

    def resolve(self, mentions: list[Mention], *, drop_weak: bool) -> list[Toponym]:
        final = self._first_pass(mentions)
        focus = self._focus(mentions, final)
        # In context; then again from the new readings, whose better focus settles a few more names.
        for done in range(1, _CONTEXT_PASSES + 1):
            again = self._second_pass(mentions, final, focus)
            unchanged = all(new is old for new, old in zip(again, final, strict=True))
            final = again
            if unchanged:
                break  # the same readings give the same focus, and another pass the same readings
            if done < _CONTEXT_PASSES:
                focus = self._focus(mentions, final)
        grounded = [
            (mention.start, resolution.place)
            for mention, resolution in zip(mentions, final, strict=True)
            if resolution.place is not None and not resolution.place.is_country and not resolution.place.spans_countries
        ]
        toponyms = []
        for mention, resolution in zip(mentions, final, strict=True):
            if drop_weak and self._unsupported(mention, resolution, focus):
                continue
            if _stray(mention, resolution, focus):
                # the text says a place is here ("the Milak crossing"), but the gazetteer knows the name
                # only as a small place in a country the story does not name: place it by its neighbours
                resolution = Resolution(
                    resolution.query,
                    None,
                    0.0,
                    f"only {resolution.place.name} ({resolution.place.country_code}) by that name, outside the"
                    " story's countries",
                    resolution.alternatives,
                )
            if resolution.place is None and mention.kind != "demonym":
                resolution = _near_named_place(mention, resolution, grounded)
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
            feature_hint=mention.feature_hint or extra.get("feature_hint") or self.base.feature_hint,
        )

    def _best(self, mention: Mention, context: ResolutionContext) -> Resolution:
        """The best resolution over a mention's queries (an acronym's expansions, "X District"
        and "X"); a reading in the document's main country first ("S.C." in a US story)."""
        top = context.countries[0] if context.countries else ""
        best, best_rank = None, None
        for query in mention.queries:
            resolution = self.gazetteer.resolve(query, context)
            place = resolution.place
            rank = (place is not None, place is not None and place.country_code == top, resolution.score)
            if best_rank is None or rank > best_rank:
                best, best_rank = resolution, rank
        return best

    def _first_pass(self, mentions: list[Mention]) -> list[Resolution]:
        """Each mention alone (with only the caller's context), remembered across documents."""
        kept = _engine(self.gazetteer)[2] if self.base == ResolutionContext() else OrderedDict()
        results = []
        for mention in mentions:
            key = (mention.queries, mention.feature_hint, mention.country_code)
            reading = kept.get(key)
            if not mention.listed:
                reading = Resolution(mention.query, None, 0.0, "not in the gazetteer; named as a place by the text")
            elif reading is None:
                reading = kept[key] = self._best(mention, self._context(mention))
                if len(kept) > _READINGS_KEPT:
                    kept.popitem(last=False)
            results.append(reading)
        return results

    def _focus(self, mentions: list[Mention], readings: list[Resolution]) -> _Focus:
        """The document's countries and its places not in doubt.

        Each mention votes for countries in proportion to its candidates' scores above its
        best score less ``_FOCUS_MARGIN``, so a "Georgia" in a text full of Georgia towns
        votes mostly for the US state's country, while the many small US Londons and
        Glasgows do not make a story about Britain a US story (a country's name keeps all
        its namesakes' shares, so four "Georgia"s in a story naming Arizona and Oregon do not
        make it a story about the Caucasus); a demonym votes for its country, a mention of a
        country or division counts more.
        """
        votes: Counter[str] = Counter()
        voters: set[tuple[str, ...]] = set()
        votes_of: dict[int, list[tuple[str, float]]] = {}  # by reading (its id): a name recurs with one reading
        for mention, resolution in zip(mentions, readings, strict=True):
            if mention.kind == "demonym":
                votes[mention.country_code] += _FOCUS_WEIGHT["demonym"]
                voters.add(mention.queries)
                continue
            if resolution.place is None:
                continue
            voters.add(mention.queries)
            cast = votes_of.get(id(resolution))
            if cast is None:
                cast = votes_of[id(resolution)] = _country_votes(resolution)
            for code, vote in cast:
                votes[code] += vote
        ranked = [(code, vote) for code, vote in votes.most_common(_MAX_FOCUS_COUNTRIES) if code]
        countries = tuple(code for code, vote in ranked if vote >= _FOCUS_SHARE * ranked[0][1])
        coherent = _coherent_places(mentions, readings)
        local = _local_countries(mentions, readings)
        near: dict[str, tuple[int, Place]] = {place.id: (support, place) for support, place in coherent.values()}
        anchors: list[tuple[int, Place]] = []
        for mention, resolution, around in zip(mentions, readings, local, strict=True):
            agreed = coherent.get(mention.queries)
            if agreed and around and agreed[1].country_code not in around:
                agreed = None  # one name, two places: the Ishkashim of a Tajik list is not the Afghan one
            place = agreed[1] if agreed else resolution.place
            if agreed or (
                place and not place.is_country and place.country_code in countries and _confident(resolution)
            ):
                near.setdefault(place.id, (0, place))
                anchors.append((mention.start, place))
        ranked_near = sorted(near.values(), key=lambda item: -item[0])
        return _Focus(
            countries,
            tuple(place for _support, place in ranked_near[:_MAX_NEAR]),
            coherent,
            anchors,
            local,
            next(iter(voters)) if len(voters) == 1 else None,
        )

    def _second_pass(self, mentions: list[Mention], first: list[Resolution], focus: _Focus) -> list[Resolution]:
        """Each mention again in the document's context, stated containers before their members.

        A country's name that is also a division of the main country is read in that country,
        and as the division when the story names other divisions of it ("Georgia" beside
        "Arizona" and "Oregon").
        """
        final: list[Resolution | None] = [None] * len(mentions)
        is_container = {c for m in mentions for c in m.within}
        order = sorted(range(len(mentions)), key=lambda i: (i not in is_container, i))
        local = focus.local
        cache = self._cache
        divisions_named = {
            r.place.country_code for r in first if r.place is not None and r.place.feature_code == "ADM1"
        }
        for index in order:
            mention, reading = mentions[index], first[index]
            if not mention.listed or mention.kind == "demonym" or not (reading.alternatives or mention.within):
                final[index] = reading  # nothing in the context to choose between
                continue
            within = _containers(reading, [final[c] or first[c] for c in mention.within])
            # A clear local country (a list of places in Tajikistan) outweighs the document's others.
            countries = local[index] or focus.countries_for(mention.queries)
            top = countries[0] if countries else ""
            hint = ""
            if _division_at_home(reading, top):
                countries = (top,)  # "Georgia" in a US story: the state, not a foreign country
                if top in divisions_named:
                    hint = "admin"  # ... all the more when the story names other states
            place = reading.place
            agreed = focus.coherent.get(mention.queries)
            if agreed and local[index] and agreed[1].country_code not in local[index]:
                agreed = None
            settled = place is not None and (
                (_division_stands(reading, top) and agreed is None and len(mention.queries) == 1)
                or (agreed is not None and agreed[1].id == place.id and agreed[0] >= _SETTLING_SUPPORT)
                or (
                    (agreed is None or agreed[1].id == place.id)
                    and place.country_code == top
                    and (_confident(reading) or place.feature_code == "ADM1")
                )
            )
            if not within and (settled or not reading.alternatives):
                final[index] = reading
                continue
            near = focus.near_to(mention.start)
            key = (
                mention.queries,
                mention.feature_hint or hint,
                countries,
                tuple(p.id for p in near),
                tuple(p.id for p in within),
            )
            if key not in cache:
                context = self._context(mention, countries, near=near, within=within, feature_hint=hint)
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


def _country_votes(resolution: Resolution) -> list[tuple[str, float]]:
    """One mention's votes for the countries of its candidates (see :meth:`_DocumentResolver._focus`)."""
    place = resolution.place
    # a country's name keeps every namesake's share: "Georgia" may be the US state
    floor = 0.0 if place.is_country else resolution.score - _FOCUS_MARGIN
    shares = {place.country_code: resolution.score - floor}
    for candidate in resolution.alternatives:  # best first: stop at the first below the floor
        if candidate.score <= floor:
            break
        code = candidate.place.country_code
        shares[code] = shares.get(code, 0.0) + candidate.score - floor
    kind = "country" if place.is_country else "admin" if place.is_admin_division else "place"
    weight = _FOCUS_WEIGHT[kind] / sum(shares.values())
    return [(code, weight * share) for code, share in shares.items()]


def _stray(mention: Mention, resolution: Resolution, focus: _Focus) -> bool:
    """A name below a prominent place's prior whose reading falls outside the document's countries and
    their neighbours ("the Milak crossing" of a story about Iran and Afghanistan is no village in India)."""
    place = resolution.place
    return (
        mention.kind != "demonym"
        and mention.weight < _STRAY_BELOW
        and place is not None
        and bool(focus.countries)
        and place.country_code not in focus.countries
        # a crossing point across the border of a country the story is about is where it should be
        and not any(place.country_code in neighbours(code) for code in focus.countries)
    )


def _near_named_place(mention: Mention, unresolved: Resolution, grounded: list[tuple[int, Place]]) -> Resolution:
    """An unknown name placed at the place named closest to it in the text, if close enough.

    A village or crossing point no gazetteer lists lies, as a rule, near the places named
    around it; ACLED codes such a location "near a town" (geo precision 2).
    The result says so: the point is the nearby place's, the precision coarse.
    """
    nearby = [
        (abs(start - mention.start), place)
        for start, place in grounded
        if start != mention.start and abs(start - mention.start) <= _NEAR_NAMED_WINDOW
    ]
    if not nearby:
        return unresolved
    _gap, anchor = min(nearby, key=lambda item: item[0])
    reason = f"{unresolved.reason}; placed at {anchor.name}, named next to it"
    return Resolution(
        unresolved.query, place_near(mention.surface, anchor), 0.0, reason, unresolved.alternatives, "near"
    )


def place_near(name: str, anchor: Place) -> Place:
    """A place the gazetteer lacks, called ``name``, at the point of the place named next to it."""
    return Place(
        id=f"near:{anchor.id}:{fold(name)}",  # its own place: two unknown names next to one town are two places
        name=name,
        lat=anchor.lat,
        lon=anchor.lon,
        country_code=anchor.country_code,
        admin1=anchor.admin1 if anchor.feature_code != "ADM1" else anchor.name,
        admin2=anchor.admin2,
        feature_class="",
        feature_code="NEAR",
        source=APPROXIMATE_SOURCE,
        precision_km=max(anchor.precision_km, _NEAR_NAMED_KM),
        note=f"not in the gazetteer; placed at {anchor.name}, named next to it",
    )


def _coherent_places(mentions: list[Mention], readings: list[Resolution]) -> dict[tuple[str, ...], tuple[int, Place]]:
    """For each name, the candidate that the most other names of the text have a candidate near.

    Places named in one article tend to lie together ("Columbus" with "Muscogee County"
    and "Harris County" is the Georgia city): a candidate is supported by each other name
    with a candidate within about 100 km, and by each name of a division that contains it
    (a large division supports only by containment). A namesake far less
    likely than the best reading never competes, nor does a namesake of a first-level
    division (the town of California, Pa.). A country's namesake town ("Palestine",
    Texas) competes only with the support of two names that are not countries' names,
    since towns named after countries lie together (Norway, Mexico and Peru in Maine).
    Returns {name's queries: (support, place)} for names whose best candidate has support.
    """
    import numpy as np

    names: dict[tuple[str, ...], int] = {}
    rows: list[tuple[int, Place, float]] = []
    country_named: list[bool] = []
    for mention, resolution in zip(mentions, readings, strict=True):
        best = resolution.place
        if mention.kind == "demonym" or best is None or mention.queries in names:
            continue
        index = names[mention.queries] = len(names)
        country_named.append(best.is_country)
        candidates = [(best, resolution.score)]
        if best.feature_code != "ADM1":
            candidates += [(c.place, c.score) for c in resolution.alternatives[:_COHERENCE_CANDIDATES]]
        floor = -1.0 if best.is_country else resolution.score - _COHERENCE_SLACK
        rows += [
            (index, place, score)
            for place, score in candidates
            if not (place.is_country or place.spans_countries) and score >= floor
        ]
    if len(names) < 2 or not rows:
        return {}
    lat = np.radians([place.lat for _n, place, _s in rows])
    lon = np.radians([place.lon for _n, place, _s in rows])
    reach = np.minimum([place.precision_km for _n, place, _s in rows], _COHERENCE_MAX_REACH_KM)
    owner = np.array([n for n, _p, _s in rows])
    # Supporters: candidates of names that are not countries' names, small enough to lie "near"
    # (a large division supports its members by name, below, not by distance from its middle).
    supporter = ~np.array(country_named)[owner] & (reach <= _COHERENCE_POINT_KM)
    across = (lon[:, None] - lon[None, supporter]) * np.cos((lat[:, None] + lat[None, supporter]) / 2)
    distance = 6371.0 * np.hypot(across, lat[:, None] - lat[None, supporter])
    close = distance <= _COHERENCE_KM + reach[:, None] + reach[None, supporter]
    membership = np.zeros((int(supporter.sum()), len(names)), dtype=np.float32)
    membership[np.arange(len(membership)), owner[supporter]] = 1.0
    near_names = (close.astype(np.float32) @ membership) > 0
    near_names[np.arange(len(rows)), owner] = False
    support = near_names.sum(axis=1) + _containment_support(rows, country_named)
    chosen: dict[int, tuple[tuple[int, float], Place]] = {}
    for row, (index, place, score) in enumerate(rows):
        rank = (int(support[row]), score)
        needed = 2 if country_named[index] else 1
        if support[row] >= needed and (index not in chosen or rank > chosen[index][0]):
            chosen[index] = (rank, place)
    return {queries: (chosen[i][0][0], chosen[i][1]) for queries, i in names.items() if i in chosen}


def _containment_support(rows: list[tuple[int, Place, float]], country_named: list[bool]) -> list[int]:
    """For each candidate, how many other names have a candidate division that contains it by name.

    "Huntsville" and "Walker County" together are the Texas town, whose county is Walker County.
    """
    divisions: dict[tuple[str, str], set[int]] = {}
    for index, place, _score in rows:
        if place.is_admin_division and not country_named[index]:
            divisions.setdefault((place.country_code, fold(place.name)), set()).add(index)
    support = []
    for index, place, _score in rows:
        owners: set[int] = set()
        for division in (place.admin2, place.admin1):
            if division:
                owners |= divisions.get((place.country_code, fold(division)), set())
        support.append(len(owners - {index}))
    return support


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
        and not (resolution.place.is_country or resolution.place.spans_countries)
        and _confident(resolution)
    ]
    starts = [start for start, _code in grounded]
    result = []
    for mention in mentions:
        low = bisect_left(starts, mention.start - _LOCAL_WINDOW)
        high = bisect_right(starts, mention.start + _LOCAL_WINDOW)
        if high - low < 2:  # a clear country needs two places around
            result.append(())
            continue
        votes: dict[str, int] = {}
        for start, code in grounded[low:high]:
            if start != mention.start:
                votes[code] = votes.get(code, 0) + 1
        ranked = sorted(votes.items(), key=itemgetter(1), reverse=True)[:2]  # as Counter.most_common(2)
        clear = ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
        result.append((ranked[0][0],) if clear else ())
    return result


def _containers(reading: Resolution, stated: list[Resolution]) -> tuple[Place, ...]:
    """The stated containers that can contain this name: divisions or countries, around a
    name that is not itself a country or first-level division ("Paris, Texas")."""
    place = reading.place
    if place is not None and (place.is_country or place.feature_code == "ADM1"):
        return ()
    return tuple(r.place for r in stated if r.place is not None and (r.place.is_country or r.place.is_admin_division))


def _division_at_home(reading: Resolution, top_country: str) -> bool:
    """Whether a name read as a foreign country is also a first-level division of the main country."""
    place = reading.place
    return (
        place is not None
        and place.is_country
        and place.country_code != top_country
        and any(c.place.feature_code == "ADM1" and c.place.country_code == top_country for c in reading.alternatives)
    )


def _division_stands(reading: Resolution, top_country: str) -> bool:
    """A country or first-level division keeps its reading in the document's main country.

    A country stays a country ("Norway", not the town in Maine) unless the main country has
    a division of that name ("Georgia" in a Georgia, US story); a division abroad ("Santa
    Ana" in El Salvador) gives way to a namesake in the main country.
    """
    place = reading.place
    if place is None or not (place.is_country or place.feature_code == "ADM1"):
        return False
    if place.country_code == top_country:
        return True
    if place.is_country:
        return not _division_at_home(reading, top_country)
    return not any(c.place.country_code == top_country for c in reading.alternatives)


def _confident(resolution: Resolution) -> bool:
    if resolution.place is None:
        return False
    if not resolution.alternatives:
        return True
    return resolution.score - resolution.alternatives[0].score >= CONFIDENT_MARGIN
