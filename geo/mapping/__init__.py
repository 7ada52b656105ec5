"""The incident map: one self-contained, offline Leaflet page built with folium.

``build_map(result)`` lays out the incidents (one layer per event type, proportional
circles for crossings, legend, totals); ``save_map`` writes the file atomically and
refuses any page that would load something from the network; ``screenshot`` renders
it in headless Chromium.
"""

from geo.mapping.build import DETAILED_LIMIT, ONLINE_TILES, build_map, save_map
from geo.mapping.screenshot import screenshot

__all__ = ["DETAILED_LIMIT", "ONLINE_TILES", "build_map", "save_map", "screenshot"]
