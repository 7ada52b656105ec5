"""Deployments, seizures, closures and refuge, on sentences written for these tests.

They run the real gazetteer (the suite's ``gazetteer`` fixture) and the real geoparser.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer.normalize import fold
from geo.model import CountQualifier, Document, EventType, ExtractionResult
from geo.pipeline import extract_from_documents

CROSSING, SEIZED = EventType.BORDER_CROSSING, EventType.TERRITORY_SEIZED
DEPLOYMENT, CLOSURE, REFUGE = EventType.DEPLOYMENT, EventType.FACILITY_CLOSURE, EventType.REFUGE_SOUGHT
REFERENCE = date(2024, 3, 13)  # a Wednesday


def extract(gazetteer, text: str) -> ExtractionResult:
    return extract_from_documents([Document("doc.txt", text, REFERENCE)], gazetteer)


def of_type(result: ExtractionResult, event_type: EventType) -> list:
    return [incident for incident in result.incidents if incident.event_type is event_type]


# --- deployments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "location", "count", "qualifier"),
    [
        # a capital stands for its government; with no place named, the deploying country's border
        (
            "Refugees from Mali keep arriving in Niger. Niamey has deployed some 800 soldiers to the frontier.",
            "NE",
            "frontier",
            800,
            CountQualifier.APPROX,
        ),
        # a verb that sends troops only with troops as its object, and "around X"
        (
            "Kenya moved 2,000 police officers and soldiers to the border area around Mandera on Monday.",
            "KE",
            "Mandera",
            2000,
            CountQualifier.EXACT,
        ),
        # people sent to a frontier are its guards, whatever the force is called
        (
            "Thailand's border force has sent 400 more members to the Mae Sot frontier.",
            "TH",
            "Mae Sot",
            400,
            CountQualifier.EXACT,
        ),
        (
            "The interior ministry sent 700 gendarmes to Tulcea county on Tuesday.",
            "RO",
            "Tulcea",
            700,
            CountQualifier.EXACT,
        ),
        # translated text: "in the number of N" counts the forces of the subject
        (
            "In Moldova the servicemen of the Border Police were redistributed in the number of 120 to the sector "
            "north of the state border.",
            "MD",
            "state border",
            120,
            CountQualifier.EXACT,
        ),
    ],
)
def test_deployments_placed_where_the_forces_go(gazetteer, text, country, location, count, qualifier) -> None:
    (deployment,) = of_type(extract(gazetteer, text), DEPLOYMENT)
    assert (deployment.place.country_code, deployment.destination_country) == (country, country)
    assert location in deployment.location
    assert (deployment.count.value, deployment.count.qualifier) == (count, qualifier)


def test_units_are_a_strength_as_written_not_a_head_count(gazetteer) -> None:
    text = "The Ministry of Defence of Kenya has directed 3 additional battalions to the border in the county Mandera."
    (deployment,) = of_type(extract(gazetteer, text), DEPLOYMENT)
    assert deployment.location == "Mandera" and deployment.place.country_code == "KE"
    assert (deployment.count.value, deployment.count.qualifier) == (None, CountQualifier.UNKNOWN)
    assert deployment.count.text == "3 additional battalions"


def test_the_sending_of_units_with_no_state_named_is_the_documents_country(gazetteer) -> None:
    text = (
        "More than 4,000 refugees from Nigeria reached Diffa in Niger this week. "
        "The governor has announced the sending of 2 companies of the defence forces to the border."
    )
    (deployment,) = of_type(extract(gazetteer, text), DEPLOYMENT)
    assert deployment.place.country_code == "NE" and deployment.count.text == "2 companies"


@pytest.mark.parametrize(
    "text",
    [
        "Iran sent 300 Afghans to the border on Monday.",  # civilians are never a deployment's strength
        "Some 5,000 refugees moved into Chad, where troops watched the border.",  # "moved into" is no deployment
        "The army said 20,000 soldiers were stationed along the border in 2019 and 45 posts were attacked.",
    ],
)
def test_numbers_of_civilians_and_movements_are_not_deployments(gazetteer, text) -> None:
    result = extract(gazetteer, text)
    assert all(i.count.value not in (300, 5000, 45, 2019) for i in of_type(result, DEPLOYMENT))


def test_a_single_unit_sent_is_a_deployment_of_unknown_strength(gazetteer) -> None:
    text = "Uganda's army said it had sent an extra battalion to the border in Arua but would not cross into Sudan."
    (deployment,) = of_type(extract(gazetteer, text), DEPLOYMENT)
    assert (deployment.location, deployment.place.country_code) == ("Arua", "UG")
    assert (deployment.count.value, deployment.count.qualifier) == (None, CountQualifier.UNKNOWN)


@pytest.mark.parametrize(
    ("text", "location", "count"),
    [
        (
            "Some 900 Nicaraguans entered Costa Rica at Los Chiles on Tuesday. "
            "The ministry sent 80 additional police officers to Puesto Xelva on Friday.",
            "Puesto Xelva",
            80,
        ),
        # translated text; the document names Libya more often than Tunisia, the place nearest is Tunisian
        (
            "Thousands of Libyans fled Libya from Tripoli and Zawiya towards Tunisia and sheltered in Ben Gardane. "
            "The army has reinforced its presence in the zone of Ras Xadir by 300 supplementary soldiers.",
            "Ras Xadir",
            300,
        ),
    ],
)
def test_forces_sent_to_a_place_no_gazetteer_has_are_placed_by_the_place_named_nearest(
    gazetteer, text, location, count
) -> None:
    (deployment,) = of_type(extract(gazetteer, text), DEPLOYMENT)
    expected = "CR" if "Costa Rica" in text else "TN"
    assert (deployment.location, deployment.place.country_code, deployment.count.value) == (location, expected, count)


def test_troops_sent_in_a_since_clause_date_the_news_and_are_no_deployment(gazetteer) -> None:
    text = "About 2,000 Syrians crossed into Iraq on Monday, the most in a day since Turkey sent troops into Syria."
    result = extract(gazetteer, text)
    assert not of_type(result, DEPLOYMENT) and of_type(result, CROSSING)


# --- closures and refuge ------------------------------------------------------------------------


def test_a_gate_closed_is_a_facility_closure(gazetteer) -> None:
    text = "Meanwhile, Uzbek forces closed the Termez gate to pedestrians on Monday after protests by traders."
    (closure,) = of_type(extract(gazetteer, text), CLOSURE)
    assert (closure.location, closure.place.country_code, closure.actor) == ("Termez", "UZ", "Uzbekistan")
    assert closure.date == date(2024, 3, 11)


def test_a_capital_in_a_participle_clause_is_no_closed_facility(gazetteer) -> None:
    text = "Uzbekistan closed two crossing points on Saturday, accusing Kabul of sending migrants to the frontier."
    assert not of_type(extract(gazetteer, text), CLOSURE)


def test_a_list_of_closed_crossings_is_one_closure_each_dated_when_they_closed(gazetteer) -> None:
    text = (
        "Uzbekistan closed three of its crossing points with Afghanistan early on Saturday. The government decided "
        "on Thursday to shut Termez, Xqzbrpost and Sherobod, the busiest crossings in the south, from midnight."
    )
    closures = of_type(extract(gazetteer, text), CLOSURE)
    assert sorted(closure.location for closure in closures) == ["Sherobod", "Termez", "Xqzbrpost"]
    assert {(closure.place.country_code, closure.date) for closure in closures} == {("UZ", date(2024, 3, 9))}


@pytest.mark.parametrize(
    ("text", "location", "day"),
    [
        # the subject of a passive, past an apposition; "since Friday" is when it closed
        (
            "Police sent 300 officers to Surkhandarya on Monday, and the Termez border post, opposite "
            "Afghanistan's Hairatan, has been closed to all traffic since Friday.",
            "Termez",
            date(2024, 3, 8),
        ),
        # translated text: "the point of X remained closed", X unknown to the gazetteer
        (
            "Traders crossed at Termez on Monday. The point of Xqzbrpoint remained closed during the day of "
            "Tuesday because of a demonstration of residents.",
            "Xqzbrpoint",
            date(2024, 3, 12),
        ),
        # a crossing named only by "including the X crossing"
        (
            "Refugees kept arriving in Termez. Uzbekistan closed seven of its road crossings with Afghanistan late "
            "on Monday, including the Xqzbr motorway crossing, after more people arrived.",
            "Xqzbr",
            date(2024, 3, 11),
        ),
    ],
)
def test_a_named_crossing_closed_is_a_closure_where_it_is(gazetteer, text, location, day) -> None:
    (closure,) = of_type(extract(gazetteer, text), CLOSURE)
    assert (closure.location, closure.place.country_code, closure.date) == (location, "UZ", day)
    assert closure.actor in ("", "Uzbekistan")


def test_shelter_sought_at_a_place_with_no_count_is_refuge_not_a_crossing(gazetteer) -> None:
    text = "Afghan families from Kunduz province also sought shelter in Termez, aid groups said."
    result = extract(gazetteer, text)
    (refuge,) = of_type(result, REFUGE)
    assert (refuge.location, refuge.place.country_code, refuge.origin_country) == ("Termez", "UZ", "AF")
    assert refuge.count.value is None and not of_type(result, CROSSING)


@pytest.mark.parametrize(
    ("text", "location", "count"),
    [
        # sheltering told with no place of its own: the place the sentence is told from
        (
            "Some 2,000 Congolese crossed into Uganda on Monday. Officials in Kisoro said about 600 of the refugees "
            "spent the night sheltering in a primary school.",
            "Kisoro",
            600,
        ),
        # a name the gazetteer lacks, placed by the place of the country named nearest
        (
            "Some 2,000 Congolese crossed into Uganda at Kisoro on Monday. "
            "Hundreds of families sought shelter at Nyakaraba primary school.",
            "Nyakaraba",
            None,
        ),
        # translated text: the houses of a town's inhabitants are in the town
        (
            "Thousands of Libyans crossed into Tunisia. "
            "Many families have found shelter in the houses of the inhabitants of Zarzis.",
            "Zarzis",
            None,
        ),
    ],
)
def test_shelter_is_refuge_where_the_sentence_places_it(gazetteer, text, location, count) -> None:
    refuge = [i for i in of_type(extract(gazetteer, text), REFUGE) if i.location == location]
    assert [(i.place.country_code, i.count.value) for i in refuge] == [("TN" if "Zarzis" in text else "UG", count)]


def test_a_place_people_fled_is_no_shelter(gazetteer) -> None:
    text = (
        "Some 2,000 Congolese crossed into Uganda on Monday. "
        "Families who fled the fighting in Rutshuru were sheltering in schools."
    )
    assert all(i.place.country_code != "CD" for i in extract(gazetteer, text).incidents)


def test_an_uncounted_movement_towards_a_country_is_no_refuge(gazetteer) -> None:
    text = "Austria said those arriving would be allowed to travel on towards Germany and Switzerland."
    assert not of_type(extract(gazetteer, text), REFUGE)


# --- seizures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March the armed group has established the control over the city Imam Sahib in the province Kunduz.",
        "Rebels assumed full control over Imam Sahib, in Kunduz province, on Saturday.",
    ],
)
def test_control_established_over_a_place_is_a_seizure(gazetteer, text) -> None:
    (seized,) = of_type(extract(gazetteer, text), SEIZED)
    assert seized.location == "Imam Sahib" and seized.place.country_code == "AF"
    assert seized.place.admin1.startswith("Kunduz") or fold(seized.place.name).startswith("kunduz")


def test_a_town_no_gazetteer_has_is_placed_in_the_division_translated_text_names(gazetteer) -> None:
    text = "On 2 March the militia has established the control over the town Xqzbrtown in the province Kunduz."
    (seized,) = of_type(extract(gazetteer, text), SEIZED)
    assert (seized.location, seized.place.country_code, seized.geo_precision) == ("Xqzbrtown", "AF", 2)


def test_a_division_in_an_apposition_is_where_the_seized_town_is_not_a_seizure(gazetteer) -> None:
    text = "Taliban fighters took control of Taloqan, the capital of Takhar province, on Sunday."
    (seized,) = of_type(extract(gazetteer, text), SEIZED)
    assert (seized.location, seized.place.country_code) == ("Taloqan", "AF")


@pytest.mark.parametrize(
    "text",
    [
        # the subject of "fell to", with an apposition that names other places before the verb
        "Fighting raged around Kunduz on Sunday. "
        "Xqzbrtown, an Afghan town just across the Panj from Tajikistan, fell to the Taliban on Monday.",
        "Fighting raged around Kunduz on Sunday. "
        "The Taliban took control of Xqzbrtown, on the Afghan side of the border, on Monday.",
    ],
)
def test_a_seized_town_no_gazetteer_has_is_in_the_country_its_apposition_states(gazetteer, text) -> None:
    (seized,) = of_type(extract(gazetteer, text), SEIZED)
    assert (seized.location, seized.place.country_code, seized.geo_precision) == ("Xqzbrtown", "AF", 2)
    assert seized.date == date(2024, 3, 11)
