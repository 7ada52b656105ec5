"""The map's building blocks as folium/branca elements with class-level Jinja templates.

User text enters templates only as data: through ``tojson``-style escaping into scripts,
or ``|e`` into HTML. And it is rendered exactly once: branca's ``MacroElement.render``
wraps each rendered macro in a new ``Element``, which compiles it as a Jinja template
again, so a source sentence containing ``{{ ... }}`` would be evaluated as Jinja code
at build time. :class:`SelfContainedElement` inserts rendered macros verbatim instead.
"""

from __future__ import annotations

from typing import ClassVar

import folium
from branca.element import Element, Figure, MacroElement
from folium.map import Layer
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from geo.errors import ExportError
from geo.mapping.assets import inline
from geo.mapping.layers import SourceTable
from geo.mapping.style import SYMBOL_SIZE, EventStyle, radius, reference_counts
from geo.mapping.totals import Totals

PANEL_WIDTH = 260  # px: the legend and totals panels share one column on the left


def script_json(data: object) -> Markup:
    """``data`` as compact JSON that is safe inside ``<script>`` (no ``<``, ``>``, ``&``, ``'``)."""
    return htmlsafe_json_dumps(data, separators=(",", ":"), ensure_ascii=False)


class Verbatim(Element):
    """Text put into the page as it is: never parsed as a template."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SelfContainedElement(MacroElement):
    """Renders its ``header``/``html``/``script`` macros once and inlines the assets it needs.

    ``embedded_assets`` names entries of :data:`geo.mapping.assets.ASSETS`, put into the
    page header once each: the inline counterpart of folium's ``default_js``/``default_css``
    CDN links, which are never emitted for these elements.
    """

    embedded_assets: tuple[str, ...] = ()

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise ExportError(f"{self.get_name()} can only be rendered inside a map")
        for name in self.embedded_assets:
            figure.header.add_child(Verbatim(inline(name)), name=f"embedded_{name}")
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                target.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class OfflineMap(SelfContainedElement, folium.Map):
    """A ``folium.Map`` with Leaflet and jQuery inlined; folium's CDN links are never emitted.

    jQuery is there because folium's own ``Popup`` and several of its elements call ``$``.
    """

    embedded_assets = ("leaflet", "jquery", "geo_map")


class IncidentSources(SelfContainedElement):
    """The map's documents and sentences, shared by its incident layers (see layers.SourceTable)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.data }};
        {% endmacro %}
        """
    )

    def __init__(self, table: SourceTable) -> None:
        super().__init__()
        self._name = "IncidentSources"
        self.table = table
        self.data = script_json(table.to_json())


class IncidentLayer(SelfContainedElement, Layer):
    """The incidents of one event type as one Leaflet layer, drawn by ``GeoIncidents.addTo``.

    ``cluster`` groups nearby symbols with Leaflet.markercluster (for large maps). The
    layer adds itself to the map in its own template (``Layer.render`` is not used).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {% if this.cluster -%}
            L.markerClusterGroup({{ this.cluster_options|tojson }})
        {%- else -%}
            L.featureGroup()
        {%- endif %};
        GeoIncidents.addTo({{ this.get_name() }}, {{ this.data }}, {{ this.sources.get_name() }},
            {{ this.symbol }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    cluster_options: ClassVar[dict[str, object]] = {
        "chunkedLoading": True,
        "showCoverageOnHover": False,
        "maxClusterRadius": 40,
    }

    def __init__(self, style: EventStyle, data: dict, sources: IncidentSources, *, labels: bool, cluster: bool) -> None:
        super().__init__(name=f"{style.label} ({len(data['place']):,})", overlay=True, show=True)
        self._name = "IncidentLayer"
        self.data = script_json(data)
        self.sources = sources
        self.cluster = cluster
        self.symbol = script_json(
            {
                "color": style.color,
                "className": f"geo-symbol geo-{style.event_type}",
                "proportional": style.proportional,
                "labels": labels and style.proportional,
                "svg": str(style.svg()),
                "size": SYMBOL_SIZE,
            }
        )
        self.embedded_assets = ("geo_incidents", "markercluster") if cluster else ("geo_incidents",)


_PANEL_SCRIPT = """
{% macro script(this, kwargs) %}
(function () {
    var panel = L.control({position: {{ this.position|tojson }}});
    panel.onAdd = function () {
        var node = document.getElementById({{ this.get_name()|tojson }});
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
    };
    panel.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""


class Legend(SelfContainedElement):
    """Symbols of the event types on the map, the size key of the circles, the base map's source."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="geo-panel geo-legend" style="max-width: {{ this.width }}px">
          <div class="geo-panel-title">Legend</div>
          {% for style in this.styles %}
          <div class="geo-panel-row">{{ style.svg() }}<span>{{ style.label|e }}</span></div>
          {% endfor %}
          {% if this.sizes %}
          <div class="geo-panel-row">
            {% for count, radius in this.sizes %}
            <svg width="{{ 2 * radius + 2 }}" height="{{ 2 * radius + 2 }}">
              <circle cx="{{ radius + 1 }}" cy="{{ radius + 1 }}" r="{{ radius }}"
                      fill="{{ this.circle_color|e }}" fill-opacity="0.55" stroke="#222" stroke-width="1"/>
            </svg><span>{{ "{:,}".format(count) }}</span>
            {% endfor %}
          </div>
          <div class="geo-panel-note">Circle area: number of people.
            {%- if this.origin_lines %} Dashed line: from the origin side.{% endif %}</div>
          {% endif %}
          <div class="geo-panel-note">Base map: Natural Earth 1:10m (public domain);
            online tiles in the layer control.</div>
        </div>
        {% endmacro %}
        """
        + _PANEL_SCRIPT
    )

    def __init__(self, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "Legend"
        self.styles: list[EventStyle] = []
        self.sizes: list[tuple[int, float]] = []  # (count, radius in px) of the size key
        self.circle_color = ""
        self.origin_lines = False
        self.position = position
        self.width = PANEL_WIDTH

    def add_style(self, style: EventStyle, max_count: int) -> None:
        """Add an event type drawn on the map; a proportional one also gets the size key."""
        self.styles.append(style)
        if style.proportional:
            self.circle_color = style.color
            self.sizes = [(count, radius(count, max_count)) for count in reference_counts(max_count)]


class TotalsPanel(SelfContainedElement):
    """The title, what the map shows per event type, and how stated totals compare with their parts."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="geo-panel geo-totals" style="max-width: {{ this.width }}px">
          <div class="geo-panel-title">{{ this.title|e }}</div>
          {% for total in this.totals.types %}
          <div><b>{{ total.label|e }}:</b> {{ total.summary()|e }}</div>
          {% else %}
          <div>No incident with a known place.</div>
          {% endfor %}
          {% if this.totals.groups %}
          <ul>
            {% for line in this.totals.groups %}<li>{{ line|e }}</li>{% endfor %}
          </ul>
          {% endif %}
          {% if this.totals.unplaced %}
          <div class="geo-panel-note">Not on the map: {{ "{:,}".format(this.totals.unplaced) }}
            incident{{ "s" if this.totals.unplaced != 1 }} without a known place.</div>
          {% endif %}
        </div>
        {% endmacro %}
        """
        + _PANEL_SCRIPT
    )

    def __init__(self, title: str, totals: Totals, position: str = "topleft") -> None:
        super().__init__()
        self._name = "TotalsPanel"
        self.title = title
        self.totals = totals
        self.position = position
        self.width = PANEL_WIDTH
