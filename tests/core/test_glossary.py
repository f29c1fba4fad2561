"""The glossary: curated file, automatic compounds and hard words, the command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.core.analysis import analyse
from reader.core.analysis.glossary import (
    CuratedTerm,
    GlossaryError,
    build_glossary,
    curated_path_for,
    load_curated,
)
from reader.data.paths import bundled_seed

TREATY = "友好協力相互援助条約"


@pytest.fixture(scope="module")
def seed():
    path = bundled_seed()
    text = path.read_text(encoding="utf-8")
    return text, analyse(text), load_curated(curated_path_for(path))


def test_curated_file_of_the_seed(seed):
    _, _, curated = seed
    assert len(curated) >= 20
    surfaces = {t.surface for t in curated}
    for must in (
        TREATY,
        "軍事偵察衛星",
        "国連安保理",
        "専門家パネル",
        "拒否権",
        "非同盟運動",
        "弾道ミサイル",
        "砲弾",
        "首脳会談",
        "官房長官",
        "総書記",
        "対外情報庁",
    ):
        assert must in surfaces
    assert all(t.reading and t.meaning for t in curated)


def test_seed_glossary_holds_the_treaty_with_its_five_parts(seed):
    text, analysis, curated = seed
    terms = {t.surface: t for t in build_glossary(text, analysis, curated)}
    treaty = terms[TREATY]
    assert treaty.reading == "ゆうこうきょうりょくそうごえんじょじょうやく"
    assert treaty.source == "curated" and "1961" in treaty.note
    assert [p.surface for p in treaty.parts] == ["友好", "協力", "相互", "援助", "条約"]
    assert [p.reading for p in treaty.parts] == [
        "ゆうこう",
        "きょうりょく",
        "そうご",
        "えんじょ",
        "じょうやく",
    ]
    assert "friendship" in treaty.parts[0].meaning and "treaty" in treaty.parts[4].meaning
    start, end = treaty.occurrences[0]
    assert text[start:end] == TREATY


def test_terms_in_order_of_first_occurrence_with_valid_spans(seed):
    text, analysis, curated = seed
    terms = build_glossary(text, analysis, curated)
    firsts = [t.first for t in terms]
    assert firsts == sorted(firsts)
    spans = [span for t in terms for span in t.occurrences]
    assert len(spans) == len(set(spans))
    for term in terms:
        assert term.source in ("curated", "jmdict", "parts") and term.reason
        if term.source in ("curated", "parts"):
            assert all(text[a:b] == term.surface for a, b in term.occurrences)


def test_article_without_curated_file_gets_automatic_terms(seed):
    text, analysis, _ = seed
    terms = {t.surface: t for t in build_glossary(text, analysis)}
    treaty = terms[TREATY]
    assert treaty.source == "parts" and "not in JMdict" in treaty.reason
    assert "friendship" in treaty.meaning and "treaty" in treaty.meaning
    assert terms["弾道ミサイル"].source == "jmdict" and "ballistic missile" in terms["弾道ミサイル"].meaning
    assert "砲弾" in terms  # a word in no JLPT list
    # Proper nouns and very common words are not terms.
    for name in ("プーチン", "ロシア", "北朝鮮", "ピョンヤン", "大統領", "訪問", "可能性"):
        assert name not in terms


def test_short_unseen_text():
    text = "政府は新たな経済制裁措置を発表し、外務省報道官が記者会見で説明した。"
    terms = build_glossary(text, analyse(text))
    surfaces = [t.surface for t in terms]
    assert any("制裁" in s for s in surfaces)
    assert "政府" not in surfaces


def glossary_of(text: str) -> dict[str, str]:
    """Surface → source of the automatic terms of ``text`` at the default level."""
    return {t.surface: t.source for t in build_glossary(text, analyse(text))}


def test_a_pair_of_words_jmdict_lacks_is_not_a_term_but_its_hard_word_is():
    terms = glossary_of("村では稲作改革が進む。")
    assert "稲作改革" not in terms
    assert terms.get("稲作") == "jmdict"


def test_a_longer_compound_jmdict_lacks_is_explained_by_its_parts():
    terms = build_glossary("物資輸送計画が発表された。", analyse("物資輸送計画が発表された。"))
    plan = next(t for t in terms if t.surface == "物資輸送計画")
    assert plan.source == "parts" and [p.surface for p in plan.parts] == ["物資", "輸送", "計画"]
    assert all(p.meaning for p in plan.parts)


def test_a_compound_jmdict_holds_stays_whole_even_of_two_words():
    assert glossary_of("市は防災訓練を実施した。").get("防災訓練") == "jmdict"


@pytest.mark.parametrize(
    ("text", "word"),
    [("各地の国々が集まった。", "国々"), ("冬の厳しさが増した。", "厳しさ")],
)
def test_words_read_from_a_known_word_are_not_terms(text, word):
    assert word not in glossary_of(text)


def test_a_noun_in_sa_from_a_hard_adjective_is_still_explained():
    # 煩わしい is above N3: the glossary keeps it (under its dictionary form).
    assert "煩わしい" in glossary_of("手続きの煩わしさが問題だ。")


def test_curated_terms_win_over_automatic_ones():
    text = "両国は友好協力相互援助条約を結んだ。"
    curated = (CuratedTerm(TREATY, "ゆうこうきょうりょくそうごえんじょじょうやく", "our meaning", "our note"),)
    terms = build_glossary(text, analyse(text), curated)
    assert [t.surface for t in terms if t.surface == TREATY] == [TREATY]
    assert next(t for t in terms if t.surface == TREATY).meaning == "our meaning"


def test_level_changes_compounds(seed):
    text, analysis, _ = seed
    easy = build_glossary(text, analysis, level="N5")
    hard = build_glossary(text, analysis, level="N1")
    assert len(easy) > len(hard)


def test_bad_curated_files_give_one_line(tmp_path):
    bad = tmp_path / "a.glossary.toml"
    bad.write_text("[[term]\nsurface = ", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not valid TOML"):
        load_curated(bad)
    bad.write_text('[[term]]\nsurface = "条約"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="'reading' is missing"):
        load_curated(bad)
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_curated(bad)
    with pytest.raises(GlossaryError, match="no such file"):
        load_curated(tmp_path / "none.toml")
    assert curated_path_for("seeds/x.txt").name == "x.glossary.toml"


def _yomu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120)


def test_glossary_command_formats(tmp_path):
    seed_path = str(bundled_seed())
    result = _yomu("glossary", seed_path, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    treaty = next(r for r in rows if r["surface"] == TREATY)
    assert treaty["source"] == "curated" and len(treaty["parts"]) == 5
    tsv = _yomu("glossary", seed_path, "--format", "tsv")
    assert tsv.stdout.splitlines()[0].startswith("surface\treading\tmeaning")
    md = _yomu("glossary", seed_path, "--format", "markdown")
    assert "| 友好協力相互援助条約 |" in md.stdout
    article = tmp_path / "a.txt"
    article.write_text("条約の締結", encoding="utf-8")
    (tmp_path / "a.glossary.toml").write_text("[[term", encoding="utf-8")
    broken = _yomu("glossary", str(article))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.count("\n") == 1 and "a.glossary.toml" in broken.stderr
