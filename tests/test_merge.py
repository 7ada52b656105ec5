"""Reconciling one event across documents: place, day, count and scope (geo.incidents.merge).

The unit tests build reports by hand (no gazetteer); the last ones run the real extractor on
sentences written for these tests.
"""

from __future__ import annotations

from datetime import date

from gazetteer.place import Place
from geo.incidents.merge import merge_documents
from geo.incidents.reports import DocumentReports, GroupReport, Report, unknown_count
from geo.model import APPROXIMATE_SOURCE, Count, CountQualifier, Document, EventType, SourceRef
from geo.pipeline import extract_from_documents

CROSSING, REFUGE = EventType.BORDER_CROSSING, EventType.REFUGE_SOUGHT
EXACT, APPROX, AT_LEAST = CountQualifier.EXACT, CountQualifier.APPROX, CountQualifier.AT_LEAST
SATURDAY, SUNDAY = date(2024, 3, 9), date(2024, 3, 10)


def town(identifier: str, name: str, lat: float = 34.0, lon: float = 71.0, country: str = "AF") -> Place:
    return Place(identifier, name, lat, lon, country_code=country, feature_class="P", feature_code="PPL")


COUNTRY = Place("country:AF", "Afghanistan", 33.8, 65.9, country_code="AF", feature_class="A", feature_code="PCLI")


def source(document: str, sentence: str = "") -> SourceRef:
    return SourceRef(document, sentence or f"{document} says so.", 0, 10)


def crossing(
    document: str, location: str, place: Place | None, count: Count, when: date | None = None, **extra
) -> Report:
    return Report(
        CROSSING,
        location,
        place,
        count,
        source(document, extra.pop("sentence", "")),
        destination_country="AF",
        date=when,
        date_precision="day" if when else "",
        geo_precision=1 if place is not None else 3,
        **extra,
    )


def into_country(document: str, count: Count, when: date | None = None, **extra) -> Report:
    """A movement into the country with no place named ("N crossed into Afghanistan")."""
    event = CROSSING if count.qualifier is not CountQualifier.UNKNOWN else REFUGE
    report = crossing(document, "Afghanistan", COUNTRY, count, when, country_level=True, **extra)
    report.event_type = event
    return report


def by_document(*items: Report | GroupReport) -> list[DocumentReports]:
    """Each document's reports and groups, in the order given."""
    documents: dict[str, DocumentReports] = {}
    for item in items:
        document = documents.setdefault(item.source.document, DocumentReports(item.source.document))
        (document.groups if isinstance(item, GroupReport) else document.reports).append(item)
    return list(documents.values())


def documents_of(sources: list[SourceRef]) -> list[str]:
    return sorted({s.document for s in sources})


# --- the same place --------------------------------------------------------------------------


def test_a_name_spelled_two_ways_is_one_place_across_documents() -> None:
    post = town("gaz:post", "Darwaza")
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(24183, EXACT), SUNDAY),
            crossing("b.txt", "Darvaza", None, Count(23412, EXACT), SUNDAY),  # not in the gazetteer
        )
    )
    (incident,) = incidents
    assert documents_of(incident.sources) == ["a.txt", "b.txt"]
    assert incident.place == post and incident.location == "Darwaza"
    assert incident.reported_counts == [23412, 24183] and incident.flags == ["conflicting_counts"]


def test_gazetteer_entries_a_few_km_apart_are_one_place_but_not_further() -> None:
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Sarhad", town("gaz:1", "Sarhad"), Count(300, EXACT), SUNDAY),
            crossing("b.txt", "Sarhad Post", town("gaz:2", "Sarhad Post", lat=34.02), Count(300, EXACT), SUNDAY),
            crossing("c.txt", "Kandow", town("gaz:3", "Kandow", lat=34.5), Count(300, EXACT), SUNDAY),
        )
    )
    assert sorted(documents_of(i.sources) for i in incidents) == [["a.txt", "b.txt"], ["c.txt"]]


def test_places_placed_near_one_town_are_told_apart_by_their_names() -> None:
    def near(name: str) -> Place:
        return Place("near:gaz:1", name, 34.0, 71.0, country_code="AF", feature_code="NEAR", source=APPROXIMATE_SOURCE)

    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Chogha", near("Chogha"), Count(40, EXACT), SUNDAY),
            crossing("b.txt", "Pashai", near("Pashai"), Count(40, EXACT), SUNDAY),
            crossing("c.txt", "Chogha", near("Chogha"), Count(41, EXACT), SUNDAY),
        )
    )
    assert sorted(documents_of(i.sources) for i in incidents) == [["a.txt", "c.txt"], ["b.txt"]]


def test_in_one_document_two_names_are_two_places_however_close() -> None:
    first, second = town("gaz:1", "Sarhad"), town("gaz:2", "Sarhadi", lat=34.01)
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Sarhad", first, Count(120, EXACT), SUNDAY),
            crossing("a.txt", "Sarhadi", second, Count(80, EXACT), SUNDAY),
        )
    )
    assert sorted(i.count.value for i in incidents) == [80, 120]


# --- the same day ------------------------------------------------------------------------------


def test_one_documents_two_days_at_one_place_are_two_events() -> None:
    post = town("gaz:post", "Darwaza")
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(312, EXACT), SUNDAY),
            crossing("b.txt", "Darwaza", post, Count(120, EXACT), SATURDAY),
            crossing("b.txt", "Darwaza", post, Count(312, EXACT), SUNDAY),
        )
    )
    by_day = {i.date: i for i in incidents}
    assert set(by_day) == {SATURDAY, SUNDAY}
    assert documents_of(by_day[SUNDAY].sources) == ["a.txt", "b.txt"] and by_day[SUNDAY].flags == []
    assert documents_of(by_day[SATURDAY].sources) == ["b.txt"] and by_day[SATURDAY].count.value == 120


def test_another_documents_neighbouring_day_is_the_same_event() -> None:
    post = town("gaz:post", "Darwaza")
    (incident,), _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(6000, AT_LEAST), SATURDAY),
            crossing("b.txt", "Darwaza", post, Count(6800, EXACT), SUNDAY),
            crossing("c.txt", "Darwaza", post, Count(5870, EXACT), SATURDAY),
        )
    )
    assert documents_of(incident.sources) == ["a.txt", "b.txt", "c.txt"]
    assert incident.count.value == 6800 and incident.count.qualifier is EXACT  # the first exact; never an average
    assert incident.reported_counts == [5870, 6000, 6800] and "conflicting_counts" in incident.flags


def test_a_running_total_at_a_place_stays_apart_from_a_days_crossing() -> None:
    post = town("gaz:post", "Darwaza")
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(24183, EXACT), SUNDAY),
            crossing("b.txt", "Darwaza", post, Count(30000, AT_LEAST), SUNDAY, cumulative=True),
        )
    )
    assert sorted(i.count.value for i in incidents) == [24183, 30000]


# --- country-level figures ----------------------------------------------------------------------


def test_a_country_level_figure_joins_a_place_only_on_the_same_day_with_the_same_count() -> None:
    post = town("gaz:post", "Darwaza")
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(312, EXACT), SUNDAY),
            into_country("b.txt", Count(300, AT_LEAST), SUNDAY),  # "more than 300": the same crossing
            into_country("c.txt", Count(5870, EXACT), SUNDAY),  # another count: another figure
            into_country("d.txt", Count(312, EXACT), date(2024, 3, 1)),  # another week
        )
    )
    placed = next(i for i in incidents if i.place == post)
    assert documents_of(placed.sources) == ["a.txt", "b.txt"] and placed.count.value == 312
    others = sorted(i.count.value for i in incidents if i is not placed)
    assert others == [312, 5870]


def test_a_country_level_figure_is_not_the_total_of_a_list_that_states_none() -> None:
    parts = [
        crossing("a.txt", "Kandow", town("gaz:3", "Kandow", lat=34.5), Count(900, APPROX), SUNDAY),
        crossing("a.txt", "Sarhad", town("gaz:1", "Sarhad"), Count(450, APPROX), SUNDAY),
    ]
    listing = GroupReport(CROSSING, unknown_count(), source("a.txt"), parts, destination_country="AF", date=SUNDAY)
    incidents, (group,) = merge_documents(
        by_document(
            listing,
            into_country("b.txt", Count(5870, EXACT), SUNDAY),  # far more than the parts
            into_country("c.txt", Count(1350, EXACT), SUNDAY),  # what the parts add up to
        )
    )
    assert documents_of(group.sources) == ["a.txt", "c.txt"] and group.total.value == 1350
    (alone,) = [i for i in incidents if i.place == COUNTRY]
    assert alone.count.value == 5870 and documents_of(alone.sources) == ["b.txt"]


def test_a_running_total_is_never_the_total_of_one_days_list() -> None:
    parts = [crossing("a.txt", "Sarhad", town("gaz:1", "Sarhad"), Count(1037, EXACT))]
    day = GroupReport(CROSSING, Count(1037, EXACT), source("a.txt"), parts, destination_country="AF")
    running = GroupReport(CROSSING, Count(1600, APPROX), source("b.txt"), cumulative=True, destination_country="AF")
    _, groups = merge_documents(
        by_document(
            day,
            running,
            into_country("c.txt", Count(1000, AT_LEAST)),  # the day's crossing
            into_country("d.txt", Count(1500, AT_LEAST), cumulative=True),  # so far
        )
    )
    single, total = sorted(groups, key=lambda g: g.cumulative)
    assert documents_of(single.sources) == ["a.txt", "c.txt"]
    assert documents_of(total.sources) == ["b.txt", "d.txt"]


def test_a_movement_without_a_count_joins_only_its_own_documents_event() -> None:
    post = town("gaz:post", "Darwaza")
    incidents, _ = merge_documents(
        by_document(
            crossing("a.txt", "Darwaza", post, Count(203, EXACT)),
            into_country("a.txt", unknown_count(), sentence="They fled to Afghanistan."),  # a's own crossing
            into_country("b.txt", unknown_count(), cumulative=True),  # "others went on to Afghanistan"
        )
    )
    placed = next(i for i in incidents if i.place == post)
    assert documents_of(placed.sources) == ["a.txt"] and len(placed.sources) == 2
    (refuge,) = [i for i in incidents if i.event_type is REFUGE]
    assert documents_of(refuge.sources) == ["b.txt"]


# --- end to end ----------------------------------------------------------------------------------


def merged_articles(gazetteer, *texts: str):
    documents = [Document(f"doc{index}.txt", text, date(2024, 3, 13)) for index, text in enumerate(texts, 1)]
    return extract_from_documents(documents, gazetteer)


def test_articles_spelling_a_crossing_two_ways_report_one_incident(gazetteer) -> None:
    result = merged_articles(
        gazetteer,
        "Border guards said 312 Afghan soldiers crossed into Tajikistan at Khorog on Sunday.",
        "On Sunday, 321 Afghan soldiers crossed the border into Tajikistan near Khorugh, officials said.",
    )
    (incident,) = [i for i in result.incidents if i.event_type is CROSSING]
    assert documents_of(incident.sources) == ["doc1.txt", "doc2.txt"]
    assert incident.reported_counts == [312, 321] and "conflicting_counts" in incident.flags
    assert incident.date == SUNDAY


def test_an_article_telling_two_days_apart_keeps_them_apart(gazetteer) -> None:
    result = merged_articles(
        gazetteer,
        "Border guards said 312 Afghan soldiers crossed into Tajikistan at Khorog on Sunday.",
        "On Saturday, 120 Afghan soldiers crossed into Tajikistan at Khorog, border guards said. "
        "On Sunday, another 312 crossed at Khorog.",
    )
    by_day = {i.date: i for i in result.incidents if i.event_type is CROSSING}
    assert {day: i.count.value for day, i in by_day.items()} == {SATURDAY: 120, SUNDAY: 312}
    assert documents_of(by_day[SUNDAY].sources) == ["doc1.txt", "doc2.txt"]
