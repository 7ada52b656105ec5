"""The geoparser on texts written for these tests, and on the real articles in ../shared/seeds.

Coordinates are checked within a stated tolerance; the example sentences are our own.
"""

from __future__ import annotations

import math

import pytest

from gazetteer.disambiguate import ResolutionContext
from geo.geoparse import geoparse, resolve_spans
from geo.recognize.tokens import Tokens

CROSSING_PLACES = ("Shamsiddin Shohin", "Ruzvai", "Nulvand", "Humrogi", "Vanj", "Khorog", "Ishkashim", "Langar")
NOT_PLACES = ("Ashraf Ghani", "Reuters", "Nato", "NATO", "BBC")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def by_surface(toponyms) -> dict:
    found: dict = {}
    for toponym in toponyms:
        found.setdefault(toponym.surface, toponym)
    return found


def assert_offsets(text: str, toponyms) -> None:
    for toponym in toponyms:
        assert text[toponym.start : toponym.end] == toponym.surface
    assert [t.start for t in toponyms] == sorted(t.start for t in toponyms)


def test_offsets_survive_unicode_quotes_emoji_and_windows_line_endings(gazetteer):
    text = (
        "Refugees 🙏 walked from Rŭshon to “Хорог” on Monday.\r\n"
        "Later they reached Khorugh, the regional capital of Tajikistan 🇹🇯.\r\n"
    )
    toponyms = geoparse(text, gazetteer)
    assert_offsets(text, toponyms)
    found = by_surface(toponyms)
    assert {"Rŭshon", "Хорог", "Khorugh", "Tajikistan"} <= set(found)
    assert found["Хорог"].place.country_code == "TJ"
    assert km(found["Хорог"].place.lat, found["Хорог"].place.lon, 37.49, 71.55) < 10
    assert found["Rŭshon"].place.country_code == "TJ"
    assert "Monday" not in found


def test_decomposed_diacritics_stay_inside_one_token():
    text = "Ru\u0306shon and Khorog"
    tokens = Tokens(text)
    assert tokens.words == ["Ru\u0306shon", "and", "Khorog"]
    assert tokens.key(0) == "rushon"


def test_the_longest_name_wins(gazetteer):
    text = "The consulate in Mazar-e-Sharif closed; Sharif is not mentioned alone."
    toponyms = geoparse(text, gazetteer)
    found = by_surface(toponyms)
    mazar = found["Mazar-e-Sharif"]
    assert (mazar.start, mazar.end) == (17, 31)
    assert mazar.place.country_code == "AF"
    assert km(mazar.place.lat, mazar.place.lon, 36.71, 67.11) < 15
    assert not any(t.start > mazar.start and t.end <= mazar.end for t in toponyms)


def test_document_context_flips_an_ambiguous_village(gazetteer):
    tajik = (
        "Border guards in Tajikistan reported that 50 soldiers reached Langar, a village of "
        "Ishkashim District in the Wakhan valley, after a night crossing of the Panj."
    )
    afghan = (
        "Farmers in Samangan province of Afghanistan said the road from Aybak to Langar "
        "was closed by snow, and the Samangan governor sent a team from Aybak."
    )
    langar_tj = by_surface(geoparse(tajik, gazetteer))["Langar"].place
    langar_af = by_surface(geoparse(afghan, gazetteer))["Langar"].place
    assert langar_tj.country_code == "TJ"
    assert km(langar_tj.lat, langar_tj.lon, 37.04, 72.65) < 25
    assert langar_af.country_code == "AF"
    assert km(langar_af.lat, langar_af.lon, 35.99, 68.05) < 50


def test_a_country_name_that_is_also_a_state_follows_the_story(gazetteer):
    american = (
        "Georgia will vote on the water plan next week. Lawmakers in Georgia said Arizona and "
        "Oregon passed similar plans, and Georgia farmers hope for the same."
    )
    caucasian = "Talks between Georgia and Russia resumed in Tbilisi; Georgia asked Moscow to withdraw."
    state = by_surface(geoparse(american, gazetteer))["Georgia"].place
    country = by_surface(geoparse(caucasian, gazetteer))["Georgia"].place
    assert (state.country_code, state.feature_code) == ("US", "ADM1")
    assert country.country_code == "GE" and country.is_country


def test_a_lone_name_is_no_evidence_for_its_own_reading(gazetteer):
    # most places called Paris are in the US; that must not make a story naming only Paris a US story
    (paris,) = geoparse("The minister flew to Paris on Monday.", gazetteer)
    assert paris.place.country_code == "FR"


def test_caller_context_comes_first(gazetteer):
    text = "Supplies were sent to Badakhshan."
    tajik = geoparse(text, gazetteer, context=ResolutionContext(countries=("TJ",)))
    afghan = geoparse(text, gazetteer, context=ResolutionContext(countries=("AF",)))
    assert by_surface(tajik)["Badakhshan"].place.country_code == "TJ"
    assert by_surface(afghan)["Badakhshan"].place.country_code == "AF"


@pytest.mark.parametrize("text", ["", " ", "\n\t \r\n", "🙂"])
def test_empty_and_blank_texts_have_no_toponyms(gazetteer, text):
    assert geoparse(text, gazetteer) == []


def test_traps_are_not_places(gazetteer):
    text = (
        "Afghan President Ashraf Ghani said on Tuesday, in a message to Reuters and the BBC, "
        "that Nato allies would keep holding the insurgents in the Gulf of ideas. Reading the news "
        "in March, most people were calm, said spokesman Suhail Shaheen."
    )
    toponyms = geoparse(text, gazetteer)
    assert_offsets(text, toponyms)
    surfaces = {t.surface for t in toponyms}
    assert surfaces == {"Afghan"}
    assert by_surface(toponyms)["Afghan"].kind == "demonym"


def test_a_given_name_is_a_place_only_with_a_cue(gazetteer):
    # towns called Kristina, Hailey and Meredith exist; only the one the text calls a town is one here
    text = (
        "Kristina told the council on Monday that the bridge would reopen, and the town of "
        "Meredith, New Hampshire, will pay for it. Hailey agreed."
    )
    toponyms = geoparse(text, gazetteer)
    assert [t.surface for t in toponyms] == ["Meredith", "New Hampshire"]
    assert by_surface(toponyms)["Meredith"].resolution.place.admin1 == "New Hampshire"


def test_a_short_word_before_a_hyphen_begins_a_compound_not_a_place(gazetteer):
    # small places called Tri and Wal exist; "Paris-based" still names Paris
    text = "The Tri-State fair moved its stalls to the Wal-Mart car park, said a Paris-based promoter."
    assert [t.surface for t in geoparse(text, gazetteer)] == ["Paris"]


def test_a_region_of_several_countries_in_a_story_about_one_country(gazetteer):
    # the US focus must not turn "Middle East" into Baltimore's neighbourhood; "P.M." is a time
    text = "The U.S. envoy to the Middle East lands in Washington at 8 P.M. on Friday, after a week in Central Asia."
    found = {t.surface: t.resolution.place for t in geoparse(text, gazetteer)}
    assert "P.M." not in found
    assert found["Middle East"].spans_countries and found["Central Asia"].spans_countries
    assert found["U.S."].country_code == "US"


def test_a_name_word_after_an_elided_article(gazetteer):
    text = "Convoys from Côte d'Ivoire and Cote d’Ivoire reached Liberia."
    toponyms = geoparse(text, gazetteer)
    assert_offsets(text, toponyms)
    assert [(t.surface, t.resolution.place.country_code) for t in toponyms] == [
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Liberia", "LR"),
    ]


def test_a_possessive_ends_a_name(gazetteer):
    # "India's Mizoram" is a country and its state, not a person's name; "Ghani's" still ends one
    text = (
        "Soldiers fled into India's Mizoram state, and President Ashraf Ghani's aides left for "
        "Pakistan's Khyber district."
    )
    found = by_surface(geoparse(text, gazetteer))
    assert {s: (found[s].place.country_code, found[s].place.feature_code) for s in found} == {
        "India": ("IN", "PCLI"),
        "Mizoram": ("IN", "ADM1"),
        "Pakistan": ("PK", "PCLI"),
        "Khyber": ("PK", "ADM2"),
    }


def test_demonyms_point_to_their_country(gazetteer):
    text = "Afghan and Tajik officials met American diplomats; two Afghans were hurt."
    found = by_surface(geoparse(text, gazetteer))
    assert {s: found[s].place.country_code for s in ("Afghan", "Tajik", "American", "Afghans")} == {
        "Afghan": "AF",
        "Tajik": "TJ",
        "American": "US",
        "Afghans": "AF",
    }
    assert all(found[s].kind == "demonym" for s in found)


def test_district_cue_and_stated_container(gazetteer):
    text = "Soldiers crossed at Ruzvai and Nulvand in Darvaz District, and at Humrogi, Vanj District."
    found = by_surface(geoparse(text, gazetteer))
    assert found["Darvaz District"].kind == "district"
    for name in ("Ruzvai", "Nulvand", "Humrogi", "Darvaz District", "Vanj District"):
        assert found[name].place.country_code == "TJ", name


def test_place_name_with_its_region(gazetteer):
    found = by_surface(geoparse("The fair moved from Paris, Texas to Springfield, Illinois.", gazetteer))
    paris, springfield = found["Paris"].place, found["Springfield"].place
    assert paris.country_code == "US" and km(paris.lat, paris.lon, 33.66, -95.56) < 30
    assert springfield.country_code == "US" and km(springfield.lat, springfield.lon, 39.80, -89.64) < 30


def test_acronyms_of_prominent_places_only(gazetteer):
    found = by_surface(geoparse("Aid from the US and the U.S. Army reached NSW, not the TV studio.", gazetteer))
    assert found["US"].place.country_code == "US"
    assert found["U.S."].place.country_code == "US"
    assert found["NSW"].place.country_code == "AU"
    assert "TV" not in found


def test_a_dotted_abbreviation_names_its_own_place(gazetteer):
    text = "The storm hit Aiken, S.C., on Monday."
    toponyms = resolve_spans(text, [(text.index("S.C."), text.index("S.C.") + 4)], gazetteer)
    assert (toponyms[0].place.name, toponyms[0].place.country_code) == ("South Carolina", "US")


def test_a_place_the_gazetteer_lacks_is_placed_near_the_place_named_next_to_it(gazetteer):
    text = "Aid reached the village of Qizilqaqa on Friday, then Bozorbek District, then Khorog."
    found = by_surface(geoparse(text, gazetteer))
    khorog = found["Khorog"].place
    assert khorog.country_code == "TJ"
    for name in ("Qizilqaqa", "Bozorbek District"):
        resolution = found[name].resolution
        assert "not in the gazetteer" in resolution.reason and "placed at" in resolution.reason
        assert resolution.match == "near" and resolution.place.source == "approximate"
        assert (resolution.place.lat, resolution.place.lon) == (khorog.lat, khorog.lon)
        assert resolution.place.country_code == "TJ" and resolution.place.precision_km >= 25
    assert "Friday" not in found and "Aid" not in found


def test_a_place_the_gazetteer_lacks_with_nothing_named_near_stays_unresolved(gazetteer):
    found = by_surface(geoparse("Aid reached the village of Qizilqaqa on Friday.", gazetteer))
    assert found["Qizilqaqa"].place is None
    assert "not in the gazetteer" in found["Qizilqaqa"].resolution.reason


def test_resolve_spans_keeps_the_given_spans(gazetteer):
    text = "From Kabul to the W.Va. border, then on to Khorog in Tajikistan."
    spans = [(5, 10), (18, 23), (43, 49), (53, 63)]
    toponyms = resolve_spans(text, spans, gazetteer)
    assert [(t.start, t.end) for t in toponyms] == spans
    assert_offsets(text, toponyms)
    codes = [t.place.country_code if t.place else None for t in toponyms]
    assert codes[0] == "AF" and codes[2:] == ["TJ", "TJ"]


def test_resolve_spans_rejects_a_span_outside_the_text(gazetteer):
    with pytest.raises(ValueError, match="not inside"):
        resolve_spans("Kabul", [(0, 9)], gazetteer)


def test_a_five_megabyte_text(gazetteer):
    paragraph = (
        "Trucks left Kabul for Mazar-e-Sharif at dawn. Near Termez the convoy met Uzbek guards, "
        "and in Khorog, Tajikistan, the market stayed open. Most drivers said little.\n"
    )
    repeats = 5_000_000 // len(paragraph) + 1
    text = paragraph * repeats
    toponyms = geoparse(text, gazetteer)
    per_paragraph = len(geoparse(paragraph, gazetteer))
    assert per_paragraph == 6
    assert len(toponyms) == per_paragraph * repeats
    assert_offsets(text[:2000], [t for t in toponyms if t.end <= 2000])
    assert {t.place.country_code for t in toponyms if t.surface == "Khorog"} == {"TJ"}


# -- the real articles in ../shared/seeds (names and facts only; no sentences copied) ---------------------

EXPECTED = {
    "Badakhshan": ("AF", None),
    "Takhar": ("AF", None),
    "Tajikistan": ("TJ", None),
    "Afghanistan": ("AF", None),
    "Kabul": ("AF", (34.53, 69.17)),
    "Mazar-e-Sharif": ("AF", (36.71, 67.11)),
}


def seed_articles(shared):
    articles = sorted((shared / "seeds").glob("*.txt"))
    if not articles:
        pytest.skip("../shared/seeds holds no articles")
    return [(path.name, path.read_text(encoding="utf-8")) for path in articles]


def test_seed_articles_places(gazetteer, shared):
    for name, text in seed_articles(shared):
        toponyms = geoparse(text, gazetteer)
        assert_offsets(text, toponyms)
        for toponym in toponyms:
            expected = EXPECTED.get(toponym.surface)
            if expected is None:
                continue
            code, point = expected
            assert toponym.place is not None, (name, toponym.surface)
            assert toponym.place.country_code == code, (name, toponym.surface, toponym.place)
            if point:
                assert km(toponym.place.lat, toponym.place.lon, *point) < 25, (name, toponym.surface)
        for surface in EXPECTED:
            if surface in text:
                assert any(t.surface == surface for t in toponyms), (name, surface)


def test_seed_articles_crossing_points_are_in_tajikistan(gazetteer, shared):
    articles = [(name, text) for name, text in seed_articles(shared) if all(p in text for p in CROSSING_PLACES)]
    if not articles:
        pytest.skip("no seed article lists the crossing points")
    for name, text in articles:
        toponyms = geoparse(text, gazetteer)
        for place in CROSSING_PLACES:
            # The first mention of each is in the list of crossing points.
            first = next(t for t in toponyms if t.surface.startswith(place))
            assert first.place is not None and first.place.country_code == "TJ", (name, place, first.place)


def test_seed_articles_traps(gazetteer, shared):
    for name, text in seed_articles(shared):
        toponyms = geoparse(text, gazetteer)
        spans = [(t.start, t.end) for t in toponyms]
        for trap in NOT_PLACES:
            start = text.find(trap)
            while start >= 0:
                end = start + len(trap)
                assert not any(s < end and start < e for s, e in spans), (name, trap)
                start = text.find(trap, end)
        gulf = text.find("insurgents in the Gulf")
        if gulf >= 0:
            start = gulf + len("insurgents in the ")
            assert not any(s < start + 4 and start < e for s, e in spans), name


def test_a_crossing_point_named_before_its_generic_word_is_a_place(gazetteer):
    text = (
        "Thousands entered Egypt through the Argeen crossing near Aswan, and troops shelled the Taung Pyo border post."
    )
    found = by_surface(geoparse(text, gazetteer))
    assert {"Argeen", "Taung Pyo"} <= set(found)
    # the gazetteer lacks Argeen: it is placed at the town named with it
    assert (found["Argeen"].place.country_code, found["Argeen"].place.feature_code) == ("EG", "NEAR")
