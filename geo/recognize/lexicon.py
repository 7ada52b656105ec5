"""What the recogniser knows about English words, as opposed to places.

Word knowledge comes from packages where one has it: common English words are the
lower-case entries of Webster's Second that are also in GCIDE (both lists from
``english-words``; the intersection drops the archaic words that are mostly names),
given names from ``faker``'s person providers, demonyms from ``countryinfo``, month and
weekday names from the standard library. The short lists written here are linguistic cues (titles before a
person's name, words that make a phrase an organisation, prepositions of place), not
place names.
"""

from __future__ import annotations

import calendar
import pickle
from functools import lru_cache
from importlib import resources

from gazetteer.matching import ADMIN_WORDS, POPULATED_WORDS
from gazetteer.normalize import fold
from geo.recognize.tokens import fold_word

#: words before a name that make it a person: "President Ghani", "spokesman Shaheen"
PERSON_TITLES = frozenset(
    """
    president presidents vice prime premier minister ministers mr mrs ms miss dr sir lord lady dame king queen
    prince princess sheikh shaikh mullah imam ayatollah pope cardinal bishop rev reverend pastor father
    gen general col colonel maj major capt captain lt lieutenant sgt sergeant cpl corporal adm admiral
    gov governor sen senator rep representative congressman congresswoman mayor judge justice sheriff
    deputy officer detective chief commissioner councilman councilwoman councillor chairman chairwoman
    secretary ambassador envoy spokesman spokeswoman spokesperson professor prof coach director dean
    principal superintendent commander correspondent reporter editor author actor actress singer
    attorney lawyer mp mep warlord emir st saint ste
    """.split()
)
#: capitalised words that end the name of an organisation: "National Security Council"
ORGANISATION_HEADS = frozenset(
    """
    council committee commission agency service services ministry department office bureau authority
    news times post herald tribune journal gazette press telegraph guardian chronicle observer daily
    network broadcasting corporation company inc ltd llc group party front movement organisation
    organization association union federation institute university college school academy hospital
    foundation fund bank court army navy force forces guard police
    """.split()
)
#: news organisations and alliances whose names are also the names of some place
ORGANISATIONS = frozenset(
    fold(name)
    for name in (
        "Reuters",
        "BBC",
        "Nato",
        "AP",
        "AFP",
        "CNN",
        "Xinhua",
        "Tass",
        "Interfax",
        "Al Jazeera",
        "Bloomberg",
        "Fox",
        "Sky",
        "ABC",
        "CBS",
        "NBC",
        "NPR",
        "Taliban",
        "Hamas",
        "Hezbollah",
        "Google",
        "Twitter",
        "Facebook",
        "White House",
    )
)
#: lower-case words right after a name that make it an organisation: "Tass news agency"
ORGANISATION_NOUNS = frozenset("news agency newspaper television tv radio magazine channel website".split())
#: words before a name that say it is a place
LOCATIVE_CUES = frozenset(
    """
    in at near from to into toward towards outside inside across through throughout around via
    between within across along beyond reach reached entered visited border borders bordering
    """.split()
)
#: words after a name that say it is a place: "the Concord resident", "Kabul residents"
PLACE_HEAD_NOUNS = frozenset(
    """
    resident residents native natives area areas mayor police officials council county airport
    province district city town village region border
    """.split()
)
#: capitalised words that qualify a place name without being names: "Metro Vancouver"
PLACE_MODIFIERS = frozenset(
    "north south east west northern southern eastern western central upper lower greater metro downtown "
    "historic old new".split()
)
#: feasts and faiths, capitalised like names and sometimes also place names
FEASTS_AND_FAITHS = frozenset(
    "christmas easter thanksgiving halloween ramadan eid hanukkah diwali passover jesus christ god allah "
    "christian christians muslim muslims jewish catholic".split()
)
#: what an apostrophe joins to a pronoun or verb: "I've", "He's", "don't"
CONTRACTIONS = frozenset("ve re ll d m t s".split())
#: generic geographic nouns; a bare one ("the Gulf", "the Valley") is not a toponym
GENERIC_FEATURES = (
    frozenset(
        """
    gulf bay sea ocean river lake valley mountain mountains hill hills desert coast island islands
    border frontier capital north south east west central city town village country state
    peninsula strait canal harbour harbor port plain plains highlands lowlands delta
    airport street road avenue park bridge square station church
    """.split()
    )
    | ADMIN_WORDS
    | POPULATED_WORDS
)
#: words after a name that make it a division or a settlement ("Darvaz District")
FEATURE_WORDS = ADMIN_WORDS | POPULATED_WORDS
#: what a border crossing point is called after its name, in lower case: "the Argeen crossing", "the Elegu
#: border point", "the Chaman gate" (a capitalised "Bridge" or "Gate" is part of the name itself)
CROSSING_POINT_NOUNS = (
    ("crossing", "point"),
    ("crossing",),
    ("border", "crossing"),
    ("border", "point"),
    ("border", "post"),
    ("border", "gate"),
    ("checkpoint",),
    ("gate",),
    ("land", "port"),
    ("reception", "centre"),
    ("reception", "center"),
    ("transit", "centre"),
    ("transit", "center"),
    ("collection", "centre"),
    ("collection", "center"),
)

#: demonyms countryinfo does not have in their usual English form
_EXTRA_DEMONYMS = {"Tajik": "TJ", "Uzbek": "UZ", "Kyrgyz": "KG", "Kazakh": "KZ", "Saudi": "SA", "Briton": "GB"}


#: faker locales whose given names are written in Latin letters
_GIVEN_NAME_LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_NZ",
    "en_IN",
    "en_PK",
    "en_NG",
    "en_KE",
    "es_ES",
    "fr_FR",
    "de_DE",
    "it_IT",
)
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)
_INFLECTION_ENDINGS = tuple(dict.fromkeys(suffix for suffix, _replacement in _INFLECTIONS))


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    data = resources.files("english_words") / "data"
    webster: set[str] = pickle.loads((data / "web2.pickle").read_bytes())
    gcide: set[str] = pickle.loads((data / "gcide.pickle").read_bytes())
    gcide_lower = {word.lower() for word in gcide}
    return frozenset(word for word in webster if word.islower() and word in gcide_lower)


@lru_cache(maxsize=100_000)
def is_common_word(key: str) -> bool:
    """Whether a folded word is an English word that is not only a name ("police", "flags")."""
    words = _dictionary()
    if key in words:
        return True
    if not key.endswith(_INFLECTION_ENDINGS):
        return False  # most words: one test instead of one per inflection
    for suffix, replacement in _INFLECTIONS:
        if key.endswith(suffix) and len(key) > len(suffix) + 2 and key[: -len(suffix)] + replacement in words:
            return True
    return False


@lru_cache(maxsize=100_000)
def is_name_word(word: str) -> bool:
    """Whether a word as written is only a name ("Karzai", "Andrew"): capitalised but not in
    capitals, and not a common word, a feature word, a modifier, a demonym, a calendar word or a title."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    key = fold_word(word)
    return not (
        is_common_word(key)
        or key in FEATURE_WORDS
        or key in PLACE_MODIFIERS
        or key in demonyms()
        or key in calendar_words()
        or key in PERSON_TITLES
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names ("andrew", "roy", "sheila"): a word after one is a surname."""
    import importlib

    names: set[str] = set()
    for locale in _GIVEN_NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(fold(name) for name in getattr(provider, attribute, ()))
    return frozenset(names)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names and abbreviations ("May", "March", "Sunday"), feasts and faiths."""
    names = [*calendar.month_name, *calendar.day_name, *calendar.month_abbr, *calendar.day_abbr]
    return frozenset(fold(name) for name in names if name) | FEASTS_AND_FAITHS


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Folded common surnames ("jones", "welch"): without a cue, a small place so named is a person."""
    import importlib

    names: set[str] = set()
    for locale in ("en_US", "en_GB"):
        names.update(fold(n) for n in importlib.import_module(f"faker.providers.person.{locale}").Provider.last_names)
    return frozenset(names)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, str]]:
    """Folded demonym ("afghan", "afghans", "sri lankan") -> (country code, country name).

    Where two countries share one ("Dominican", "Congolese") the more populous wins.
    """
    from countryinfo import all_countries

    table: dict[str, tuple[str, str, int]] = {}
    names: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2") or ""
        if not code:
            continue
        names[code] = info.get("name") or ""
        population = int(info.get("population") or 0)
        for demonym in (info.get("demonym") or "").replace("/", ",").split(","):
            for form in _forms(demonym.strip()):
                if form and (form not in table or table[form][2] < population):
                    table[form] = (code, names[code], population)
    for demonym, code in _EXTRA_DEMONYMS.items():
        for form in _forms(demonym):
            table.setdefault(form, (code, names.get(code, code), 0))
    return {form: (code, name) for form, (code, name, _population) in table.items()}


def _forms(demonym: str) -> list[str]:
    """A demonym and its plural, folded: "Afghan" -> ["afghan", "afghans"]."""
    key = fold(demonym)
    if not key:
        return []
    if key.endswith(("sh", "ch", "ese", "ss", "s", "x", "z")):
        return [key]
    return [key, key + "s"]
