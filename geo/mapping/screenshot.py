"""A PNG of a map file, taken by headless Chromium with the network switched off."""

from __future__ import annotations

from pathlib import Path

from geo.atomic import atomic_output
from geo.errors import ExportError

CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium package
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def screenshot(
    html_path: str | Path,
    png_path: str | Path,
    width: int = 1200,
    height: int = 800,
    *,
    chromium: str | Path = CHROMIUM,
) -> Path:
    """Open ``html_path`` offline in headless Chromium and save what it shows to ``png_path``.

    Any request other than the file itself is aborted, so the picture shows exactly
    what a reader without internet sees. Needs the Debian ``chromium`` package and the
    ``playwright`` Python package (its bundled browsers are not used).
    """
    page_file = Path(html_path).resolve()
    if not page_file.is_file():
        raise ExportError(f"{page_file}: no such map file")
    if not Path(chromium).is_file():
        raise ExportError(f"{png_path}: Chromium not found at {chromium} (apt-get install chromium)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise ExportError(f"{png_path}: screenshots need playwright (pip install playwright)") from error

    page_url = page_file.as_uri()
    with atomic_output(png_path) as temporary, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(offline=True, viewport={"width": width, "height": height})
                context.route(
                    "**/*",
                    lambda route: route.continue_() if route.request.url == page_url else route.abort(),
                )
                page = context.new_page()
                page.goto(page_url, wait_until="load")
                page.wait_for_selector(".leaflet-container")
                # Leaflet scales the symbols with CSS while it animates the fitted zoom: wait it out
                page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
                page.wait_for_timeout(500)
                page.screenshot(path=str(temporary))
            finally:
                browser.close()
        except PlaywrightError as error:
            raise ExportError(f"{png_path}: the browser failed: {error.message}") from error
    return Path(png_path)
