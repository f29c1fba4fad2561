"""Bridges from the reader to things outside it: sound (speech and pitch accent), Anki, serving.

Each integration is optional: its packages are extras, imported on first use,
and a missing one is reported in one line saying what to install.
"""
