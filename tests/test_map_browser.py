"""The map file opened in real headless Chromium (Debian's package) with the network off.

Every request other than the file itself is recorded and aborted; the tests assert that
there is none, that nothing is logged as an error, that there is one interactive symbol
per mapped incident and that clicking a symbol opens its popup with the right count.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest_map import CROSSINGS, XSS_IMG, XSS_SCRIPT, XSS_TEMPLATE, seed_result, synthetic_result, xss_result

from geo.mapping import build_map, save_map
from geo.mapping.screenshot import CHROMIUM, CHROMIUM_ARGS
from geo.model import ExtractionResult

PROJECT = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1200, "height": 800}

pytestmark = pytest.mark.browser

if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

# Leaflet's map object: folium names its variable after the id of the map's div.
FIND_MAP = "window[document.querySelector('.folium-map').id]"


@dataclass
class OpenedMap:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def interactive(self) -> int:
        return self.page.locator(".leaflet-interactive").count()

    def assert_offline_and_clean(self) -> None:
        assert self.requests == [], f"requests made: {self.requests[:5]}"
        assert self.errors == [], f"console or page errors: {self.errors[:5]}"

    def click_at(self, lat: float, lon: float, zoom: int = 11) -> str:
        """Centre the map on a point, click there like a user, and return the popup's text."""
        self.page.evaluate(f"() => {{ {FIND_MAP}.closePopup(); }}")  # returns nothing: no map to serialise
        self.page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
        point = self.page.evaluate(
            f"""([lat, lon, zoom]) => {{
                const map = {FIND_MAP};
                map.setView([lat, lon], zoom, {{animate: false}});
                const rect = map.getContainer().getBoundingClientRect();
                const p = map.latLngToContainerPoint([lat, lon]);
                return [rect.left + p.x, rect.top + p.y];
            }}""",
            [lat, lon, zoom],
        )
        # let the layers draw at the new view before clicking (a busy machine may lag a frame behind),
        # and let the clusters finish opening: while they do, other markers pass under the point
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        self.page.wait_for_function("() => !document.querySelector('.leaflet-cluster-anim')")
        self.page.mouse.click(*point)
        popup = self.page.locator(".leaflet-popup-content")
        popup.wait_for()
        return popup.inner_text()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_map(browser, tmp_path) -> Iterator:
    contexts = []

    def opener(result: ExtractionResult, **options) -> OpenedMap:
        path = save_map(build_map(result, **options), tmp_path / f"map{len(contexts)}.html")
        context = browser.new_context(offline=True, viewport=VIEWPORT)
        contexts.append(context)
        opened = OpenedMap(page=context.new_page(), url=path.resolve().as_uri())

        def route(route) -> None:
            if route.request.url == opened.url:
                route.continue_()
            else:
                opened.requests.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        opened.page.on("console", lambda message: message.type == "error" and opened.errors.append(message.text))
        opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
        opened.page.goto(opened.url, wait_until="load")
        opened.page.wait_for_selector(".leaflet-container")
        return opened

    yield opener
    for context in contexts:
        context.close()


def test_seed_map_opens_offline_with_one_symbol_per_incident(open_map) -> None:
    result = seed_result()
    opened = open_map(result, title="Seed map")
    opened.assert_offline_and_clean()
    assert opened.interactive() == sum(1 for i in result.incidents if i.place is not None) == 10
    assert opened.page.locator(".geo-count-label").all_inner_texts() == ["312", "213", "173", "104", "102", "83", "50"]
    totals = opened.page.locator(".geo-totals").inner_text()
    assert "7 crossing points, 1,037 people" in totals
    assert "7 parts sum to 1,037, consistent" in totals


def test_clicking_each_crossing_shows_its_count(open_map) -> None:
    opened = open_map(seed_result())
    for _, written, _, _, _, lat, lon, count, _ in CROSSINGS:
        text = opened.click_at(lat, lon)
        assert text.splitlines()[0] == written
        assert f"{count:,} (exact)" in text, written
        assert "Officials in Dushanbe said 1,037 Afghan soldiers" in text
    opened.assert_offline_and_clean()


def test_online_tiles_load_only_when_chosen(open_map) -> None:
    opened = open_map(seed_result())
    assert opened.requests == []
    opened.page.locator(".leaflet-control-layers").hover()
    with opened.page.expect_request(lambda request: "tile.openstreetmap.org" in request.url):
        opened.page.get_by_text("OpenStreetMap (online)").click()
    assert all("tile.openstreetmap.org" in url for url in opened.requests)


def test_hostile_text_renders_as_text_and_runs_nothing(open_map) -> None:
    result = xss_result()
    opened = open_map(result, title=XSS_SCRIPT)
    for incident in result.incidents:
        text = opened.click_at(incident.place.lat, incident.place.lon)
        assert text.splitlines()[0] == incident.location
        for payload in (XSS_SCRIPT, XSS_IMG, XSS_TEMPLATE):
            assert payload in text
        assert opened.page.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.page.title() == XSS_SCRIPT
    assert XSS_SCRIPT in opened.page.locator(".geo-totals").inner_text()
    opened.assert_offline_and_clean()


def test_ten_thousand_incidents_each_get_a_symbol(open_map) -> None:
    result = synthetic_result(10_000)
    opened = open_map(result, cluster=False)
    opened.assert_offline_and_clean()
    assert opened.interactive() == 10_000
    incident = result.incidents[1234]
    text = opened.click_at(incident.place.lat, incident.place.lon, zoom=14)
    assert f"{incident.count.value:,} (exact)" in text
    assert incident.sources[0].sentence in text


def test_ten_thousand_incidents_clustered_keep_every_marker(open_map) -> None:
    result = synthetic_result(10_000)
    opened = open_map(result)  # above the detailed limit: clustered by default
    clustered = f"""() => {{
        let n = 0;
        {FIND_MAP}.eachLayer(layer => {{
            if (layer instanceof L.MarkerClusterGroup) n += layer.getLayers().length;
        }});
        return n;
    }}"""
    # chunkedLoading adds the markers in slices between frames: wait until none is missing.
    opened.page.wait_for_function(f"() => ({clustered})() >= 10000")
    assert opened.page.evaluate(clustered) == 10_000
    incident = result.incidents[4321]
    text = opened.click_at(incident.place.lat, incident.place.lon, zoom=18)
    assert f"{incident.count.value:,} (exact)" in text
    opened.assert_offline_and_clean()


def test_screenshot_is_a_png_of_the_viewport(tmp_path) -> None:
    html_path = save_map(build_map(seed_result(), title="Seed map"), tmp_path / "map.html")
    png = tmp_path / "map.png"
    # In a fresh interpreter: Playwright's sync API cannot start while this module's browser runs.
    code = "import sys; from geo.mapping import screenshot; screenshot(sys.argv[1], sys.argv[2], 800, 500)"
    subprocess.run([sys.executable, "-c", code, str(html_path), str(png)], check=True, cwd=PROJECT)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (800, 500)
    assert len(data) > 20_000  # outlines, symbols and panels, not a blank page
