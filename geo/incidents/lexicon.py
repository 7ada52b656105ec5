"""The English words the incident rules read: what counts people, what marks time, and so on.

General news vocabulary only; nothing here names a place or quotes an article.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of lower-case words from whitespace-separated text."""
    return frozenset(text.lower().split())


NUMBER_WORDS = words("""
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    million billion
""")
# Nouns that count people ("1,037 servicemen", "(104 people)", "hundreds of refugees").
PEOPLE_NOUNS = words("""
    people persons person individuals individual soldiers soldier troops troop servicemen serviceman
    servicewomen servicemembers members member personnel officers officer officials official police arrivals
    policemen policeman guards guard guardsmen fighters fighter militants militant insurgents insurgent
    rebels rebel militiamen militia combatants commandos recruits conscripts reservists sailors airmen
    marines paratroopers gunmen forces refugees refugee migrants migrant asylum-seekers seekers returnees
    returnee deportees deportee evacuees displaced civilians civilian residents villagers inhabitants
    families households men women children minors boys girls adults crew staff diplomats employees
    workers labourers laborers passengers pilgrims prisoners detainees students nationals citizens
    journalists hostages captives victims casualties dead wounded injured bodies commanders leaders
    envoys defectors herders traders drivers military
""")
# Nouns of time: "14 months", "two decades", "20-year mission".
TIME_NOUNS = words("""
    year years month months week weeks day days hour hours minute minutes second seconds decade decades
    century centuries fortnight fortnights night nights morning mornings evening evenings weekend weekends
""")
MEASURE_NOUNS = words("""
    km kilometres kilometers kilometre kilometer miles mile metres meters metre meter feet foot tonnes
    tons tonne ton kg kilograms hectares acres square sq litres liters degrees
""")
MONEY_NOUNS = words("""
    dollars dollar euros euro pounds rupees afghanis afghani somoni roubles rubles usd eur yuan tenge som
    sums manat rials tomans cents
""")
# Things that are counted but never move across a border as people do: tallies of territory,
# equipment, episodes ("more than 45 districts", "34 provincial centres", "the fifth case").
THING_NOUNS = words("""
    districts district provinces province centres centers centre center posts post outposts checkpoints
    checkpoint checkposts checkpost bases base villages village towns town cities city countries country
    areas regions territories crossings crossing points bridges roads routes camps camp tents settlements
    sites positions buildings homes houses vehicles vehicle trucks cars tanks aircraft helicopters planes
    airliners jets drones weapons guns rifles rounds rockets missiles shells mines times cases case
    incidents attacks clashes occasions groups units battalions brigades divisions companies squads
    convoys flights boats kilos votes seats words pages items schools hospitals mosques consulates
    embassies offices states nations
""")
# Words after which a noun search stops: the number counted nothing named.
NOUN_STOP_WORDS = words("""
    in at on to into from for with by along across through near over under via and or but who which that
    had has have were was are is be been will would could may might as than per after before since during
    while when where if its their his her our
    crossed fled reached arrived entered returned escaped retreated withdrew moved passed went came poured
    streamed flooded sought remained stayed left landed slipped sneaked trekked
""")
DETERMINERS = words("the a an its their his her our those these them")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
