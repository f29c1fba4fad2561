"""Bridges from the reader to other programs and places (the browser: ``serve``)."""
