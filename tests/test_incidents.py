"""Incident extraction on sentences written for these tests: event types, lists, groups, merging.

The end-to-end tests run the real gazetteer (the suite's ``gazetteer`` fixture) and the real
geoparser; the list, sentence and merge tests need neither.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer.place import Place
from geo.incidents.counts import find_numbers
from geo.incidents.lists import counted_list, name_list
from geo.incidents.merge import counts_compatible, merge_documents
from geo.incidents.reports import DocumentReports, Report
from geo.incidents.sentences import split_sentences
from geo.model import RUNNING_TOTAL, Count, CountQualifier, Document, EventType, ExtractionResult, SourceRef
from geo.pipeline import extract_from_documents

CROSSING, SEIZED = EventType.BORDER_CROSSING, EventType.TERRITORY_SEIZED
DEPLOYMENT, CLOSURE, REFUGE = EventType.DEPLOYMENT, EventType.FACILITY_CLOSURE, EventType.REFUGE_SOUGHT
EXACT = CountQualifier.EXACT
REFERENCE = date(2024, 3, 13)  # a Wednesday


def extract(gazetteer, *texts: str, reference: date | None = REFERENCE) -> ExtractionResult:
    documents = [Document(f"doc{index}.txt", text, reference) for index, text in enumerate(texts, 1)]
    return extract_from_documents(documents, gazetteer)


def of_type(result: ExtractionResult, event_type: EventType) -> list:
    return [incident for incident in result.incidents if incident.event_type is event_type]


# --- sentences and lists (no gazetteer) ---------------------------------------------------------


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Gen. Karimov met U.S. envoys.  Some 2.5 million people live there!\nHeadline without a stop\nNext."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gen. Karimov met U.S. envoys.",
        "Some 2.5 million people live there!",
        "Headline without a stop",
        "Next.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_counted_list_with_containers() -> None:
    text = (
        "Officials said 500 people crossed at Alpha District (100 people), Beta (150 people) and Gamma "
        "(90 people) in Delta District, Epsilon, Zeta District (60), the city of Eta (55 people), "
        "Theta (30 people) and Iota (15 people) of Kappa District into the neighbouring country."
    )
    items = counted_list(text, find_numbers(text))
    assert [(i.name.core, i.count.value, i.container.core if i.container else None) for i in items] == [
        ("Alpha", 100, None),
        ("Beta", 150, "Delta"),
        ("Gamma", 90, "Delta"),
        ("Epsilon", 60, "Zeta"),  # "Epsilon, Zeta District (60)": one item, in Zeta District
        ("Eta", 55, None),  # a "city of" item is not inside the district named after the next items
        ("Theta", 30, "Kappa"),
        ("Iota", 15, "Kappa"),
    ]
    assert items[0].is_division and items[4].name.hint == "populated"


def test_counted_pairs() -> None:
    text = "Guards counted 300 people at Alpha crossing and 120 at Beta on Monday."
    items = counted_list(text, find_numbers(text))
    assert [(i.name.core, i.count.value) for i in items] == [("Alpha", 300), ("Beta", 120)]


def test_plain_list_with_containers() -> None:
    text = "the districts of Alpha, Beta and Gamma in Delta, Epsilon and Zeta in Eta were taken"
    items = name_list(text, 0, len(text))
    assert [(i.name.core, i.container.core, i.name.hint) for i in items] == [
        ("Alpha", "Delta", "admin"),
        ("Beta", "Delta", "admin"),
        ("Gamma", "Delta", "admin"),
        ("Epsilon", "Eta", "admin"),
        ("Zeta", "Eta", "admin"),  # the list of districts goes on
    ]


# --- event types, end to end -------------------------------------------------------------------


LIST_ARTICLE = (
    "Border agency reports overnight crossings\n\n"
    "On Sunday the border agency said 250 Afghan soldiers had crossed into Tajikistan through "
    "Panji Poyon (120 people), the town of Panj (80 people) and Farkhor (50 people) of Farkhor District."
)


def test_counted_list_becomes_incidents_and_a_group(gazetteer) -> None:
    result = extract(gazetteer, LIST_ARTICLE)
    crossings = {i.location: i for i in of_type(result, CROSSING)}
    assert {name: (i.count.value, i.count.qualifier) for name, i in crossings.items()} == {
        "Panji Poyon": (120, EXACT),
        "Panj": (80, EXACT),
        "Farkhor": (50, EXACT),
    }
    for incident in crossings.values():
        assert incident.place.country_code == "TJ"
        assert incident.origin_country == "AF" and incident.destination_country == "TJ"
        assert incident.date == date(2024, 3, 10) and incident.date_precision == "day"
        assert incident.geo_precision == 1
        assert incident.sources[0].document == "doc1.txt"
        assert LIST_ARTICLE[incident.sources[0].start : incident.sources[0].end] == incident.sources[0].sentence
    farkhor = crossings["Farkhor"].place
    assert abs(farkhor.lat - 37.49) < 0.2 and abs(farkhor.lon - 69.40) < 0.2
    (group,) = result.groups
    assert (group.total.value, group.parts_sum, group.consistent, group.cumulative) == (250, 250, True, False)
    assert sorted(group.parts) == sorted(i.id for i in crossings.values())
    assert all(i.group_id == group.id for i in crossings.values())


def test_parts_that_do_not_add_up_are_flagged(gazetteer) -> None:
    text = "Officials said 300 Afghan soldiers crossed into Tajikistan at Panji Poyon (120 people) and Panj (80)."
    (group,) = extract(gazetteer, text).groups
    assert (group.total.value, group.parts_sum, group.consistent) == (300, 200, False)
    assert "200" in group.note


def test_aggregates_and_running_totals_are_not_extra_crossings(gazetteer) -> None:
    other = (
        "More than 200 Afghan soldiers fled to Tajikistan on Sunday, officials said.\n"
        "In total, about 900 soldiers have crossed the border over the past two weeks."
    )
    result = extract(gazetteer, LIST_ARTICLE, other)
    assert len(of_type(result, CROSSING)) == 3
    single, running = sorted(result.groups, key=lambda g: g.cumulative)
    assert (single.total.value, single.cumulative) == (250, False)
    assert {s.document for s in single.sources} == {"doc1.txt", "doc2.txt"}
    assert (running.total.value, running.total.qualifier, running.cumulative, running.parts) == (
        900,
        CountQualifier.APPROX,
        True,
        [],
    )


def test_territory_seized(gazetteer) -> None:
    text = "The Taliban captured the districts of Imam Sahib and Dasht-e Archi in Kunduz province on Monday."
    seized = {i.location: i for i in of_type(extract(gazetteer, text), SEIZED)}
    assert set(seized) == {"Imam Sahib", "Dasht-e Archi"}
    for incident in seized.values():
        assert incident.place.country_code == "AF" and incident.place.admin1.startswith("Kunduz")
        assert incident.actor == "Taliban"
        assert incident.date == date(2024, 3, 11)


def test_deployment_is_not_a_crossing(gazetteer) -> None:
    text = "Uzbekistan deployed 3,000 troops along its border with Afghanistan after 40 soldiers crossed."
    result = extract(gazetteer, text)
    (deployment,) = of_type(result, DEPLOYMENT)
    assert (deployment.count.value, deployment.place.country_code, deployment.actor) == (3000, "UZ", "Uzbekistan")
    assert all(i.count.value != 3000 for i in of_type(result, CROSSING))


def test_facility_closures(gazetteer) -> None:
    text = (
        "Kazakhstan closed its consulate in Mazar-e-Sharif on Monday.\n"
        "India and Pakistan have also suspended operations in the city."
    )
    closures = {i.actor: i for i in of_type(extract(gazetteer, text), CLOSURE)}
    assert set(closures) == {"Kazakhstan", "India", "Pakistan"}
    for incident in closures.values():
        assert incident.place.country_code == "AF"
        assert abs(incident.place.lat - 36.71) < 0.2 and abs(incident.place.lon - 67.11) < 0.2


def test_refuge_sought_without_counts(gazetteer) -> None:
    text = "Some soldiers were reported to be seeking refuge in Uzbekistan and Turkmenistan."
    refuge = of_type(extract(gazetteer, text), REFUGE)
    assert sorted(i.place.country_code for i in refuge) == ["TM", "UZ"]
    assert all(i.count.value is None and i.count.qualifier is CountQualifier.UNKNOWN for i in refuge)


def test_numbers_that_count_no_movement_never_become_crossings(gazetteer) -> None:
    text = (
        "The 25-year-old commander said more than 60 districts and 28 provincial capitals were contested. "
        "In 2001 about 90,000 troops were sent to Afghanistan for a 20-year mission. "
        "Soldiers fled to Tajikistan after 14 months of fighting, and nearly 2,000 people were killed."
    )
    carried = {i.count.value for i in extract(gazetteer, text).incidents if i.event_type is CROSSING}
    assert carried.isdisjoint({25, 60, 28, 2001, 90000, 20, 14, 2000})


@pytest.mark.parametrize(
    ("text", "location", "count", "qualifier", "origin", "destination"),
    [
        (
            "Nearly 2,500 Afghan refugees returned from Iran through the Islam Qala crossing on Tuesday.",
            "Islam Qala",
            2500,
            CountQualifier.AT_MOST,
            "IR",
            "AF",
        ),
        (
            "Pakistan deported some 600 Afghans via Torkham, the main crossing point, on Monday.",
            "Torkham",
            600,
            CountQualifier.APPROX,
            "PK",
            "AF",
        ),
        (
            "Up to 3,000 people crossed into Uzbekistan at the Friendship Bridge near Termez overnight.",
            "Friendship Bridge",
            3000,
            CountQualifier.AT_MOST,
            "",
            "UZ",
        ),
        (
            "More than 150 military of the Afghan army have passed to the territory of Tajikistan through the "
            "checkpoint Ishkashim.",
            "Ishkashim",
            150,
            CountQualifier.AT_LEAST,
            "AF",
            "TJ",
        ),
    ],
)
def test_returnees_deportees_and_translated_text(
    gazetteer, text, location, count, qualifier, origin, destination
) -> None:
    (crossing,) = of_type(extract(gazetteer, text), CROSSING)
    assert (crossing.location, crossing.count.value, crossing.count.qualifier) == (location, count, qualifier)
    assert (crossing.origin_country, crossing.destination_country) == (origin, destination)
    assert crossing.place.country_code == destination and crossing.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "location", "place_country", "count", "origin", "destination"),
    [
        (  # the verb's object between "sent" and "back"; "across" a crossing point
            "Pakistani authorities sent at least 4,200 Afghans back across the Torkham border crossing on Monday.",
            "Torkham",
            "AF",
            (4200, CountQualifier.AT_LEAST),
            "PK",
            "AF",
        ),
        (  # the place opens the sentence, a relative clause stands between; the point lies on the side left
            "At the southern crossing of Chaman, which faces the Afghan town of Spin Boldak, about 1,100 "
            "families returned to Afghanistan.",
            "Chaman",
            "PK",
            (1100, CountQualifier.APPROX),
            "PK",
            "AF",
        ),
        (  # a country's name before the noun says who moved; a possessive before the place says whose it is
            "Dozens of Myanmar soldiers fled across the border into India's Mizoram state after rebels "
            "overran their posts.",
            "Mizoram",
            "IN",
            (None, CountQualifier.APPROX),
            "MM",
            "IN",
        ),
        (  # a demonym whose plural is the adjective ("Sudanese"), and "reached"
            "More than 12,000 Sudanese reached the Chadian town of Adre on Saturday.",
            "Adre",
            "TD",
            (12000, CountQualifier.AT_LEAST),
            "SD",
            "TD",
        ),
    ],
)
def test_crossing_constructions_of_other_reports(
    gazetteer, text, location, place_country, count, origin, destination
) -> None:
    (crossing,) = of_type(extract(gazetteer, text), CROSSING)
    assert (crossing.location, crossing.place.country_code) == (location, place_country)
    assert (crossing.count.value, crossing.count.qualifier) == count
    assert (crossing.origin_country, crossing.destination_country) == (origin, destination)
    assert not of_type(extract(gazetteer, text), SEIZED)  # "after rebels overran" seized no Mizoram


@pytest.mark.parametrize(
    ("text", "location", "count", "origin", "destination"),
    [
        ("Some 1,200 Afghans crossed back into their country through Torkham on Monday.", "Torkham", 1200, "", "AF"),
        ("About 300 families came back from Iran through Islam Qala on Monday.", "Islam Qala", 300, "IR", "AF"),
        ("Nearly 2,500 more Sudanese came in through Adre on Monday.", "Adre", 2500, "SD", "TD"),
        ("At least 80 Rohingya landed by boat at Teknaf on Monday night.", "Teknaf", 80, "", "BD"),
        (
            "On Monday the refugees Sudanese in the number of 5 870 persons have passed to the territory of Chad "
            "by the locality of Adre.",
            "Adre",
            5870,
            "SD",
            "TD",
        ),
        (  # where the fighting was is where they came from, not where they crossed
            "Between 3,000 and 4,000 Sudanese entered Egypt through Aswan on Monday, families who fled the "
            "fighting in Khartoum.",
            "Aswan",
            3000,
            "SD",
            "EG",
        ),
    ],
)
def test_more_ways_of_telling_a_crossing(gazetteer, text, location, count, origin, destination) -> None:
    (crossing,) = of_type(extract(gazetteer, text), CROSSING)
    assert (crossing.location, crossing.count.value) == (location, count)
    assert (crossing.origin_country, crossing.destination_country) == (origin, destination)


def test_two_verbs_of_one_return_and_its_list_after_the_reporting_clause(gazetteer) -> None:
    text = (
        "HERAT - At least 3,400 Afghan migrants were deported or came back from Iran on Sunday, the refugees "
        "office in Herat said, 2,150 of them through Islam Qala and 1,250 through the Milak crossing into Zaranj."
    )
    result = extract(gazetteer, text)
    (group,) = result.groups
    assert (group.total.value, group.parts_sum, group.consistent) == (3400, 3400, True)
    parts = {i.location: i for i in of_type(result, CROSSING)}
    assert {name: i.count.value for name, i in parts.items()} == {"Islam Qala": 2150, "Milak": 1250}
    assert all((i.origin_country, i.destination_country) == ("IR", "AF") for i in parts.values())
    # the gazetteer knows Milak only as a small place in India: it is placed by the places named with it
    assert parts["Milak"].place.country_code == "AF" and parts["Milak"].geo_precision == 2


@pytest.mark.parametrize(
    ("text", "parts", "total"),
    [
        (  # "by" each crossing; the country they came from is no crossing point
            "On Monday 29,850 Afghan migrants came back from Pakistan: 23,412 by Torkham, 5,960 by Spin Boldak "
            "and 478 by Ghulam Khan.",
            {"Torkham": 23412, "Spin Boldak": 5960, "Ghulam Khan": 478},
            29850,
        ),
        (  # the place first, then its count, in translated text
            "On Monday 10,610 citizens of Ukraine entered Moldova. Most of them have passed through the crossing "
            "point Palanca, in the number of 7.120 persons, followed by Otaci with 2.310 persons and Giurgiulesti "
            "with 1.180 persons.",
            {"Palanca": 7120, "Otaci": 2310, "Giurgiulesti": 1180},
            10610,  # the movement told before, whose parts these are
        ),
    ],
)
def test_lists_of_crossing_points_with_their_counts(gazetteer, text, parts, total) -> None:
    result = extract(gazetteer, text)
    found = {i.location: i.count.value for i in of_type(result, CROSSING) if i.group_id}
    assert found == parts
    assert [group.total.value for group in result.groups] == [total]


def test_unlisted_crossing_points_of_a_list_are_placed_by_the_places_named_with_them(gazetteer) -> None:
    text = (
        "Two hundred and sixty-four members of Myanmar's Border Guard Police crossed into Bangladesh on Monday. "
        "They came in at three points: 229 through Ghumdhum near Bandarban, 21 through Tumbru and 14 through "
        "Palongkhali in Ukhia."
    )
    parts = {i.location: i for i in of_type(extract(gazetteer, text), CROSSING) if i.group_id}
    assert {name: (i.count.value, i.place.country_code, i.geo_precision) for name, i in parts.items()} == {
        "Ghumdhum": (229, "BD", 2),
        "Tumbru": (21, "BD", 2),
        "Palongkhali": (14, "BD", 2),
    }
    assert {i.origin_country for i in parts.values()} == {"MM"}  # "members of Myanmar's Border Guard Police"


def test_another_group_reaching_an_unlisted_village_is_a_second_crossing(gazetteer) -> None:
    text = (
        "Fighting in Darfur went on. More than 12,000 Sudanese crossed into Chad on Saturday. "
        "Another 3,000 to 4,000 reached the village of Koufroun, further south."
    )
    counts = {(i.count.value, i.count.low, i.count.high) for i in of_type(extract(gazetteer, text), CROSSING)}
    assert counts == {(12000, None, None), (3000, 3000, 4000)}
    assert {i.destination_country for i in of_type(extract(gazetteer, text), CROSSING)} == {"TD"}


def test_counts_told_with_their_own_verbs_are_per_place_counts_without_a_total(gazetteer) -> None:
    text = (
        "Some 1,500 refugees entered Uganda through the Elegu border point on Tuesday, "
        "while another 800 arrived at Nimule."
    )
    result = extract(gazetteer, text)
    assert sorted(i.count.value for i in of_type(result, CROSSING)) == [800, 1500]
    (group,) = result.groups
    assert group.total.qualifier is CountQualifier.UNKNOWN  # 1,500 is a part, not the total


def test_people_named_by_who_they_are_and_leaving_for_their_own_country(gazetteer) -> None:
    (rohingya,) = of_type(extract(gazetteer, "Hundreds of Rohingya crossed into Bangladesh near Teknaf."), CROSSING)
    assert (rohingya.count.qualifier, rohingya.count.low, rohingya.location) == (CountQualifier.APPROX, 200, "Teknaf")
    text = "Nearly 100,000 ethnic Armenians left Nagorno-Karabakh for Armenia through the Lachin corridor."
    (exodus,) = of_type(extract(gazetteer, text), CROSSING)
    assert (exodus.count.value, exodus.destination_country) == (100000, "AM")
    assert not of_type(extract(gazetteer, "He left the meeting for Paris on Monday."), CROSSING)


def test_internal_movement_is_not_a_border_crossing(gazetteer) -> None:
    text = "In Kunduz province, officials fled to Kabul as the fighting spread. British troops arrive in Helmand."
    assert not of_type(extract(gazetteer, text), CROSSING)


def test_dates_are_unknown_without_a_reference(gazetteer) -> None:
    result = extract(gazetteer, LIST_ARTICLE, reference=None)
    assert all(i.date is None and i.date_precision == "" for i in result.incidents)


# --- merging across documents ------------------------------------------------------------------


def place(identifier: str, country: str = "TJ", lat: float = 37.0, lon: float = 70.0) -> Place:
    return Place(identifier, identifier.title(), lat, lon, country_code=country, feature_class="P", feature_code="PPL")


def report(document: str, where: Place, count: Count, when: date | None = None, **extra) -> Report:
    return Report(
        CROSSING,
        where.name,
        where,
        count,
        SourceRef(document, f"{document} says so.", 0, 10),
        destination_country=where.country_code,
        date=when,
        date_precision="day" if when else "",
        geo_precision=1,
        **extra,
    )


def merged(*reports: Report):
    return merge_documents([DocumentReports(r.source.document, [r]) for r in reports])


def test_same_event_in_several_documents_is_one_incident() -> None:
    alpha = place("alpha")
    (incident,), groups = merged(
        report("a.txt", alpha, Count(300, CountQualifier.APPROX, "about 300"), date(2024, 3, 10)),
        report("b.txt", alpha, Count(312, EXACT, "312"), date(2024, 3, 11)),
        report("c.txt", alpha, Count(300, CountQualifier.AT_LEAST, "more than 300")),
    )
    assert groups == []
    assert (incident.count.value, incident.count.qualifier) == (312, EXACT)  # the most specific
    assert incident.n_sources == 3 and [s.document for s in incident.sources] == ["a.txt", "b.txt", "c.txt"]
    assert incident.flags == [] and incident.date == date(2024, 3, 10)


def test_conflicting_exact_counts_are_kept_and_flagged() -> None:
    alpha = place("alpha")
    (incident,), _ = merged(
        report("a.txt", alpha, Count(213, EXACT, "213")),
        report("b.txt", alpha, Count(231, EXACT, "231")),
        report("c.txt", alpha, Count(213, EXACT, "213")),
    )
    assert incident.count.value == 213  # reported most often; never an average
    assert incident.reported_counts == [213, 231]
    assert "conflicting_counts" in incident.flags


def test_different_days_places_or_magnitudes_stay_apart() -> None:
    alpha, beta = place("alpha"), place("beta", lat=37.5)  # another place is somewhere else
    incidents, _ = merged(
        report("a.txt", alpha, Count(50, EXACT), date(2024, 3, 1)),
        report("b.txt", alpha, Count(50, EXACT), date(2024, 3, 20)),
        report("c.txt", beta, Count(50, EXACT), date(2024, 3, 1)),
        report("d.txt", alpha, Count(5000, EXACT), date(2024, 3, 2)),
    )
    assert len(incidents) == 4


def test_count_compatibility() -> None:
    assert counts_compatible(Count(1000, CountQualifier.AT_LEAST), Count(1037, EXACT))
    assert counts_compatible(Count(None, CountQualifier.APPROX, low=200), Count(1037, EXACT))
    assert counts_compatible(Count(1600, CountQualifier.AT_MOST), Count(1600, CountQualifier.APPROX))
    assert not counts_compatible(Count(1037, EXACT), Count(1600, CountQualifier.APPROX))
    assert not counts_compatible(Count(500, EXACT), Count(1000, CountQualifier.AT_LEAST))
    assert counts_compatible(Count(3000, CountQualifier.RANGE, low=3000, high=5000), Count(4200, EXACT))


def test_a_crossing_at_a_village_no_gazetteer_has_is_mapped_near_the_town_named_with_it(gazetteer) -> None:
    result = extract(
        gazetteer,
        "Border guards said on Monday that 40 Afghan soldiers crossed into Tajikistan at the village "
        "of Qizilqaqa, 20 km south of Khorog.",
    )
    (crossing,) = of_type(result, CROSSING)
    assert crossing.location == "Qizilqaqa" and crossing.count.value == 40
    assert crossing.place.source == "approximate" and crossing.place.country_code == "TJ"
    assert crossing.geo_precision == 2  # ACLED: near a town


def test_a_running_total_at_a_place_is_flagged_and_kept_apart_from_the_day(gazetteer) -> None:
    text = (
        "On Tuesday, 2,000 people crossed into Armenia at Goris. "
        "In all, 50,243 people have entered Armenia through Goris since Sunday, the government said."
    )
    crossings = {i.count.value: i for i in of_type(extract(gazetteer, text), CROSSING)}
    assert set(crossings) == {2000, 50243}
    assert RUNNING_TOTAL in crossings[50243].flags and RUNNING_TOTAL not in crossings[2000].flags


def test_a_list_past_the_country_and_a_share_of_them_through_a_point(gazetteer) -> None:
    text = "On Monday, 1,112 people crossed into Syria through Cilvegozu, along with 380 at Oncupinar near Kilis."
    parts = {i.location: i for i in of_type(extract(gazetteer, text), CROSSING) if i.group_id}
    assert {name: (i.count.value, i.place.country_code) for name, i in parts.items()} == {
        "Cilvegozu": (1112, "TR"),
        "Oncupinar": (380, "TR"),
    }
    text = "On Monday up to 8,000 South Sudanese crossed into Uganda, most of them through Elegu in Amuru district."
    (crossing,) = of_type(extract(gazetteer, text), CROSSING)
    assert (crossing.count.value, crossing.place.is_country, crossing.place.country_code) == (8000, True, "UG")


def test_the_other_side_a_story_names_is_where_people_came_from(gazetteer) -> None:
    text = (
        "Fighting in Myanmar drove more people out. On Monday, at least 80 Rohingya, most of them women and "
        "children, landed at Teknaf, an officer said, as fighting raged across the river in Myanmar."
    )
    (teknaf,) = of_type(extract(gazetteer, text), CROSSING)
    assert (teknaf.count.value, teknaf.origin_country, teknaf.destination_country) == (80, "MM", "BD")
    text = (
        "Iran deported 3,000 Afghans on Sunday. On Saturday, some 450 families crossed back through "
        "Islam Qala, many of them after living in Iran for years."
    )
    crossings = {i.count.value: i for i in of_type(extract(gazetteer, text), CROSSING)}
    # "after living in Iran" says where they were, not where they went
    assert (crossings[450].origin_country, crossings[450].destination_country) == ("IR", "AF")


def test_a_bulleted_list_of_crossing_points_after_its_lead_and_before_its_total(gazetteer) -> None:
    text = (
        "Costa Rica registered more Nicaraguans entering the country on Monday.\n\n"
        "Entries of Nicaraguan nationals on Monday, by border post:\n\n"
        "- Penas Blancas: 3,150\n- Los Chiles (road crossing): 420\n- Upala: 95\n\n"
        "Total: 3,665 people, the migration directorate said.\n"
    )
    result = extract(gazetteer, text)
    (group,) = result.groups
    assert (group.total.value, group.parts_sum, group.consistent) == (3665, 3665, True)
    parts = {i.location: i for i in of_type(result, CROSSING) if i.group_id}
    assert {name: i.count.value for name, i in parts.items()} == {"Penas Blancas": 3150, "Los Chiles": 420, "Upala": 95}
    assert {(i.origin_country, i.destination_country) for i in parts.values()} == {("NI", "CR")}


@pytest.mark.parametrize(
    ("text", "location", "count", "destination"),
    [
        (
            "On Monday our team registered 5,120 new arrivals at the Hamdayet reception centre in Sudan.",
            "Hamdayet",
            5120,
            "SD",
        ),
        (
            "Boats from Turkey brought about 300 people to Lesbos on Monday, the Greek coast guard said.",
            "Lesbos",
            300,
            "GR",
        ),
        ("On Monday a thousand or so Nigerians walked into Goura, in Cameroon, before dawn.", "Goura", 1000, "CM"),
        (
            "The frontier post of Dehiba has known on Monday the passage of approximately 14 000 persons coming "
            "from the Libyan territory into Tunisia.",
            "Dehiba",
            14000,
            "TN",
        ),
    ],
)
def test_counts_of_arrivals_and_people_brought_or_walking_across(gazetteer, text, location, count, destination):
    crossings = of_type(extract(gazetteer, text), CROSSING)
    assert [(i.location, i.count.value, i.destination_country) for i in crossings] == [(location, count, destination)]


def test_shelter_at_a_place_is_refuge_and_a_denied_movement_is_none(gazetteer) -> None:
    text = (
        "Tajikistan received 1,000 Afghan soldiers on Monday. About 600 of them sought shelter in the school "
        "of Khorog, officials said, and Tajik troops would not cross into Afghanistan."
    )
    result = extract(gazetteer, text)
    (refuge,) = of_type(result, REFUGE)
    assert (refuge.location, refuge.count.value, refuge.place.country_code) == ("Khorog", 600, "TJ")
    assert all(i.destination_country != "AF" for i in result.incidents)


def test_the_country_whose_guards_count_the_arrivals_and_a_village_placed_by_its_region(gazetteer) -> None:
    text = "Finland's border guard counted nearly 7,000 arrivals from Russia over its eastern land border on Monday."
    (arrivals,) = of_type(extract(gazetteer, text), CROSSING)
    assert (arrivals.count.value, arrivals.origin_country, arrivals.destination_country) == (7000, "RU", "FI")
    text = (
        "On Monday, 1,870 Malians crossed into Mauritania. About 400 more crossed at Gogui, "
        "in the Hodh El Gharbi region."
    )
    crossings = {i.count.value: i for i in of_type(extract(gazetteer, text), CROSSING)}
    gogui = crossings[400]
    assert (gogui.location, gogui.place.country_code, gogui.geo_precision) == ("Gogui", "MR", 3)
    assert gogui.place.admin1 == "Hodh El Gharbi" or "Gharbi" in gogui.place.note


def test_a_headline_that_restates_the_story_adds_no_incident(gazetteer) -> None:
    text = (
        "264 Myanmar border guards cross into Bandarban\n\n"
        "Two hundred and sixty-four members of Myanmar's Border Guard Police crossed into Bangladesh on Monday, "
        "the home minister said."
    )
    (crossing,) = of_type(extract(gazetteer, text), CROSSING)
    assert crossing.count.value == 264 and crossing.sources[0].start > 0


def test_arrivals_counted_where_the_counters_stand(gazetteer) -> None:
    text = (
        "Sudan took in more Ethiopians this week. On Wednesday, our team at the Hamdait reception centre "
        "registered 5,120 new arrivals."
    )
    (arrivals,) = of_type(extract(gazetteer, text), CROSSING)
    assert (arrivals.location, arrivals.count.value, arrivals.destination_country) == ("Hamdait", 5120, "SD")
    # where officials speak from is not where people crossed
    (entered,) = of_type(extract(gazetteer, "Officials in Cox's Bazar said 300 Rohingya entered Bangladesh."), CROSSING)
    assert entered.place.is_country and entered.destination_country == "BD"


def test_translated_word_order_counts_after_the_verb_and_an_uncounted_flight_is_refuge(gazetteer) -> None:
    text = (
        "On Monday have entered in the country 9.700 citizens of Ukraine, from which 4.800 have "
        "remained on the territory of the republic, the others continuing the road towards Romania."
    )
    (entered,) = of_type(extract(gazetteer, "Moldova opened its border. " + text), CROSSING)
    assert (entered.count.value, entered.origin_country, entered.destination_country) == (9700, "UA", "MD")
    (refuge,) = of_type(extract(gazetteer, "Afghan soldiers fled to Tajikistan on Monday."), REFUGE)
    assert refuge.destination_country == "TJ" and refuge.count.value is None
