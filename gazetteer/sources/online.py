"""Places from an online geocoder: any geopy geocoder, OpenStreetMap Nominatim by default.

Opt-in only: the gazetteer works offline, and this source is used when the user asks
for it (``--online``). It keeps to the public Nominatim usage policy
(https://operations.osmfoundation.org/policies/nominatim/): at most one request per
second through geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`, a user agent
naming this application, and a persistent cache so that a repeated query is never sent
again. Every failure of the service becomes :class:`SourceUnavailable` saying what
happened and what to do.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from geopy.adapters import RequestsAdapter
from geopy.distance import distance
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder

from gazetteer.errors import DataFileError, SourceUnavailable
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

DEFAULT_USER_AGENT = "incident-mapper/0.1 (offline-first news incident mapper; opt-in online place lookups)"

#: how many results to ask for at least, so that a later call with a larger limit hits the cache
_MIN_REQUEST_LIMIT = 10
#: Nominatim returns at most 40 results per query
_MAX_REQUEST_LIMIT = 40

# Nominatim's addresstype (or type) -> GeoNames feature class and code.
_FEATURES = {
    "city": ("P", "PPL"),
    "town": ("P", "PPL"),
    "village": ("P", "PPL"),
    "hamlet": ("P", "PPL"),
    "isolated_dwelling": ("P", "PPL"),
    "suburb": ("P", "PPLX"),
    "quarter": ("P", "PPLX"),
    "neighbourhood": ("P", "PPLX"),
    "country": ("A", "PCLI"),
    "state": ("A", "ADM1"),
    "province": ("A", "ADM1"),
    "region": ("A", "ADM1"),
    "state_district": ("A", "ADM2"),
    "county": ("A", "ADM2"),
    "district": ("A", "ADM2"),
    "municipality": ("A", "ADM3"),
    "peak": ("T", "PK"),
    "mountain_pass": ("T", "PASS"),
    "saddle": ("T", "PASS"),
    "river": ("H", "STM"),
    "border_control": ("S", "PSTB"),
}
# Address keys naming the divisions around a place, most usual first.
_ADMIN1_KEYS = ("state", "province", "region")
_ADMIN2_KEYS = ("county", "state_district", "district", "municipality")
# A division names only its parents (see Place): how many admin levels to leave out.
_OWN_LEVEL = {"PCLI": 0, "ADM1": 1, "ADM2": 2}
_FLOOR_PRECISION_KM = 1.0
#: a geocoder that gives no extent: assume the point is anywhere in a town-sized area
_UNKNOWN_PRECISION_KM = 10.0

# What each geopy failure means, and what the user can do; looked up along the error's MRO.
_EXPLANATIONS: dict[type[GeocoderServiceError], tuple[str, str]] = {
    GeocoderTimedOut: (
        "did not answer within {timeout:g} s, or said it is overloaded",
        "try again later or allow a longer timeout; offline lookups work without --online",
    ),
    GeocoderRateLimited: (
        "refused the request: too many requests (HTTP 429)",
        "wait{retry} before trying again; this program sends at most one request per {delay:g} s, "
        "so another program on this network may be using the same service",
    ),
    GeocoderQuotaExceeded: (
        "refused the request: quota exceeded (HTTP 402)",
        "wait until the quota resets, or use another geocoder",
    ),
    GeocoderInsufficientPrivileges: (
        "refused access (HTTP 403)",
        "the service blocks clients that break its usage policy: give a user agent naming you "
        "and a contact (user_agent=...), keep to one request per second, or try again later",
    ),
    GeocoderAuthenticationFailure: (
        "rejected the credentials (HTTP 401/407)",
        "check the API key, or the proxy's user name and password",
    ),
    GeocoderUnavailable: (
        "cannot be reached",
        "check the internet connection and proxy settings, or work offline without --online",
    ),
    GeocoderQueryError: (
        "rejected the query {query!r}",
        "the query was built wrongly; please report this as a bug",
    ),
    GeocoderParseError: (
        "sent an answer that is not JSON",
        "the service or a network portal in between is misbehaving; try again later",
    ),
    GeocoderServiceError: (
        "failed on its side",
        "try again later; offline lookups work without --online",
    ),
}


def default_geocoder(
    *,
    user_agent: str = DEFAULT_USER_AGENT,
    timeout: float = 10,
    domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https",
) -> Nominatim:
    """Nominatim whose HTTP client makes exactly one attempt per request.

    geopy's default client retries a failed request twice at once (and obeys a 429's
    Retry-After of any length) below the RateLimiter, which would break the service's
    one-request-per-second policy and hang the program. ``domain``/``scheme`` select
    another Nominatim server (a local one, or a test server).
    """
    return Nominatim(
        user_agent=user_agent,
        timeout=timeout,
        domain=domain,
        scheme=scheme,
        adapter_factory=functools.partial(RequestsAdapter, max_retries=0),
    )


def default_cache_path() -> Path:
    """Where answers are cached unless told otherwise: the user's cache directory."""
    return Path(platformdirs.user_cache_dir("incident-mapper")) / "online-geocoder-cache.sqlite"


class OnlineSource(PlaceSource):
    """Places found by an online geocoder, one query at a time, cached on disk.

    Parameters
    ----------
    geocoder
        Any geopy geocoder; by default :func:`default_geocoder`, made on first use with
        ``user_agent`` and ``timeout``. Give one whose HTTP client does not retry (as
        :func:`default_geocoder` does), or the rate limit holds only between calls.
    cache_path
        The SQLite file of cached answers; by default :func:`default_cache_path`.
        Answers do not expire: delete the file to ask the service again.
    min_delay_seconds
        The least time between two requests of this source (Nominatim's policy: 1 s).
        It holds per instance: a program makes one OnlineSource and shares it.
    user_agent
        Sent with each request to the default geocoder; a service may block generic ones.
    timeout
        Seconds to wait for each answer.

    The country filter, address details (country, divisions) and feature types come
    from Nominatim's answers; other geocoders give names and points only.
    The constructor does no I/O: the geocoder and the cache are opened by :meth:`search`.

    Example
    -------
    >>> source = OnlineSource()
    >>> source.search("Khorog", country_code="TJ")   # doctest: +SKIP
    [Place(id='online:nominatim:node/...', name='Khorugh', lat=37.49..., country_code='TJ', ...)]
    """

    name = "online"

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        *,
        cache_path: Path | None = None,
        min_delay_seconds: float = 1.0,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 10,
    ) -> None:
        self._geocoder = geocoder
        self.cache_path = Path(cache_path) if cache_path else default_cache_path()
        self.min_delay_seconds = min_delay_seconds
        self.user_agent = user_agent
        self.timeout = timeout

    @property
    def geocoder(self) -> Geocoder:
        """The geocoder asked; the default Nominatim is made on first use."""
        if self._geocoder is None:
            self._geocoder = default_geocoder(user_agent=self.user_agent, timeout=self.timeout)
        return self._geocoder

    @property
    def source_label(self) -> str:
        """``Place.source`` of this source's places, e.g. ``"online:nominatim"``."""
        return f"online:{type(self.geocoder).__name__.lower()}"

    def search(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        """The geocoder's places for ``name``, best first; ``[]`` when it knows none.

        Answers come from the cache when this query was asked before (by any process);
        otherwise one request is sent, no sooner than ``min_delay_seconds`` after the last.
        Raises :class:`SourceUnavailable` when the service fails.
        """
        query = " ".join(name.split())
        if not query:
            return []
        limit = min(limit, _MAX_REQUEST_LIMIT)
        key = _CacheKey(self._service_key(), query.casefold(), (country_code or "").upper())
        cache = _AnswerCache(self.cache_path)
        answers = cache.get(key, limit)
        if answers is None:
            request_limit = max(limit, _MIN_REQUEST_LIMIT)
            answers = self._ask(query, key.country, request_limit)
            cache.put(key, request_limit, answers)
        return [_place(answer, self.source_label) for answer in answers[:limit]]

    def fingerprint(self) -> str:
        return f"{self.name}:{self._service_key()}"

    @functools.cached_property
    def _rate_limited_geocode(self) -> RateLimiter:
        return RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )

    def _service_key(self) -> str:
        """Which service answers: the geocoder's kind and address (``nominatim:https://...``)."""
        return f"{type(self.geocoder).__name__.lower()}:{getattr(self.geocoder, 'api', '')}"

    def _ask(self, query: str, country: str, limit: int) -> list[dict[str, Any]]:
        """Send one request; the answers as JSON-ready dicts (what the cache stores)."""
        options: dict[str, Any] = {}
        if isinstance(self.geocoder, Nominatim):
            options = {"addressdetails": True, "namedetails": True, "limit": limit}
            if country:
                options["country_codes"] = country.lower()
        try:
            locations = self._rate_limited_geocode(query, exactly_one=False, timeout=self.timeout, **options)
        except GeocoderServiceError as err:
            raise SourceUnavailable(self._explain(err, query)) from err
        return [
            {
                "address": location.address,
                "lat": location.latitude,
                "lon": location.longitude,
                "raw": location.raw,
            }
            for location in locations or []
        ]

    def _explain(self, err: GeocoderServiceError, query: str) -> str:
        """One message: which service, what happened (with geopy's detail) and what to do."""
        what, advice = next(_EXPLANATIONS[cls] for cls in type(err).__mro__ if cls in _EXPLANATIONS)
        retry_after = getattr(err, "retry_after", None)
        fields = {
            "timeout": self.timeout,
            "delay": self.min_delay_seconds,
            "query": query,
            "retry": f" {retry_after} s" if retry_after else "",
        }
        service = f"{type(self.geocoder).__name__} ({getattr(self.geocoder, 'api', 'online geocoder')})"
        return f"{service} {what.format(**fields)} [{err}]: {advice.format(**fields)}"


# --- the answer cache ---------------------------------------------------------------

_CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    query TEXT NOT NULL,
    country TEXT NOT NULL,
    request_limit INTEGER NOT NULL,
    answers TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (service, query, country)
)
"""


@dataclass(frozen=True)
class _CacheKey:
    service: str
    query: str
    country: str


class _AnswerCache:
    """Geocoder answers kept as JSON in one SQLite file, shared by every process."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: _CacheKey, limit: int) -> list[dict[str, Any]] | None:
        """The stored answers, if they hold ``limit`` results or all the service had."""
        if not self.path.exists():
            return None
        with self._connect() as db:
            row = db.execute(
                "SELECT request_limit, answers FROM answers WHERE service = ? AND query = ? AND country = ?",
                (key.service, key.query, key.country),
            ).fetchone()
        if row is None:
            return None
        request_limit, answers = row[0], json.loads(row[1])
        return answers if limit <= request_limit or len(answers) < request_limit else None

    def put(self, key: _CacheKey, request_limit: int, answers: list[dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key.service,
                    key.query,
                    key.country,
                    request_limit,
                    json.dumps(answers, ensure_ascii=False),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction; a damaged file is named with the fix."""
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=10)) as db, db:
                db.execute(_CACHE_SCHEMA)
                yield db
        except sqlite3.DatabaseError as err:
            raise DataFileError(
                self.path, f"not a usable geocoder cache ({err}); delete the file and it is made anew"
            ) from err


# --- answers to places --------------------------------------------------------------


def _place(answer: dict[str, Any], source: str) -> Place:
    """The Place of one geocoder answer (as stored in the cache)."""
    raw = answer["raw"] if isinstance(answer.get("raw"), dict) else {}
    address = raw.get("address") or {}
    name = raw.get("name") or (answer.get("address") or "").split(",")[0].strip()
    feature_class, feature_code = _feature(raw)
    own_level = _OWN_LEVEL.get(feature_code, 3)
    other_names = (raw.get("namedetails") or {}).values()
    return Place(
        id=f"{source}:{_answer_id(answer)}",
        name=name,
        lat=float(answer["lat"]),
        lon=float(answer["lon"]),
        country_code=str(address.get("country_code", "")).upper(),
        admin1=_first(address, _ADMIN1_KEYS) if own_level > 1 else "",
        admin2=_first(address, _ADMIN2_KEYS) if own_level > 2 else "",
        feature_class=feature_class,
        feature_code=feature_code,
        alternate_names=tuple(dict.fromkeys(other for other in other_names if other and other != name)),
        source=source,
        precision_km=_precision_km(raw.get("boundingbox")),
        raw=raw,
    )


def _answer_id(answer: dict[str, Any]) -> str:
    """The service's own id of the answer (``node/123``), else its point."""
    raw = answer.get("raw") or {}
    if raw.get("osm_type") and raw.get("osm_id"):
        return f"{raw['osm_type']}/{raw['osm_id']}"
    if raw.get("place_id"):
        return str(raw["place_id"])
    return f"{float(answer['lat']):.5f},{float(answer['lon']):.5f}"


def _feature(raw: dict[str, Any]) -> tuple[str, str]:
    """GeoNames class and code from Nominatim's addresstype, else its type; blank if unknown."""
    return _FEATURES.get(raw.get("addresstype", "")) or _FEATURES.get(raw.get("type", ""), ("", ""))


def _first(address: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((address[key] for key in keys if address.get(key)), "")


def _precision_km(bounding_box: list[str] | None) -> float:
    """Half the diagonal of Nominatim's bounding box ``[south, north, west, east]``."""
    if not bounding_box or len(bounding_box) != 4:
        return _UNKNOWN_PRECISION_KM
    south, north, west, east = map(float, bounding_box)
    return max(_FLOOR_PRECISION_KM, distance((south, west), (north, east)).km / 2)
