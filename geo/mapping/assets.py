"""JavaScript and CSS inlined into the map file, so that opening it makes no request.

Leaflet, Leaflet.markercluster and jQuery are read at build time from the installed
XStatic packages (``xstatic-leaflet``, ``xstatic-leaflet-markercluster``,
``xstatic-jquery``), never copied into this repository; our own script and styles come
from ``geo/mapping/templates``. Images referenced by the CSS become data URIs, and so do
Leaflet's default marker icons. :func:`external_references` is the last check before a
map is written: any ``<script src>``, ``<link href>``, ``@import`` or remote ``url()``
left in the page is an error.
"""

from __future__ import annotations

import base64
import functools
import importlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from geo.errors import ExportError


@dataclass(frozen=True, slots=True)
class Asset:
    """Files of one installed package to inline, in order."""

    package: str  # the module that installs the files
    install: str  # the distribution to install when it is missing
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    default_icon: tuple[str, str, str] | None = None  # Leaflet's marker icon, 2x icon, shadow


ASSETS: dict[str, Asset] = {
    "leaflet": Asset(
        "xstatic.pkg.leaflet",
        "xstatic-leaflet",
        scripts=("leaflet.js",),
        styles=("leaflet.css",),
        default_icon=("images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"),
    ),
    # folium's own Popup and several of its elements call jQuery's $.
    "jquery": Asset("xstatic.pkg.jquery", "xstatic-jquery", scripts=("jquery.min.js",)),
    "markercluster": Asset(
        "xstatic.pkg.leaflet_markercluster",
        "xstatic-leaflet-markercluster",
        scripts=("leaflet.markercluster.js",),
        styles=("MarkerCluster.css", "MarkerCluster.Default.css"),
    ),
    "geo_map": Asset("geo.mapping", "incident-mapper", styles=("map.css",)),
    "geo_incidents": Asset("geo.mapping", "incident-mapper", scripts=("incidents.js",)),
}

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=\S*\s*$", re.MULTILINE)
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_MEDIA_TYPES = {".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml"}


def _directory(asset: Asset) -> Path:
    """Where the package keeps its files: XStatic's ``BASE_DIR``, or our ``templates`` folder."""
    try:
        package = importlib.import_module(asset.package)
    except ModuleNotFoundError as error:
        raise ExportError(f"cannot embed {asset.package}: it is not installed (pip install {asset.install})") from error
    return Path(getattr(package, "BASE_DIR", Path(package.__file__).parent / "templates"))


def _read(directory: Path, name: str) -> str:
    try:
        return (directory / name).read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"{directory / name}: cannot read the file to embed: {error.strerror}") from error


def _data_uri(path: Path) -> str:
    try:
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError as error:
        raise ExportError(f"{path}: cannot read the image to embed: {error.strerror}") from error
    return f"data:{_MEDIA_TYPES[path.suffix.lower()]};base64,{payload}"


def _style(directory: Path, name: str) -> str:
    """A stylesheet with every relative ``url()`` turned into a data URI."""

    def embed(match: re.Match[str]) -> str:
        url = match.group(2)
        if url.startswith(("data:", "#")):  # already inline / IE-only behaviour urls
            return match.group(0)
        return f'url("{_data_uri(directory / name.rpartition("/")[0] / url)}")'

    return _CSS_URL.sub(embed, _read(directory, name))


def _script(directory: Path, name: str) -> str:
    """A script safe inside ``<script>``: no closing tag, no source-map comment (DevTools would fetch it)."""
    return _SCRIPT_END.sub(r"<\\/\1", _SOURCE_MAP.sub("", _read(directory, name)))


def _default_icon(directory: Path, icon: tuple[str, str, str]) -> str:
    icon_url, retina_url, shadow_url = (_data_uri(directory / name) for name in icon)
    return (
        "L.Icon.Default.imagePath = '';\n"
        f"L.Icon.Default.mergeOptions({{iconUrl: '{icon_url}', iconRetinaUrl: '{retina_url}', "
        f"shadowUrl: '{shadow_url}'}});"
    )


@functools.cache
def inline(name: str) -> str:
    """The ``<style>`` and ``<script>`` elements that embed the asset ``name`` of :data:`ASSETS`."""
    if name not in ASSETS:
        raise ExportError(f"no embedded asset named {name!r}; known: {', '.join(ASSETS)}")
    asset = ASSETS[name]
    directory = _directory(asset)
    parts = [f"<style>\n{_style(directory, style)}\n</style>" for style in asset.styles]
    scripts = [_script(directory, script) for script in asset.scripts]
    if asset.default_icon:
        scripts.append(_default_icon(directory, asset.default_icon))
    parts += [f"<script>\n{script}\n</script>" for script in scripts]
    return "\n".join(parts)


_LOADING_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}
_CSS_REMOTE = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?((?:https?:)?//[^'")\s]+)""")


class _ResourceFinder(HTMLParser):
    """Collects what a browser would fetch: src/href of loading tags, CSS imports and remote urls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        wanted = _LOADING_ATTRIBUTES.get(tag)
        if wanted and attributes.get(wanted) and not attributes[wanted].startswith("data:"):
            self.found.append(attributes[wanted])
        self._css(attributes.get("style") or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        self.found += [next(url for url in match.groups() if url) for match in _CSS_REMOTE.finditer(css)]


def external_references(html: str) -> list[str]:
    """Every resource the page would load from elsewhere: script, stylesheet, image, CSS import or url."""
    finder = _ResourceFinder()
    finder.feed(html)
    finder.close()
    return finder.found
