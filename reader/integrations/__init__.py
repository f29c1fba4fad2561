"""Bridges to programs outside yomu: Anki (AnkiConnect and collection files), sound (pitch
accent, offline speech and players), the browser (``serve``).

Nothing here imports Textual's screens or widgets: each bridge is plain
Python, safe to call from a worker thread, and takes its settings and paths as
arguments.
"""
