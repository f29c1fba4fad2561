"""The layered reading pipeline: each layer, the alignment, coverage and the seed figure."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.analysis import Analyzer, analyse
from reader.core.analysis.align import align
from reader.core.analysis.counters import counter_reading, number_reading, parse_number
from reader.core.analysis.kana import is_kanji
from reader.core.analysis.readings import _KAKASI
from reader.core.excerpt import format_aozora
from reader.core.layers import RubySpan

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCORER_DIR = SHARED / "tools"
GOLD = SHARED / "eval" / "seed.ruby.txt"
ALTERNATIVES = SHARED / "eval" / "alternatives.tsv"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    a = Analyzer()
    a.load()
    return a


def aozora(analyzer: Analyzer, text: str) -> str:
    return format_aozora(text, analyzer.analyse(text).ruby)


# -- counters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "counter", "after", "before", "expected"),
    [
        ("18", "日", "", "", ("じゅうはち", "にち", False)),
        ("2", "日", "", "", ("ふつか", "", True)),
        ("10", "日", "", "", ("とおか", "", True)),
        ("14", "日", "", "", ("じゅうよっか", "", True)),
        ("20", "日", "", "", ("はつか", "", True)),
        ("24", "日", "", "", ("にじゅうよっか", "", True)),
        ("二十", "日", "", "", ("はつか", "", True)),
        ("1", "日", "、", "5月", ("ついたち", "", True)),
        ("1", "日", "あたり", "", ("いちにち", "", True)),
        ("2", "日間", "", "", ("ふつか", "かん", True)),
        ("1", "日間", "", "", ("いちにち", "かん", True)),
        ("4", "月", "", "", ("し", "がつ", False)),
        ("7", "月", "", "", ("しち", "がつ", False)),
        ("9", "月", "", "", ("く", "がつ", False)),
        ("1", "人", "", "", ("ひとり", "", True)),
        ("2", "人", "", "", ("ふたり", "", True)),
        ("4", "人", "", "", ("よ", "にん", False)),
        ("3", "本", "", "", ("さん", "ぼん", False)),
        ("6", "本", "", "", ("ろっ", "ぽん", False)),
        ("2", "本", "", "", ("に", "ほん", False)),
        ("1", "杯", "", "", ("いっ", "ぱい", False)),
        ("3", "匹", "", "", ("さん", "びき", False)),
        ("10", "分", "", "", ("じゅっ", "ぷん", False)),
        ("5", "分", "", "", ("ご", "ふん", False)),
        ("3", "分", "の1", "", ("さん", "ぶん", False)),
        ("8", "回", "", "", ("はっ", "かい", False)),
        ("2", "機", "", "", ("に", "き", False)),
        ("4", "時", "", "", ("よ", "じ", False)),
        ("9", "時", "", "", ("く", "じ", False)),
        ("3", "階", "", "", ("さん", "がい", False)),
        ("2023", "年", "", "", ("にせんにじゅうさん", "ねん", False)),
    ],
)
def test_counter_table(number: str, counter: str, after: str, before: str, expected: tuple[str, str, bool]) -> None:
    assert counter_reading(number, counter, after, before) == expected


def test_numbers() -> None:
    assert parse_number("1万2000") == 12000
    assert parse_number("二千二十四") == 2024
    assert parse_number("1,961") == 1961
    assert number_reading("300") == "さんびゃく"
    assert number_reading("8000") == "はっせん"
    assert number_reading("3.5") == "さんてんご"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18日から", "18｜日《にち》から"),
        ("2日から", "｜2日《ふつか》から"),
        ("20日の日程", "｜20日《はつか》の｜日程《にってい》"),
        ("18日から2日間、", "18｜日《にち》から｜2日《ふつか》｜間《かん》、"),
        ("9月", "9｜月《がつ》"),
        ("1人が", "｜1人《ひとり》が"),
        ("3人が", "3｜人《にん》が"),
        ("輸送機2機が", "｜輸送機《ゆそうき》2｜機《き》が"),
        ("1万人", "1｜万《まん》｜人《にん》"),
        ("3分の1", "3｜分《ぶん》の1"),
        ("十分な準備", "｜十分《じゅうぶん》な｜準備《じゅんび》"),
    ],
)
def test_counter_layer(analyzer: Analyzer, text: str, expected: str) -> None:
    assert aozora(analyzer, text) == expected


# -- alignment ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "reading", "expected"),
    [
        ("強める", "つよめる", ((0, 1, "つよ"),)),
        ("行われる", "おこなわれる", ((0, 1, "おこな"),)),
        ("見通し", "みとおし", ((0, 2, "みとお"),)),
        ("取り巻く", "とりまく", ((0, 1, "と"), (2, 3, "ま"))),
        ("大統領", "だいとうりょう", ((0, 3, "だいとうりょう"),)),
        ("お互い", "おたがい", ((1, 2, "たが"),)),
        ("人々", "ひとびと", ((0, 2, "ひとびと"),)),
        ("3ヶ月", "さんかげつ", ((0, 3, "さんかげつ"),)),
        ("JR東海", "じぇいあーるとうかい", ((2, 4, "とうかい"),)),
        ("ロ朝", "ろちょう", ((1, 2, "ちょう"),)),
    ],
)
def test_align(surface: str, reading: str, expected: tuple[tuple[int, int, str], ...]) -> None:
    assert align(surface, reading) == expected


def test_okurigana_outside_spans(analyzer: Analyzer) -> None:
    assert aozora(analyzer, "連携を強める") == "｜連携《れんけい》を｜強《つよ》める"
    assert aozora(analyzer, "会談は19日に行われる見通し") == (
        "｜会談《かいだん》は19｜日《にち》に｜行《おこな》われる｜見通《みとお》し"
    )
    assert aozora(analyzer, "わが国を取り巻く環境") == "わが｜国《くに》を｜取《と》り｜巻《ま》く｜環境《かんきょう》"


# -- text-given readings, pinned readings ------------------------------------


def test_text_gives_name_reading(analyzer: Analyzer) -> None:
    text = "キム・イルソン(金日成)広場。その後、金日成主席の像。"
    result = analyzer.analyse(text)
    spans = [sp for sp in result.ruby if text[sp.start : sp.end] == "金日成"]
    assert len(spans) == 2
    assert all(sp.reading == "きむいるそん" and sp.source == "text" for sp in spans)
    assert "(｜金日成《きむいるそん》)｜広場《ひろば》" in format_aozora(text, result.ruby)


def test_text_gives_kana_gloss(analyzer: Analyzer) -> None:
    text = "漁船が拿捕(だほ)された。"
    spans = {text[sp.start : sp.end]: sp for sp in analyzer.analyse(text).ruby}
    assert spans["拿捕"].reading == "だほ"
    assert spans["拿捕"].source == "text"


def test_katakana_in_brackets_is_not_a_reading_of_common_nouns(analyzer: Analyzer) -> None:
    text = "同国(ロシア)の首都"
    spans = {text[sp.start : sp.end]: sp for sp in analyzer.analyse(text).ruby}
    assert spans["同国"].reading == "どうこく"


def test_pinned_wins() -> None:
    text = "キム・ジョンウン(金正恩)氏が日本を訪れ、2日に帰国。"
    a = Analyzer(pinned={"日本": "にほん", "金正恩": "きんしょうおん", "2日": "ふつか", "訪れ": "おとずれ"})
    spans = {text[sp.start : sp.end]: sp for sp in a.analyse(text).ruby}
    assert (spans["日本"].reading, spans["日本"].source) == ("にほん", "pinned")
    assert (spans["金正恩"].reading, spans["金正恩"].source) == ("きんしょうおん", "pinned")
    assert spans["2日"].source == "pinned"
    assert (spans["訪"].reading, spans["訪"].source) == ("おとず", "pinned")


def test_author_ruby_hook(analyzer: Analyzer) -> None:
    text = "吾輩は猫である。"
    result = analyzer.analyse(text, author=[RubySpan(0, 2, "わがはい")])
    assert result.ruby[0] == RubySpan(0, 2, "わがはい", "author")


# -- context ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首脳会談を19日に行った。", "｜行《おこな》った"),
        ("まず中国に行った。", "｜行《い》った"),
        ("東京へ行ってきた。", "｜行《い》って"),
        ("何が問題だったか", "｜何《なに》が"),
        ("何の話だ", "｜何《なん》の"),
        ("その後、交渉した。", "その｜後《ご》、"),
        ("兵器不足に陥る", "｜兵器《へいき》｜不足《ぶそく》"),
        ("人手不足が深刻", "｜人手不足《ひとでぶそく》"),
        ("過不足なく", "｜過不足《かふそく》"),
        ("長期化する中、", "｜中《なか》、"),
        ("テレビを通じて", "｜通《つう》じて"),
    ],
)
def test_context_rules(analyzer: Analyzer, text: str, expected: str) -> None:
    assert expected in aozora(analyzer, text)


# -- coverage, tokens, threads, laziness --------------------------------------


def test_every_kanji_of_the_seed_is_read(analyzer: Analyzer) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = analyzer.analyse(text)
    covered = {k for sp in result.ruby for k in range(sp.start, sp.end)}
    missing = [(i, ch) for i, ch in enumerate(text) if is_kanji(ch) and i not in covered]
    assert missing == []
    for sp in result.ruby:
        assert sp.reading and all("ぁ" <= ch <= "ゖ" or ch == "ー" for ch in sp.reading), sp
        assert not text[sp.start].isdigit() or sp.source == "counter"
    # Tokens tile the text's lines and carry hiragana readings.
    assert "".join(t.surface for t in result.tokens) == text.replace("\n", "")
    assert all(t.surface == text[t.start : t.end] for t in result.tokens)


def test_tokens_join_where_a_reading_spans_words(analyzer: Analyzer) -> None:
    text = "キム・ジョンウン(金正恩)総書記"
    tokens = {t.surface: t for t in analyzer.analyse(text).tokens}
    assert tokens["金正恩"].reading == "きむじょんうん"
    assert tokens["書記"].reading == "しょき"
    assert tokens["("].reading == "("


def test_module_level_analyse() -> None:
    assert analyse("大統領").ruby == (RubySpan(0, 3, "だいとうりょう", "context"),)


def test_threads_get_the_same_result(analyzer: Analyzer) -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = analyzer.analyse(text)
    results: list[object] = []

    def work() -> None:
        results.append(analyzer.analyse(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_pykakasi_stays_unloaded_for_the_seed() -> None:
    code = (
        "import pathlib, sys\n"
        "from reader.core.analysis import Analyzer\n"
        "from reader.core.analysis.readings import kakasi_loaded\n"
        f"Analyzer().analyse(pathlib.Path({str(SEED)!r}).read_text(encoding='utf-8'))\n"
        "print(kakasi_loaded(), 'pykakasi' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_pykakasi_fallback_is_line_by_line() -> None:
    assert _KAKASI.reading("漢字\n漢字") == "かんじ\nかんじ"


# -- the measured figure ------------------------------------------------------


def test_seed_accuracy_at_least_0995(analyzer: Analyzer) -> None:
    if not (SCORER_DIR / "ruby_eval.py").exists() or not GOLD.exists():
        pytest.skip(f"shared evaluation folder absent ({SHARED}); cannot score readings")
    sys.path.insert(0, str(SCORER_DIR))
    try:
        import ruby_eval  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(SCORER_DIR))
    text = SEED.read_text(encoding="utf-8")
    marked = format_aozora(text, analyzer.analyse(text).ruby)
    result = ruby_eval.score(GOLD.read_text(encoding="utf-8"), marked, ruby_eval.load_alternatives(str(ALTERNATIVES)))
    errors = [(e["base"], e["gold"], e["system"]) for e in result["errors"]]
    assert result["accuracy"] >= 0.995, errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一年中暑い", "｜一《いち》｜年《ねん》｜中《じゅう》｜暑《あつ》い"),
        ("一日中働いた", "｜一日《いちにち》｜中《じゅう》｜働《はたら》いた"),
        ("会議中です", "｜会議《かいぎ》｜中《ちゅう》です"),
        ("一晩中起きた", "｜一晩《ひとばん》｜中《じゅう》｜起《お》きた"),
        ("日中は暑い", "｜日中《にっちゅう》は｜暑《あつ》い"),
    ],
)
def test_naka_after_a_span_of_time_reads_juu(analyzer: Analyzer, text: str, expected: str) -> None:
    """中 after a span of time means "throughout" (じゅう); elsewhere it keeps ちゅう."""
    assert aozora(analyzer, text) == expected
