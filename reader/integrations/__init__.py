"""Bridges to programs outside yomu: Anki (AnkiConnect and collection files).

Nothing here imports Textual: each bridge is plain Python, safe to call from a
worker thread, and takes its settings and paths as arguments.
"""
