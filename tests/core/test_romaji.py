"""Romaji: Hepburn with macrons by default, plain-ou, Kunrei and passport styles.

The expected strings follow the rules of each system (checked by hand), not
the program's output: modified Hepburn writes おう/おお/うう as ō/ū inside a word
but not over a verb ending (思う omou), ん before a vowel or y as n', particles
は/へ/を as wa/e/o, and ー of loanwords as a macron.
"""

from __future__ import annotations

import pytest

from reader.core.analysis import Analyzer, kana_to_romaji, romanize
from reader.core.excerpt import format_romaji


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    a = Analyzer()
    a.load()
    return a


def romaji(analyzer: Analyzer, text: str, style: str = "hepburn") -> str:
    return format_romaji(text, romanize(analyzer.analyse(text).tokens, style))  # type: ignore[arg-type]


SEED_SENTENCES = [
    (
        "ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。",
        "Roshia to Kitachōsen wa, Pūchin daitōryō ga 18-nichi kara Kitachōsen o hōmon suru to happyō shimashita.",
    ),
    (
        "ロシア大統領府高官 “首脳会談は19日に行われる見通し”",
        "Roshia daitōryō fu kōkan “shunō kaidan wa 19-nichi ni okonawareru mitōshi”",
    ),
    (
        "北朝鮮を18日から19日の日程で訪問すると発表しました。",
        "Kitachōsen o 18-nichi kara 19-nichi no nittei de hōmon suru to happyō shimashita.",
    ),
    (
        "ロシアは北朝鮮により傾くことが予想される",
        "Roshia wa Kitachōsen ni yori katamuku koto ga yosō sareru",
    ),
    (
        "何が問題だったかわからないが、ロシアが協力したら問題は早く解決されるだろう",
        "Nani ga mondai datta ka wakaranai ga, Roshia ga kyōryoku shitara mondai wa hayaku kaiketsu sareru darō",
    ),
    (
        "まず中国に行った。その後、ベラルーシ、ウズベキスタンに行き、今、北朝鮮、ベトナムに行こうとしている。",
        "Mazu Chūgoku ni itta. Sono go, Berarūshi, Uzubekisutan ni iki, ima, Kitachōsen, Betonamu ni ikō to shite iru.",
    ),
    (
        "北朝鮮は1961年、外国から攻撃を受けた場合、軍事的な支援を行うことを明記した。",
        "Kitachōsen wa 1961-nen, gaikoku kara kōgeki o uketa baai, gunjiteki na shien o okonau koto o meiki shita.",
    ),
    (
        "NHKは17日、ベトナムの首都ハノイの国際空港にロシア空軍のイリューシン76型輸送機2機が駐機しているのを確認しました。",
        "NHK wa 17-nichi, Betonamu no shuto Hanoi no kokusai kūkō ni Roshia kūgun no Iryūshin"
        " 76-gata yusōki 2-ki ga chūki shite iru no o kakunin shimashita.",
    ),
    (
        "両国はそれぞれの思惑で結びつきを強めています。",
        "Ryōkoku wa sorezore no omowaku de musubitsuki o tsuyomete imasu.",
    ),
    (
        "新しい条約を準備するプロセスを開始することが可能だ",
        "Atarashii jōyaku o junbi suru purosesu o kaishi suru koto ga kanō da",
    ),
    (
        "専門家 “北朝鮮と新たな条約締結に向け話し合う可能性”",
        "Senmonka “Kitachōsen to arata na jōyaku teiketsu ni muke hanashiau kanōsei”",
    ),
    (
        "首都ピョンヤンを訪問するプーチン大統領",
        "Shuto Pyon'yan o hōmon suru Pūchin daitōryō",
    ),
    (
        "ウクライナへの軍事侵攻が長期化し、",
        "Ukuraina e no gunji shinkō ga chōkika shi,",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEED_SENTENCES)
def test_hepburn_seed_sentences(analyzer: Analyzer, text: str, expected: str) -> None:
    assert romaji(analyzer, text) == expected


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("hepburn", "Pūchin daitōryō ga Kitachōsen o hōmon suru to happyō shimashita."),
        ("hepburn-ou", "Puuchin daitouryou ga Kitachousen o houmon suru to happyou shimashita."),
        ("kunrei", "Pûtin daitôryô ga Kitatyôsen o hômon suru to happyô simasita."),
        ("passport", "Puchin daitoryo ga Kitachosen o homon suru to happyo shimashita."),
    ],
)
def test_styles(analyzer: Analyzer, style: str, expected: str) -> None:
    assert romaji(analyzer, "プーチン大統領が北朝鮮を訪問すると発表しました。", style) == expected


def test_verb_ending_is_not_a_long_vowel(analyzer: Analyzer) -> None:
    assert romaji(analyzer, "東京へ行こうと思う。") == "Tōkyō e ikō to omou."
    assert romaji(analyzer, "原因を追う。") == "Gen'in o ou."


def test_particles_by_part_of_speech(analyzer: Analyzer) -> None:
    # は in はな (flower) and ハワイ stays ha; the particle は is wa.
    assert romaji(analyzer, "花はハワイへ。") == "Hana wa Hawai e."


@pytest.mark.parametrize(
    ("kana", "style", "expected"),
    [
        ("とうきょう", "hepburn", "tōkyō"),
        ("おおさか", "hepburn", "ōsaka"),
        ("ぐうぜん", "hepburn", "gūzen"),
        ("けいざい", "hepburn", "keizai"),
        ("しんいち", "hepburn", "shin'ichi"),
        ("こんや", "hepburn", "kon'ya"),
        ("まっちゃ", "hepburn", "matcha"),
        ("しんぶん", "passport", "shimbun"),
        ("おおの", "passport", "ono"),
        ("しゃしん", "kunrei", "syasin"),
        ("ちぢむ", "kunrei", "tizimu"),
        ("ふじ", "kunrei", "huzi"),
        ("まっちゃ", "kunrei", "mattya"),
        ("ティーカップ", "hepburn", "tīkappu"),
        ("フェスティバル", "hepburn", "fesutibaru"),
        ("ヴァイオリン", "hepburn", "vaiorin"),
    ],
)
def test_kana_table(kana: str, style: str, expected: str) -> None:
    assert kana_to_romaji(kana, style) == expected  # type: ignore[arg-type]


def test_unknown_style_is_refused(analyzer: Analyzer) -> None:
    with pytest.raises(ValueError, match="romaji style"):
        romanize(analyzer.analyse("東京").tokens, "wapuro")  # type: ignore[arg-type]
