"""The data of the incident layers: columns of coordinates, sizes and popup texts.

A map of 100,000 incidents cannot afford one folium object (one rendered template) per
point, so each event type becomes one compact JSON document that the map's script
(templates/incidents.js) turns into Leaflet symbols. Columns whose values repeat are
dictionary-encoded (``{"codes": [...], "strings": [...]}``), others are plain
(``{"values": [...]}``); documents and sentences are shared by all layers of a map
(:class:`SourceTable`). Texts are shown with ``textContent`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import pandas as pd

from gazetteer.place import Place
from geo.mapping.style import EventStyle, radius
from geo.model import CountQualifier, Incident

_GEO_PRECISION = {
    1: "1 (town or village)",
    2: "2 (near a town, part of a region)",
    3: "3 (province, region or country)",
}
_QUALIFIER_WORDS = {
    CountQualifier.EXACT: "exact",
    CountQualifier.APPROX: "approximate",
    CountQualifier.AT_LEAST: "at least",
    CountQualifier.AT_MOST: "at most",
    CountQualifier.RANGE: "range",
    CountQualifier.UNKNOWN: "qualifier unknown",
}


def format_count(value: int) -> str:
    return f"{value:,}"


def count_text(incident: Incident) -> str:
    """The count with its qualifier: "104 (exact)", "1,000 (approximate)", "50–100 (range)"."""
    count = incident.count
    qualifier = _QUALIFIER_WORDS.get(count.qualifier, str(count.qualifier))
    if count.low is not None and count.high is not None and count.low != count.high:
        return f"{format_count(count.low)}–{format_count(count.high)} ({qualifier})"
    if count.value is None:
        return "not stated"
    return f"{format_count(count.value)} ({qualifier})"


def _joined(*parts: str, separator: str = ", ") -> str:
    return separator.join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class PopupField:
    """A popup row: its label, and its text for an incident ("" hides the row).

    ``key`` says what the text depends on; the text is made once per distinct key.
    """

    label: str
    key: Callable[[Incident], Hashable]
    text: Callable[[Incident], str]


def _date(incident: Incident) -> str:
    if incident.date is None:
        return ""
    precision = f" ({incident.date_precision})" if incident.date_precision else ""
    return f"{incident.date.isoformat()}{precision}"


def popup_fields(group_notes: dict[str, str]) -> tuple[PopupField, ...]:
    """The popup rows after the title, event type, place and admin names, in order.

    Keys are ``attrgetter``s where they can be: they run for every incident of the map.
    """
    return (
        PopupField("Count", attrgetter("count.value", "count.qualifier", "count.low", "count.high"), count_text),
        PopupField("Count as written", attrgetter("count.text"), attrgetter("count.text")),
        PopupField("Date", attrgetter("date", "date_precision"), _date),
        PopupField("Actor", attrgetter("actor"), attrgetter("actor")),
        PopupField(
            "From → to",
            attrgetter("origin_country", "destination_country"),
            lambda i: _joined(i.origin_country, i.destination_country, separator=" → "),
        ),
        PopupField(
            "Geo precision",
            attrgetter("geo_precision"),
            lambda i: _GEO_PRECISION.get(i.geo_precision, str(i.geo_precision)),
        ),
        PopupField("Group", attrgetter("group_id"), lambda i: group_notes.get(i.group_id, i.group_id)),
        PopupField("Confidence", attrgetter("confidence"), lambda i: f"{i.confidence:.2f}"),
        PopupField("Flags", lambda i: tuple(i.flags), lambda i: ", ".join(i.flags)),
        PopupField("Id", attrgetter("id"), attrgetter("id")),
    )


def encode(incidents: list[Incident], key: Callable[[Incident], Hashable], text: Callable[[Incident], str]) -> dict:
    """A column as codes into its distinct texts, or as plain values when most texts are distinct.

    ``text`` is called once per distinct ``key``, on the first incident that has it.
    """
    codes, _ = pd.factorize(pd.Series(list(map(key, incidents)), dtype=object), use_na_sentinel=False)
    _, first = np.unique(codes, return_index=True)
    strings = [text(incidents[index]) for index in first]
    if 2 * len(strings) > len(incidents):
        return {"values": [strings[code] for code in codes.tolist()]}
    return {"codes": codes.tolist(), "strings": strings}


def _place_text(place: Place) -> str:
    return _joined(place.name, place.country_code)


def _admin_text(place: Place) -> str:
    return _joined(*(admin for admin in (place.admin2, place.admin1) if admin != place.name))


class SourceTable:
    """The map's distinct (document, sentence) pairs, each stored once; incidents refer to them by index."""

    def __init__(self, incidents: list[Incident]) -> None:
        refs = pd.Series([(r.document, r.sentence) for i in incidents for r in i.sources], dtype=object)
        codes, pairs = pd.factorize(refs, use_na_sentinel=False)
        self.sentences = [sentence for _, sentence in pairs]
        documents = pd.Series([document for document, _ in pairs], dtype=object)
        self.document_codes, self.documents = pd.factorize(documents, use_na_sentinel=False)
        flat = codes.tolist()
        self._codes: dict[int, list[int]] = {}  # by object identity: ids need not be unique here
        start = 0
        for incident in incidents:
            end = start + len(incident.sources)
            self._codes[id(incident)] = flat[start:end]
            start = end

    def codes(self, incident: Incident) -> list[int]:
        """Indexes of the incident's sources in the table."""
        return self._codes[id(incident)]

    def to_json(self) -> dict[str, list]:
        return {
            "documents": self.documents.tolist(),
            "document": self.document_codes.tolist(),
            "sentence": self.sentences,
        }


def layer_json(
    incidents: list[Incident],
    style: EventStyle,
    sources: SourceTable,
    group_notes: dict[str, str],
    origins: dict[str, list[float]],
) -> dict:
    """One layer's data, largest counts first so that small circles are drawn on top of big ones."""
    ordered = sorted(incidents, key=lambda i: -1 if i.count.value is None else i.count.value, reverse=True)
    place_codes, place_ids = pd.factorize(pd.Series([i.place.id for i in ordered], dtype=object))
    by_id = {i.place.id: i.place for i in ordered}
    places = [by_id[place_id] for place_id in place_ids]
    fields = popup_fields(group_notes)
    data = {
        "event": style.label,
        "places": {
            "lat": [round(place.lat, 5) for place in places],
            "lon": [round(place.lon, 5) for place in places],
            "name": [_place_text(place) for place in places],
            "admin": [_admin_text(place) for place in places],
        },
        "place": place_codes.tolist(),
        "count": [i.count.value for i in ordered],
        "title": encode(ordered, lambda i: (i.location, i.place.name), lambda i: i.location or i.place.name),
        "fields": [field.label for field in fields],
        "columns": [encode(ordered, field.key, field.text) for field in fields],
        "sources": [sources.codes(i) for i in ordered],
    }
    if style.proportional:
        max_count = max((count or 0 for count in data["count"]), default=0)
        radii = {count: round(radius(count, max_count), 1) for count in set(data["count"])}
        data["radius"] = [radii[count] for count in data["count"]]
    if origins:
        data["origin"] = [origins.get(i.id) for i in ordered]
    return data
