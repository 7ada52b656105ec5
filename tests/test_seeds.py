"""Acceptance on the five real articles in ../shared/seeds, processed together.

The articles are read from ../shared at test time (none of their text is in this
repository); the expected facts (places, counts, countries) are the issue's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.geodesy import haversine_km
from gazetteer.normalize import fold
from geo.model import CountQualifier, EventType
from geo.pipeline import extract_incidents

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.shared

#: where each crossing point is, and how far off the point may be (km)
CROSSINGS = {
    "Shamsiddin Shohin": (104, 37.84, 70.04, 40.0),  # a district: its seat
    "Ruzvai": (213, 38.46, 70.77, 10.0),
    "Nulvand": (83, 38.25, 70.53, 10.0),
    "Humrogi": (173, 38.33, 71.25, 10.0),
    "Khorog": (312, 37.49, 71.55, 10.0),
    "Ishkashim": (102, 36.72, 71.61, 10.0),
    "Langar": (50, 37.04, 72.65, 10.0),  # in the Wakhan, not Langar in Samangan
}
SEIZED_DISTRICTS = ("Maimay", "Nusay", "Shiki", "Khwahan", "Eshkashem", "Shuhada", "Yawan")
NOT_CROSSING_COUNTS = {20000, 45, 190, 407, 34, 140000, 45000, 3000}


@pytest.fixture(scope="module")
def result(shared: Path, gazetteer):
    return extract_incidents([shared / "seeds"], gazetteer=gazetteer)


def crossing_named(incidents, name: str):
    matches = [i for i in incidents if fold(i.location).startswith(fold(name))]
    assert len(matches) == 1, f"{name}: {[i.location for i in matches]}"
    return matches[0]


def documents_mentioning(*words: str) -> set[str]:
    return {path.name for path in SEEDS.iterdir() if all(w in path.read_text(encoding="utf-8") for w in words)}


def test_seven_crossings_into_tajikistan(result) -> None:
    crossings = [i for i in result.incidents if i.event_type is EventType.BORDER_CROSSING]
    into_tajikistan = [i for i in crossings if i.place is not None and i.place.country_code == "TJ"]
    assert len(into_tajikistan) == 7, [(i.location, i.count.value) for i in into_tajikistan]
    for name, (count, lat, lon, tolerance_km) in CROSSINGS.items():
        incident = crossing_named(into_tajikistan, name)
        assert (incident.count.value, incident.count.qualifier) == (count, CountQualifier.EXACT), name
        assert incident.place.country_code == "TJ" and incident.destination_country == "TJ"
        assert haversine_km(incident.place.lat, incident.place.lon, lat, lon) <= tolerance_km, name
        reporting = documents_mentioning(name.split()[0], f"{count}")
        assert reporting and reporting <= {s.document for s in incident.sources}, name


def test_humrogi_is_in_vanj_district(result) -> None:
    humrogi = crossing_named(result.incidents, "Humrogi")
    assert humrogi.place.admin2 == "Vanj"
    assert not any(i.location.startswith("Vanj") for i in result.incidents if i.event_type is EventType.BORDER_CROSSING)


def test_the_group_adds_up(result) -> None:
    (group,) = [g for g in result.groups if g.parts]
    assert (group.total.value, group.total.qualifier) == (1037, CountQualifier.EXACT)
    assert (group.parts_sum, group.consistent, group.cumulative) == (1037, True, False)
    assert len(group.parts) == 7
    assert documents_mentioning("1,037") <= {s.document for s in group.sources}
    assert documents_mentioning("1,000") <= {s.document for s in group.sources}


def test_the_running_total_is_its_own_group(result) -> None:
    (running,) = [g for g in result.groups if g.cumulative]
    assert running.total.value == 1600 and running.parts == []


def test_numbers_that_are_not_crossings(result) -> None:
    for incident in result.incidents:
        if incident.event_type is EventType.BORDER_CROSSING:
            assert incident.count.value not in NOT_CROSSING_COUNTS, incident


def test_badakhshan_districts_seized(result) -> None:
    seized = [i for i in result.incidents if i.event_type is EventType.TERRITORY_SEIZED and i.place is not None]
    for district in SEIZED_DISTRICTS:
        matches = [i for i in seized if fold(district) in {fold(i.place.name), *map(fold, i.place.alternate_names)}]
        assert matches, district
        assert all(i.place.country_code == "AF" and i.place.admin1 == "Badakhshan" for i in matches), district


def test_deployment_of_20000(result) -> None:
    (deployment,) = [i for i in result.incidents if i.count.value == 20000]
    assert deployment.event_type is EventType.DEPLOYMENT
    assert deployment.place.country_code == "TJ"


def test_consulates_in_mazar_e_sharif(result) -> None:
    closures = [
        i
        for i in result.incidents
        if i.event_type is EventType.FACILITY_CLOSURE and i.place is not None and fold(i.place.name).startswith("mazar")
    ]
    assert {i.actor for i in closures} == {"Russia", "Turkey", "Iran"}
    assert all(i.place.country_code == "AF" for i in closures)
