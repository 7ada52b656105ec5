"""Counts as news writes them: forms, hedges, ranges, and numbers that count no people."""

from __future__ import annotations

from datetime import date

import pytest

from geo.incidents.counts import find_numbers, parse_count
from geo.incidents.dates import event_date, find_dates
from geo.model import CountQualifier

EXACT, APPROX = CountQualifier.EXACT, CountQualifier.APPROX
AT_LEAST, AT_MOST, RANGE = CountQualifier.AT_LEAST, CountQualifier.AT_MOST, CountQualifier.RANGE


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier", "low", "high", "text"),
    [
        ("2,450 refugees crossed", 2450, EXACT, None, None, "2,450"),
        ("2 450 refugees crossed", 2450, EXACT, None, None, "2 450"),
        ("2\u202f450 refugees crossed", 2450, EXACT, None, None, "2\u202f450"),
        ("15.000 soldiers were sent", 15000, EXACT, None, None, "15.000"),
        ("two hundred villagers left", 200, EXACT, None, None, "two hundred"),
        ("three hundred and forty migrants", 340, EXACT, None, None, "three hundred and forty"),
        ("a thousand troops", 1000, EXACT, None, None, "a thousand"),
        ("a dozen border guards", 12, EXACT, None, None, "a dozen"),
        ("1.2 million people", 1_200_000, EXACT, None, None, "1.2 million"),
        ("more than 800 soldiers", 800, AT_LEAST, None, None, "more than 800"),
        ("over 600 people", 600, AT_LEAST, None, None, "over 600"),
        ("at least 75 civilians", 75, AT_LEAST, None, None, "at least 75"),
        ("Over A Thousand Soldiers", 1000, AT_LEAST, None, None, "Over A Thousand"),
        ("more than a 1,000 members of the army", 1000, AT_LEAST, None, None, "more than a 1,000"),
        ("500 or more returnees", 500, AT_LEAST, None, None, "500 or more"),
        ("nearly 1,900 troops", 1900, AT_MOST, None, None, "nearly 1,900"),
        ("almost 300 families", 300, AT_MOST, None, None, "almost 300"),
        ("up to 4,000 migrants", 4000, AT_MOST, None, None, "up to 4,000"),
        ("about 640 people", 640, APPROX, None, None, "about 640"),
        ("around 90 soldiers", 90, APPROX, None, None, "around 90"),
        ("some 300 guards", 300, APPROX, None, None, "some 300"),
        ("roughly 70 fighters", 70, APPROX, None, None, "roughly 70"),
        ("approximately 450 people", 450, APPROX, None, None, "approximately 450"),
        ("hundreds of refugees", None, APPROX, 200, None, "hundreds of"),
        ("dozens of soldiers", None, APPROX, 24, None, "dozens of"),
        ("thousands of people", None, APPROX, 2000, None, "thousands of"),
        ("tens of thousands of people", None, APPROX, 20000, None, "tens of thousands of"),
        ("a few hundred migrants", None, APPROX, 200, 999, "a few hundred"),
        ("3,000 to 5,000 refugees", 3000, RANGE, 3000, 5000, "3,000 to 5,000"),
        ("3,000-5,000 refugees", 3000, RANGE, 3000, 5000, "3,000-5,000"),
        ("between 3,000 and 5,000 refugees", 3000, RANGE, 3000, 5000, "between 3,000 and 5,000"),
        ("from 40 to 60 people", 40, RANGE, 40, 60, "from 40 to 60"),
    ],
)
def test_count_forms(phrase: str, value, qualifier, low, high, text) -> None:
    (mention,) = find_numbers(phrase)
    assert (mention.value, mention.qualifier, mention.low, mention.high, mention.text) == (
        value,
        qualifier,
        low,
        high,
        text,
    )
    assert mention.kind == "people"
    assert phrase[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("an 18-year-old student", "age"),
        ("boys aged 12 and over", "age"),
        ("a 15-year war", "time"),
        ("within 18 months", "time"),
        ("for two decades", "time"),
        ("since 1996.", "year"),
        ("in the 1990s", "year"),
        ("the October 7 attack", "date"),
        ("on 3 March 2019", "date"),
        ("after 9/11", "date"),
        ("the 30th anniversary", "ordinal"),
        ("12% of the vote", "percent"),
        ("$40 million in aid", "money"),
        ("more than 60 districts", "thing"),
        ("120 of the country's 350 districts", "thing"),
        ("28 provincial capitals", "thing"),
        ("a 40 km stretch", "measure"),
    ],
)
def test_numbers_that_count_no_people(phrase: str, kind: str) -> None:
    mentions = find_numbers(phrase)
    assert mentions and mentions[0].kind == kind
    assert not any(mention.is_people for mention in mentions)


def test_parenthesised_list_counts() -> None:
    text = "through Alpha (64 people), the town of Beta (19) and Gamma"
    first, second = find_numbers(text)
    assert (first.value, first.parenthesised, first.kind) == (64, True, "people")
    assert (second.value, second.parenthesised, second.kind) == (19, True, "bare")


def test_parse_count_of_a_phrase() -> None:
    count = parse_count("roughly 2,000 Syrian refugees")
    assert (count.value, count.qualifier, count.text) == (2000, APPROX, "roughly 2,000")
    assert parse_count("in 2019") is None


REFERENCE = date(2024, 3, 13)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Guards said they crossed on Sunday.", date(2024, 3, 10), "day"),
        ("The group arrived early on Wednesday.", date(2024, 3, 13), "day"),
        ("Monday's crossings were the largest.", date(2024, 3, 11), "day"),
        ("They left yesterday.", date(2024, 3, 12), "day"),
        ("Last week, the embassy was closed.", date(2024, 3, 6), "week"),
        ("It happened on 2 February 2024.", date(2024, 2, 2), "day"),
        ("It happened on February 2, 2024.", date(2024, 2, 2), "day"),
        ("The camp opened in January.", date(2024, 1, 1), "month"),
        ("It reopened on 2024-03-01.", date(2024, 3, 1), "day"),
    ],
)
def test_event_dates(sentence: str, expected: date, precision: str) -> None:
    assert event_date(sentence, REFERENCE, 0) == (expected, precision)


def test_relative_dates_are_unknown_without_a_reference() -> None:
    assert event_date("They crossed on Sunday.", None, 0) == (None, "")


def test_deadlines_are_not_event_dates() -> None:
    (mention,) = find_dates("Troops must leave by 1 May 2024.", REFERENCE)
    assert mention.relation == "deadline"
    assert event_date("Troops must leave by 1 May 2024.", REFERENCE, 0) == (None, "")
