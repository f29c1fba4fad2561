"""Mark layers (reader.core.marks): what lies over a range, layer by layer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.marks import Mark, MarkLayers


def test_layers_come_bottom_first_and_a_source_is_asked_for_its_range() -> None:
    layers = MarkLayers()
    asked: list[tuple[int, int]] = []

    def status(start: int, end: int) -> list[Mark]:
        asked.append((start, end))
        return [Mark(10, 12, "status-known")]

    layers.set("cursor", [Mark(10, 11, "cursor")])
    layers.set("entities", [Mark(8, 14, "entity-place")])
    layers.set_source("status", status)
    assert [m.component for m in layers.in_range(10, 11)] == ["status-known", "entity-place", "cursor"]
    assert asked == [(10, 11)]
    assert layers.components_at(13) == ["entity-place"]
    assert layers.layer("status", 0, 100) == [Mark(10, 12, "status-known")]


def test_setting_the_same_marks_is_no_change() -> None:
    layers = MarkLayers()
    assert layers.set("glossary", [Mark(1, 3, "g")])
    version = layers.version
    assert not layers.set("glossary", [Mark(1, 3, "g")])
    assert layers.version == version
    assert layers.set("glossary", [])
    assert not layers


marks = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda p: Mark(p[0], p[0] + p[1], "m")), max_size=40
)


@given(marks=marks, start=st.integers(0, 250), length=st.integers(1, 60))
def test_in_range_finds_exactly_the_overlapping_marks(marks: list[Mark], start: int, length: int) -> None:
    layers = MarkLayers()
    layers.set("any", marks)
    end = start + length
    found = sorted(layers.in_range(start, end), key=lambda m: (m.start, m.end))
    expected = sorted((m for m in marks if m.start < end and m.end > start), key=lambda m: (m.start, m.end))
    assert found == expected
