"""Widgets of the reader."""

from reader.widgets.article_view import ArticleView, Mark
from reader.widgets.contents import ContentsList
from reader.widgets.header import ArticleHeader

__all__ = ["ArticleHeader", "ArticleView", "ContentsList", "Mark"]
