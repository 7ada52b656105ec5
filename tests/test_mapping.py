"""The map file without a browser: offline assets, layers, totals, origin lines, escaping, atomic save.

What the page does when opened is in test_map_browser.py.
"""

from __future__ import annotations

import math

import folium
import pytest
import shapely
from conftest_map import CROSSING_COUNTS, XSS_IMG, XSS_SCRIPT, seed_result, synthetic_result, xss_result
from folium.plugins import Fullscreen

from geo.errors import ExportError
from geo.mapping import DETAILED_LIMIT, ONLINE_TILES, build_map, save_map
from geo.mapping.assets import ASSETS, external_references, inline
from geo.mapping.build import _bounds, _with_margin
from geo.mapping.countries import countries, origin_starts, outlines
from geo.mapping.layers import SourceTable, layer_json, popup_fields
from geo.mapping.style import MAX_RADIUS, STYLES
from geo.mapping.totals import compute_totals
from geo.model import Count, CountQualifier, EventType, ExtractionResult

ISHKASHIM_TJ = shapely.Point(71.6133, 36.7248)
ESHKASHEM_AF = shapely.Point(71.5728, 36.7065)
CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com")


@pytest.fixture(scope="module")
def seed_page() -> str:
    return build_map(seed_result(), title="Seed map").get_root().render()


def test_page_embeds_its_assets_and_loads_nothing(seed_page: str) -> None:
    assert external_references(seed_page) == []
    assert not any(host in seed_page for host in CDN_HOSTS)
    for name in ("leaflet", "jquery", "geo_map", "geo_incidents"):
        assert inline(name) in seed_page
    assert "L.Icon.Default.mergeOptions({iconUrl: 'data:image/png;base64," in seed_page
    assert "url(images/" not in seed_page
    assert "sourceMappingURL" not in seed_page


def test_every_asset_is_inlined_whole_and_closes_only_its_own_tags() -> None:
    for name, asset in ASSETS.items():
        text = inline(name)
        assert text.count("</script") == len(asset.scripts) + bool(asset.default_icon), name
        assert text.count("</style") == len(asset.styles), name


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
        ('<link rel="stylesheet" href="//cdn.example/x.css"/>', ["//cdn.example/x.css"]),
        ("<style>@import url(https://fonts.example/f.css);</style>", ["https://fonts.example/f.css"]),
        ('<style>.a{background:url("https://img.example/a.png")}</style>', ["https://img.example/a.png"]),
        ('<img src="x">', ["x"]),
        ('<script>var s = "<script src=https://x.example/a.js>";</script>', []),
        ("<div>url(https://x.example/a.png) is text</div>", []),
        ('<img src="data:image/png;base64,AAAA">', []),
    ],
)
def test_external_references(html: str, found: list[str]) -> None:
    assert external_references(html) == found


def test_save_refuses_a_page_that_would_load_a_cdn_and_keeps_the_old_file(tmp_path) -> None:
    path = tmp_path / "map.html"
    path.write_text("previous map", encoding="utf-8")
    m = build_map(seed_result())
    Fullscreen().add_to(m)  # a folium plugin that links its script from a CDN
    with pytest.raises(ExportError, match="outside the file"):
        save_map(m, path)
    assert path.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_save_writes_one_self_contained_file(tmp_path) -> None:
    path = save_map(build_map(seed_result()), tmp_path / "map.html")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    assert external_references(path.read_text(encoding="utf-8")) == []


def test_one_layer_per_event_type_and_online_tiles_off() -> None:
    m = build_map(seed_result())
    layers = [c for c in m._children.values() if isinstance(c, folium.map.Layer)]
    names = [layer.layer_name for layer in layers if layer.overlay]
    assert names == ["Border crossings (7)", "Territory seized (1)", "Deployments (1)", "Facility closures (1)"]
    tiles = [layer for layer in layers if isinstance(layer, folium.TileLayer)]
    assert [t.layer_name for t in tiles] == [f"{name} (online)" for name in ONLINE_TILES]
    assert not any(t.show for t in tiles)
    base = [layer for layer in layers if not layer.overlay and layer.show]
    assert [layer.layer_name for layer in base] == ["Country outlines (offline)"]


def _texts(column: dict) -> list[str]:
    return [column["strings"][code] for code in column["codes"]] if "codes" in column else column["values"]


def test_crossing_layer_data() -> None:
    result = seed_result()
    crossings = [i for i in result.incidents if i.event_type == EventType.BORDER_CROSSING]
    data = layer_json(crossings, STYLES[EventType.BORDER_CROSSING], SourceTable(crossings), {}, {})
    assert data["count"] == sorted(CROSSING_COUNTS.values(), reverse=True)  # largest drawn first
    radii = dict(zip(data["count"], data["radius"], strict=True))
    assert radii[312] == MAX_RADIUS
    for count, radius in radii.items():  # area proportional to the count
        assert math.isclose(radius**2 / MAX_RADIUS**2, count / 312, rel_tol=0.02)
    assert _texts(data["columns"][data["fields"].index("Count")])[:2] == ["312 (exact)", "213 (exact)"]
    place = data["place"][0]
    assert (data["places"]["lat"][place], data["places"]["lon"][place]) == (37.4904, 71.5534)
    assert len(data["sources"]) == 7
    assert all(len(refs) == 1 for refs in data["sources"])


def test_popup_fields_show_count_qualifier_date_actor_and_precision() -> None:
    incident = next(i for i in seed_result().incidents if i.id == "d1")
    texts = {field.label: field.text(incident) for field in popup_fields({})}
    assert texts["Count"] == "20,000 (approximate)"
    assert texts["Count as written"] == "some 20,000 reservists"
    assert texts["Date"] == "2021-07-05 (day)"
    assert texts["Actor"] == "Tajik armed forces"
    assert texts["Geo precision"].startswith("3 ")


def test_seed_totals() -> None:
    result = seed_result()
    mapped = [i for i in result.incidents if i.place is not None]
    totals = compute_totals(result, mapped)
    crossings = totals.types[0]
    assert (crossings.label, crossings.places, crossings.people) == ("Border crossings", 7, 1_037)
    assert crossings.summary() == "7 crossing points, 1,037 people"
    assert totals.types[2].summary() == "1 place, about 20,000 people"  # the deployment's approximate count
    assert totals.groups == ["Stated total 1,037 (border crossings): 7 parts sum to 1,037, consistent"]
    assert totals.unplaced == 1


def test_totals_panel_reports_a_total_that_does_not_add_up() -> None:
    result = seed_result()
    next(i for i in result.incidents if i.id == "c7").count = Count(60, CountQualifier.AT_LEAST)
    page = build_map(result).get_root().render()
    assert "7 crossing points, 1,047 people (not all counts exact)" in page
    assert "7 parts sum to 1,047, differs by +10" in page
    assert "Not on the map: 1" in page


def test_origin_lines_start_in_the_origin_country() -> None:
    result = seed_result()
    crossings = [i for i in result.incidents if i.event_type == EventType.BORDER_CROSSING]
    starts = origin_starts([(i.place.lat, i.place.lon) for i in crossings], ["AF"] * len(crossings), reach=0.25)
    afghanistan = countries().loc[lambda f: f.country_code == "AF"].union_all()
    for incident, start in zip(crossings, starts, strict=True):
        assert start is not None, incident.id
        lat, lon = start
        assert afghanistan.distance(shapely.Point(lon, lat)) < 1e-6, incident.id
        assert math.dist((lat, lon), (incident.place.lat, incident.place.lon)) < 0.25 + 0.1
    inside = origin_starts([(36.7065, 71.5728)], ["AF"], reach=0.25)  # Eshkashem is in Afghanistan
    assert inside == [None]
    assert origin_starts([(37.0, 71.0)], ["XX"], reach=0.25) == [None]


@pytest.mark.parametrize("bounds", [None, (60.0, 29.0, 80.0, 45.0)])
def test_offline_outlines_keep_ishkashim_in_tajikistan(bounds) -> None:
    result = seed_result()
    box = bounds or _with_margin(_bounds([i for i in result.incidents if i.place is not None]))
    frame = outlines(box).set_index("country_code")
    assert frame.geometry["TJ"].contains(ISHKASHIM_TJ)
    assert frame.geometry["AF"].contains(ESHKASHEM_AF)
    assert shapely.is_valid(frame.geometry.values).all()
    west, south, east, north = box
    assert frame.total_bounds.tolist() == pytest.approx([west, south, east, north], abs=0.01)


def test_user_text_is_data_not_markup_or_template(tmp_path) -> None:
    result = xss_result()
    result.incidents[0].sources[0] = (
        result.incidents[0]
        .sources[0]
        .__class__("doc.txt", "{{ 7*7 }} {% raw %} {# comment #} {{ lipsum.__globals__ }}", 0, 10)
    )
    title = f"{XSS_SCRIPT} {{{{ 6*6 }}}}"
    page = save_map(build_map(result, title=title), tmp_path / "map.html").read_text(encoding="utf-8")
    assert XSS_SCRIPT not in page
    assert XSS_IMG not in page
    assert "{{ 7*7 }} {% raw %} {# comment #} {{ lipsum.__globals__ }}" in page
    assert "{{ 6*6 }}" in page
    assert "<title>&lt;script&gt;window.__pwned=1&lt;/script&gt; {{ 6*6 }}</title>" in page


def test_large_maps_cluster_and_drop_labels() -> None:
    small = build_map(synthetic_result(50)).get_root().render()
    assert "L.markerClusterGroup" not in small
    assert inline("markercluster") not in small
    large = build_map(synthetic_result(DETAILED_LIMIT + 1)).get_root().render()
    assert inline("markercluster") in large
    assert '"labels":false' in large
    assert '"origin":' not in large
    flat = build_map(synthetic_result(DETAILED_LIMIT + 1), cluster=False).get_root().render()
    assert inline("markercluster") not in flat


def test_map_without_placed_incidents_still_builds(tmp_path) -> None:
    result = ExtractionResult(incidents=[i for i in seed_result().incidents if i.place is None])
    page = save_map(build_map(result), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No incident with a known place." in page
    assert "Not on the map: 1" in page


def test_every_event_type_has_a_style() -> None:
    assert set(STYLES) == set(EventType)
    assert len({style.color for style in STYLES.values()}) == len(STYLES)
    assert len({style.shape for style in STYLES.values()}) == len(STYLES)
    assert [style.proportional for style in STYLES.values()].count(True) == 1
