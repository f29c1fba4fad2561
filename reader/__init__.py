"""yomu: a keyboard-driven terminal reader for Japanese news, for learners."""

__version__ = "0.1.0"
