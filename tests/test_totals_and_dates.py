"""Running totals (cumulative figures) kept apart from a single day's crossings, and the dates of both."""

from __future__ import annotations

from datetime import date

import pytest

from geo.incidents.dates import event_date, find_dates
from geo.incidents.totals import states_running_total
from geo.model import Document, EventType, ExtractionResult
from geo.pipeline import extract_from_documents

REFERENCE = date(2024, 3, 13)  # a Wednesday


def extract(gazetteer, *texts: str) -> ExtractionResult:
    documents = [Document(f"doc{index}.txt", text, REFERENCE) for index, text in enumerate(texts, 1)]
    return extract_from_documents(documents, gazetteer)


# --- what makes a figure a running total (no gazetteer) -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 40,000 people have crossed into the country since March 3, officials said.",
        "Since the start of the year, 12,000 migrants have been returned.",
        "About 9,000 refugees have arrived since Tuesday.",
        "More than 20,000 people had fled across the border since fighting broke out in the north.",
        "Since 2 January, in total 5.400 citizens were registered at the border points.",
        "This takes to 61,000 the number of people who have crossed.",
        "The number of registered arrivals has reached 18,500, the agency said.",
        "As of 4 May, 7,300 people had entered the country.",
        "So far 3,000 have crossed.",
    ],
)
def test_running_totals(sentence: str) -> None:
    assert states_running_total(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "About 2,000 people crossed on Sunday, the highest daily figure since the war began.",
        "It was the first group to cross since 2019, guards said.",
        "Since the border was closed, traders have waited in their trucks.",
        "On Monday alone, 4,100 people have crossed, officials said.",
        "Over 1,000 people crossed in a single day, officials said, the most since the offensive.",
        "The refugees in the number of 500 persons have passed to the territory of the country.",
        "About 800 people crossed on Tuesday.",
    ],
)
def test_single_days_and_comparisons_are_not_running_totals(sentence: str) -> None:
    assert not states_running_total(sentence)


def test_in_total_continues_the_span_of_the_sentence_before() -> None:
    total = "In total, about 900 soldiers have crossed the border."
    assert states_running_total(total, "Fighting went on over the past two weeks.")
    assert not states_running_total(total, "About 200 soldiers crossed on Sunday.")


# --- dates -----------------------------------------------------------------------------------


def test_a_date_in_a_since_clause_is_when_the_span_began() -> None:
    sentence = "Since fighting erupted in the capital on 7 March, up to 8,000 people have crossed."
    assert [mention.relation for mention in find_dates(sentence, REFERENCE)] == ["since"]
    assert event_date(sentence, REFERENCE, 60) == (None, "")
    began = "12,000 people had crossed by Wednesday morning since the exodus began on Sunday, officials said."
    assert event_date(began, REFERENCE, 20) == (None, "")


def test_a_running_total_is_dated_by_the_day_it_was_counted_to_or_stated() -> None:
    counted = "12,000 people had crossed by Wednesday morning since the exodus began on Sunday, officials said."
    assert event_date(counted, REFERENCE, 20, running=True) == (date(2024, 3, 13), "day")
    stated = "Officials said on Monday that 6,000 people had crossed since 15 February."
    assert event_date(stated, REFERENCE, 40, running=True) == (date(2024, 3, 11), "day")
    assert event_date("Troops must leave by 1 May 2024.", REFERENCE, 0) == (None, "")


# --- through the extractor -----------------------------------------------------------------------


def test_a_running_total_stays_apart_from_the_days_crossing(gazetteer) -> None:
    result = extract(
        gazetteer,
        "More than 3,000 Somali refugees crossed into Kenya on Saturday, aid agencies said. "
        "The government said 150,000 Somali refugees have crossed into Kenya since the war began.",
    )
    (day,) = [i for i in result.incidents if i.event_type is EventType.BORDER_CROSSING]
    assert (day.count.value, day.date, day.destination_country) == (3000, date(2024, 3, 9), "KE")
    (running,) = [g for g in result.groups if g.cumulative]
    assert (running.total.value, running.parts, running.date) == (150000, [], None)
    assert (running.origin_country, running.destination_country) == ("SO", "KE")


def test_the_largest_number_since_the_war_began_is_a_single_day(gazetteer) -> None:
    result = extract(
        gazetteer,
        "More than 5,000 Somalis crossed into Kenya on Friday, the largest number in a single day since the war began.",
    )
    assert not [g for g in result.groups if g.cumulative]
    (day,) = [i for i in result.incidents if i.event_type is EventType.BORDER_CROSSING]
    assert (day.count.value, day.date) == (5000, date(2024, 3, 8))


def test_the_same_day_is_the_day_the_sentence_before_names(gazetteer) -> None:
    result = extract(
        gazetteer,
        "Families from Somalia kept arriving in northern Kenya on Thursday, the agency said.\n\n"
        "On Saturday 9 March alone, the agency registered 2,400 new arrivals at its camps. "
        "Further east, smaller groups reached Mandera (about 300 people) and Garissa (about 200 people) the same day.",
    )
    dates = {i.location: i.date for i in result.incidents if i.event_type is EventType.BORDER_CROSSING}
    assert dates == {"Mandera": date(2024, 3, 9), "Garissa": date(2024, 3, 9)}
