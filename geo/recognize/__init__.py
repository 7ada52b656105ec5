"""Recognising place mentions in text: tokens, word knowledge, the gazetteer's names, the traps.

:class:`geo.recognize.recognizer.Recognizer` is the entry point; :mod:`geo.geoparse` resolves what it finds.
"""
