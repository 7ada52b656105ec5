"""Turn news text into incidents on a map: extraction, incidents, mapping, export, CLI."""

__version__ = "0.1.0"
