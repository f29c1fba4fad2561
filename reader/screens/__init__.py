"""Screens of the reader."""

from reader.screens.help import HelpScreen
from reader.screens.reader import ReaderScreen

__all__ = ["HelpScreen", "ReaderScreen"]
