"""Local dictionaries: JMdict, JMnedict and KANJIDIC2 (through jamdict), JLPT levels."""

from reader.core.lexicon.jam import DictionaryUnavailable, jamdict_for_thread

__all__ = ["DictionaryUnavailable", "jamdict_for_thread"]
