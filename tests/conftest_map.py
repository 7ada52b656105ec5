"""Synthetic extraction results for the map and export tests (imported, not a pytest conftest).

The seed scenario: Afghan soldiers crossing into Tajikistan at seven points (104, 213,
83, 173, 312, 102 and 50 people; a stated total of 1,037), a district seized in
Afghanistan, a deployment, a consulate closed in Mazar-e-Sharif and one incident whose
place is unknown. Sentences are written for these tests, not taken from any article.
"""

from __future__ import annotations

import random
from datetime import date

from gazetteer.place import Place
from geo.model import (
    Count,
    CountQualifier,
    EventType,
    ExtractionResult,
    Incident,
    IncidentGroup,
    SourceRef,
)

SEED_DOCUMENT = "tj-border-2021-07-05.txt"
SEED_DATE = date(2021, 7, 5)

GBAO = "Gorno-Badakhshan"
# (incident id, as written, place name, admin1, admin2, lat, lon, count, geo precision)
CROSSINGS = (
    ("c1", "Shamsiddin Shohin District", "Shamsiddin Shohin District", "Khatlon", "", 37.83, 70.12, 104, 2),
    ("c2", "Ruzvai", "Ruzvai", GBAO, "Darvoz District", 38.50, 70.72, 213, 1),
    ("c3", "Nulvand", "Nulvand", GBAO, "Darvoz District", 38.52, 70.95, 83, 1),
    ("c4", "Humrogi", "Khumrogi", GBAO, "Vanj District", 38.36, 71.25, 173, 1),
    ("c5", "Khorog", "Khorugh", GBAO, "Shughnon District", 37.4904, 71.5534, 312, 1),
    ("c6", "Ishkashim", "Ishqoshim", GBAO, "Ishkoshim District", 36.7248, 71.6133, 102, 1),
    ("c7", "Langar", "Langar", GBAO, "Ishkoshim District", 37.0417, 72.6492, 50, 1),
)
CROSSING_COUNTS = {row[0]: row[7] for row in CROSSINGS}
STATED_TOTAL = 1_037


def _place(place_id: str, name: str, lat: float, lon: float, country: str, admin1: str, admin2: str = "") -> Place:
    return Place(
        id=f"test:{place_id}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=admin1,
        admin2=admin2,
        feature_class="P",
        feature_code="PPL",
        source="test",
    )


def _source(sentence: str, document: str = SEED_DOCUMENT) -> SourceRef:
    return SourceRef(document=document, sentence=sentence, start=0, end=len(sentence))


def seed_result() -> ExtractionResult:
    """The seed scenario as the extraction pipeline would hand it over."""
    list_sentence = (
        "Officials in Dushanbe said 1,037 Afghan soldiers had come over at seven places along "
        "the Panj, from 50 at Langar to 312 at Khorog."
    )
    incidents = [
        Incident(
            id=incident_id,
            event_type=EventType.BORDER_CROSSING,
            location=written,
            place=_place(incident_id, name, lat, lon, "TJ", admin1, admin2),
            count=Count(count, CountQualifier.EXACT, f"{count} people"),
            actor="Afghan government soldiers",
            origin_country="AF",
            destination_country="TJ",
            date=SEED_DATE,
            date_precision="day",
            geo_precision=precision,
            sources=[_source(list_sentence)],
            confidence=0.9,
            group_id="g1",
        )
        for incident_id, written, name, admin1, admin2, lat, lon, count, precision in CROSSINGS
    ]
    incidents += [
        Incident(
            id="s1",
            event_type=EventType.TERRITORY_SEIZED,
            location="Eshkashem District",
            place=_place("s1", "Eshkashem", 36.7065, 71.5728, "AF", "Badakhshan"),
            count=Count(None),
            actor="Taliban",
            date=SEED_DATE,
            date_precision="day",
            geo_precision=2,
            sources=[_source("The Taliban now hold the district centre of Eshkashem, a local official said.")],
            confidence=0.8,
        ),
        Incident(
            id="d1",
            event_type=EventType.DEPLOYMENT,
            location="the southern border",
            place=_place("d1", "Kulob", 37.9146, 69.7845, "TJ", "Khatlon"),
            count=Count(20_000, CountQualifier.APPROX, "some 20,000 reservists"),
            actor="Tajik armed forces",
            date=SEED_DATE,
            date_precision="day",
            geo_precision=3,
            sources=[_source("Some 20,000 reservists were called up to reinforce the southern border.")],
            confidence=0.7,
        ),
        Incident(
            id="f1",
            event_type=EventType.FACILITY_CLOSURE,
            location="Mazar-e-Sharif",
            place=_place("f1", "Mazar-e Sharif", 36.7090, 67.1109, "AF", "Balkh"),
            count=Count(None),
            actor="a foreign consulate",
            date=date(2021, 7, 1),
            date_precision="month",
            geo_precision=1,
            sources=[_source("A consulate in Mazar-e-Sharif shut its doors and sent its staff home.")],
            confidence=0.75,
        ),
        Incident(
            id="r1",
            event_type=EventType.REFUGE_SOUGHT,
            location="a village nobody could find",
            place=None,
            count=Count(30, CountQualifier.AT_LEAST, "at least 30 families"),
            sources=[_source("At least 30 families asked for shelter in a village that was not named.")],
        ),
    ]
    group = IncidentGroup(
        id="g1",
        event_type=EventType.BORDER_CROSSING,
        total=Count(STATED_TOTAL, CountQualifier.EXACT, "1,037"),
        parts=[row[0] for row in CROSSINGS],
        parts_sum=sum(CROSSING_COUNTS.values()),
        consistent=True,
        destination_country="TJ",
        date=SEED_DATE,
        sources=[_source(list_sentence)],
    )
    return ExtractionResult(incidents=incidents, groups=[group], documents=[SEED_DOCUMENT])


XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_TEMPLATE = "`${window.__pwned=1}` 'single' \"double\""


def xss_result() -> ExtractionResult:
    """Incidents whose texts try to inject script through every field a popup shows."""
    hostile = f"{XSS_SCRIPT} {XSS_IMG} {XSS_TEMPLATE}"
    incidents = [
        Incident(
            id=f"x{n}",
            event_type=event_type,
            location=f"{XSS_SCRIPT}Khorog{n}",
            place=_place(f"x{n}", f"{XSS_IMG}Place", 37.49 + n * 0.2, 71.55 + n * 0.2, "TJ", XSS_TEMPLATE, XSS_IMG),
            count=Count(10 + n, CountQualifier.EXACT, hostile),
            actor=f"{XSS_IMG} actor {XSS_TEMPLATE}",
            origin_country="AF",
            date=SEED_DATE,
            sources=[_source(f"Sentence {n}: {hostile}", document=f"{XSS_SCRIPT}.txt")],
            group_id=XSS_TEMPLATE,
            flags=[XSS_SCRIPT],
        )
        for n, event_type in enumerate((EventType.BORDER_CROSSING, EventType.DEPLOYMENT, EventType.OTHER))
    ]
    return ExtractionResult(incidents=incidents)


def synthetic_result(n: int, seed: int = 5) -> ExtractionResult:
    """``n`` crossings scattered over 35–40N, 66–75E, each with its own place and count."""
    rng = random.Random(seed)
    incidents = []
    for k in range(n):
        lat, lon = rng.uniform(35, 40), rng.uniform(66, 75)
        count = rng.randint(1, 500)
        incidents.append(
            Incident(
                id=f"n{k}",
                event_type=EventType.BORDER_CROSSING,
                location=f"Point {k}",
                place=_place(f"n{k}", f"Point {k}", lat, lon, "TJ", "Region"),
                count=Count(count, CountQualifier.EXACT, str(count)),
                origin_country="AF",
                sources=[_source(f"{count} people crossed at point {k}.", document=f"doc{k // 10}.txt")],
            )
        )
    return ExtractionResult(incidents=incidents)
