"""OnlineSource: the real geopy Nominatim client against a fake Nominatim on 127.0.0.1."""

from __future__ import annotations

import itertools
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import platformdirs
import pytest
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import Nominatim

from gazetteer.errors import DataFileError, SourceUnavailable, UnknownSource
from gazetteer.sources import SOURCES, get_source
from gazetteer.sources.online import DEFAULT_USER_AGENT, OnlineSource, default_cache_path, default_geocoder

# Answers in the shape of Nominatim's /search?format=json&addressdetails=1&namedetails=1.
# OSM ids are made up; points: Khorugh from GeoNames 1221328, Tajikistan GeoNames' round
# point, Badakhshan the mean of its cities500 places; bounding boxes approximate.
KHORUGH = {
    "place_id": 101,
    "osm_type": "node",
    "osm_id": 9000000001,
    "lat": "37.4903900",
    "lon": "71.5533700",
    "class": "place",
    "type": "town",
    "addresstype": "town",
    "name": "Khorugh",
    "display_name": "Khorugh, Gorno-Badakhshan Autonomous Region, Tajikistan",
    "address": {
        "town": "Khorugh",
        "state": "Gorno-Badakhshan Autonomous Region",
        "ISO3166-2-lvl4": "TJ-GB",
        "country": "Tajikistan",
        "country_code": "tj",
    },
    "namedetails": {"name": "Khorugh", "name:ru": "Хорог", "name:tg": "Хоруғ", "old_name": "Khorog"},
    "boundingbox": ["37.4503900", "37.5303900", "71.5133700", "71.5933700"],
}
BADAKHSHAN = {
    "place_id": 102,
    "osm_type": "relation",
    "osm_id": 9000000002,
    "lat": "37.17",
    "lon": "70.77",
    "class": "boundary",
    "type": "administrative",
    "addresstype": "state",
    "name": "Badakhshan",
    "display_name": "Badakhshan, Afghanistan",
    "address": {"state": "Badakhshan", "country": "Afghanistan", "country_code": "af"},
    "boundingbox": ["35.4", "38.5", "69.9", "75.0"],
}
TAJIKISTAN = {
    "place_id": 103,
    "osm_type": "relation",
    "osm_id": 9000000003,
    "lat": "39.0",
    "lon": "71.0",
    "class": "boundary",
    "type": "administrative",
    "addresstype": "country",
    "name": "Tajikistan",
    "display_name": "Tajikistan",
    "address": {"country": "Tajikistan", "country_code": "tj"},
    "boundingbox": ["36.67", "41.04", "67.34", "75.15"],
}
ANSWERS = {"khorog": [KHORUGH], "badakhshan": [BADAKHSHAN], "tajikistan": [TAJIKISTAN]}
MIN_DELAY = 0.3
#: a request may reach the server up to this much earlier than the client's clock implies
NETWORK_JITTER = 0.05


@dataclass(frozen=True)
class Received:
    arrived: float  # time.monotonic() when the server read the request
    path: str
    params: dict[str, str]
    user_agent: str


class FakeNominatim(ThreadingHTTPServer):
    """Answers /search from ANSWERS, or with ``status``, or only once ``released`` when stalling."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _NominatimHandler)
        self.received: list[Received] = []
        self.status = 200
        self.retry_after: str | None = None
        self.stall = False
        self.released = threading.Event()

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that gave up waiting (the timeout test) is expected, not an error
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _NominatimHandler(BaseHTTPRequestHandler):
    server: FakeNominatim

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query))
        self.server.received.append(Received(time.monotonic(), url.path, params, self.headers.get("User-Agent", "")))
        if self.server.stall:
            self.server.released.wait(timeout=30)
        if self.server.status == 200:
            countries = set(params.get("countrycodes", "").split(",")) - {""}
            answers = [
                answer
                for answer in ANSWERS.get(params.get("q", "").casefold(), [])
                if not countries or answer["address"]["country_code"] in countries
            ]
            body = json.dumps(answers).encode()
        else:
            body = json.dumps({"error": {"code": self.server.status, "message": "refused by the test"}}).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.server.retry_after:
            self.send_header("Retry-After", self.server.retry_after)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNominatim]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    fake = FakeNominatim()
    thread = threading.Thread(target=fake.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake
    fake.released.set()
    fake.shutdown()
    fake.server_close()
    thread.join()


def make_source(domain: str, cache_path: Path, **options: Any) -> OnlineSource:
    geocoder = default_geocoder(domain=domain, scheme="http", timeout=options.get("timeout", 10))
    options.setdefault("min_delay_seconds", MIN_DELAY)
    return OnlineSource(geocoder, cache_path=cache_path, **options)


@pytest.fixture
def source(server: FakeNominatim, tmp_path: Path) -> OnlineSource:
    return make_source(server.domain, tmp_path / "cache.sqlite")


def test_finds_a_place_with_its_address_details(server: FakeNominatim, source: OnlineSource) -> None:
    places = source.search("Khorog", country_code="TJ")

    assert len(places) == 1
    khorugh = places[0]
    assert khorugh.name == "Khorugh"
    assert khorugh.lat == pytest.approx(37.49039, abs=1e-6)
    assert khorugh.lon == pytest.approx(71.55337, abs=1e-6)
    assert (khorugh.country_code, khorugh.admin1, khorugh.admin2) == (
        "TJ",
        "Gorno-Badakhshan Autonomous Region",
        "",
    )
    assert (khorugh.feature_class, khorugh.feature_code) == ("P", "PPL")
    assert {"Хорог", "Khorog"} <= set(khorugh.alternate_names)
    assert khorugh.id == "online:nominatim:node/9000000001"
    assert khorugh.source == "online:nominatim"
    assert 1.0 <= khorugh.precision_km <= 10.0  # half the diagonal of a ~9 x 7 km box
    assert khorugh.raw == KHORUGH
    [request] = server.received
    assert request.path == "/search"
    assert request.user_agent == DEFAULT_USER_AGENT
    assert request.params == {
        "q": "Khorog",
        "format": "json",
        "addressdetails": "1",
        "namedetails": "1",
        "countrycodes": "tj",
        "limit": "10",
    }


@pytest.mark.parametrize(
    ("query", "country_code", "expected"),
    [
        ("Khorog", None, ("TJ", "P", "PPL", "Gorno-Badakhshan Autonomous Region")),
        ("Badakhshan", "AF", ("AF", "A", "ADM1", "")),  # a division does not name itself as admin1
        ("Tajikistan", None, ("TJ", "A", "PCLI", "")),
    ],
)
def test_maps_nominatim_types_to_geonames_features(
    source: OnlineSource, query: str, country_code: str | None, expected: tuple[str, str, str, str]
) -> None:
    [place] = source.search(query, country_code=country_code)

    assert (place.country_code, place.feature_class, place.feature_code, place.admin1) == expected


def test_a_province_is_coarser_than_a_town(source: OnlineSource) -> None:
    [province] = source.search("Badakhshan")
    [town] = source.search("Khorog")

    assert province.precision_km > 100 > town.precision_km


def test_no_result_is_an_empty_list(server: FakeNominatim, source: OnlineSource) -> None:
    assert source.search("Nowhereabad") == []
    assert source.search("Khorog", country_code="AF") == []
    assert len(server.received) == 2


def test_answers_are_cached_on_disk(server: FakeNominatim, source: OnlineSource, tmp_path: Path) -> None:
    first = source.search("Khorog", country_code="TJ")
    again = source.search("  khorog ", country_code="tj", limit=5)
    other_process = make_source(server.domain, tmp_path / "cache.sqlite").search("Khorog", country_code="TJ")
    source.search("Nowhereabad")
    source.search("Nowhereabad")

    assert first == again == other_process
    assert [request.params["q"] for request in server.received] == ["Khorog", "Nowhereabad"]
    source.search("Khorog")  # another country filter is another question
    assert len(server.received) == 3


def test_requests_keep_the_minimum_delay(server: FakeNominatim, source: OnlineSource) -> None:
    for query in ["Khorog", "Badakhshan", "Tajikistan"]:
        source.search(query)

    arrivals = [request.arrived for request in server.received]
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(gaps) == 2
    assert all(gap >= MIN_DELAY - NETWORK_JITTER for gap in gaps), gaps


def test_a_timeout_is_source_unavailable(server: FakeNominatim, tmp_path: Path) -> None:
    source = make_source(server.domain, tmp_path / "cache.sqlite", timeout=0.5)
    server.stall = True

    with pytest.raises(SourceUnavailable) as raised:
        source.search("Khorog")

    assert isinstance(raised.value.__cause__, GeocoderTimedOut)
    assert "did not answer within 0.5 s" in str(raised.value)
    assert "try again later or allow a longer timeout" in str(raised.value)
    assert len(server.received) == 1  # no retries behind the rate limiter's back
    server.stall = False
    server.released.set()
    assert [place.name for place in source.search("Khorog")] == ["Khorugh"]  # failures are not cached


@pytest.mark.parametrize(
    ("status", "retry_after", "cause", "expected"),
    [
        (403, None, GeocoderInsufficientPrivileges, ["refused access (HTTP 403)", "user agent naming you"]),
        (429, "30", GeocoderRateLimited, ["too many requests (HTTP 429)", "wait 30 s before trying again"]),
        (500, None, GeocoderServiceError, ["failed on its side", "status code 500", "try again later"]),
        (503, None, GeocoderTimedOut, ["said it is overloaded", "status code 503"]),
    ],
)
def test_http_errors_are_source_unavailable(
    server: FakeNominatim,
    source: OnlineSource,
    status: int,
    retry_after: str | None,
    cause: type[Exception],
    expected: list[str],
) -> None:
    server.status, server.retry_after = status, retry_after

    with pytest.raises(SourceUnavailable) as raised:
        source.search("Khorog")

    message = str(raised.value)
    assert type(raised.value.__cause__) is cause
    assert message.startswith(f"Nominatim (http://{server.domain}/search) ")
    assert all(part in message for part in expected), message
    assert len(server.received) == 1  # no retries
    server.status, server.retry_after = 200, None
    assert len(source.search("Khorog")) == 1  # failures are not cached


def test_an_unreachable_service_is_source_unavailable(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = make_source(f"127.0.0.1:{port}", tmp_path / "cache.sqlite")

    with pytest.raises(SourceUnavailable, match="cannot be reached") as raised:
        source.search("Khorog")

    assert isinstance(raised.value.__cause__, GeocoderUnavailable)
    assert "check the internet connection" in str(raised.value)


def test_a_damaged_cache_is_named(server: FakeNominatim, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    cache.write_text("not a database\n" * 100, encoding="utf-8")

    with pytest.raises(DataFileError) as raised:
        make_source(server.domain, cache).search("Khorog")

    assert raised.value.path == str(cache)
    assert "delete the file" in raised.value.reason
    assert server.received == []


def test_defaults_are_nominatim_with_our_user_agent_and_no_io(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "answers.sqlite"
    source = OnlineSource(cache_path=cache)

    assert isinstance(source.geocoder, Nominatim)
    assert source.geocoder.domain == "nominatim.openstreetmap.org"
    assert source.geocoder.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert source.min_delay_seconds == 1.0
    assert not cache.parent.exists()
    assert OnlineSource().cache_path == default_cache_path()
    assert default_cache_path().parent == Path(platformdirs.user_cache_dir("incident-mapper"))


def test_registry_makes_the_online_source_and_names_the_choices(tmp_path: Path) -> None:
    source = get_source("online", cache_path=tmp_path / "cache.sqlite")

    assert isinstance(source, OnlineSource)
    assert set(SOURCES) == {"embedded", "geonames-dump", "online"}
    with pytest.raises(UnknownSource, match="choose one of: embedded, geonames-dump, online"):
        get_source("nominatim")
