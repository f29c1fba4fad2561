"""The pure core of yomu: text plus stand-off layers, no Textual or Rich.

Everything under ``reader.core`` is plain Python over the article text and
offset spans into it; the user interface and the command line are views on it.
A test imports this package in a fresh interpreter and checks that neither
``textual`` nor ``rich`` was loaded.
"""
