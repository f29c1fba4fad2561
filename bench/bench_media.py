"""The reader's Anki and sound keys, timed from the key press as the learner feels them.

1. ``L`` → the note exists in Anki: the reader (Textual's Pilot) on the seed
   article, the test AnkiConnect on a real ``anki`` collection in a process
   of its own, as Anki would be.  For 20 words: the time from pressing ``L``
   until Anki's search finds the note (polled every 5 ms).  The note carries
   the accent and the audio of the word and its sentence, made then: the
   words come from 20 different sentences and the audio cache starts empty,
   so both files of every note are synthesised on the way (the worst case).  Baseline in the
   same run: ``AnkiSync.add_card`` of a card without media, called directly.
2. ``a`` → the player starts: a fake ``paplay`` (a shell script that writes
   the clock) first on PATH.  Cached: each word and sentence was said once
   before; the time from the key until the player runs, for the word (``a``)
   and the sentence (``a`` again), 20 words.  The first (cold) pass, from an
   empty audio cache, is reported too.  Baseline in the same run: starting the same player directly.

Run: .venv/bin/python bench/bench_media.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORDS = 20
PLAYER = """#!/bin/sh
echo "$(date +%s.%N) $*" >> "{log}"
"""


def _isolate(folder: Path) -> None:
    for name in ("YOMU_CONFIG_DIR", "YOMU_DATA_DIR", "YOMU_CACHE_DIR"):
        os.environ[name] = str(folder / name.lower())


def _summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"  {label}: median {statistics.median(values):.0f} ms, 90th percentile {p90:.0f} ms "
        f"(min {ordered[0]:.0f}, max {ordered[-1]:.0f}, n={len(values)})"
    )


def _vocabulary(app) -> list:  # type: ignore[no-untyped-def]
    """A kanji word from each sentence of the article, in reading order (what a learner would mark).

    One per sentence, so that no two share their sentence's audio: every one is made anew.
    """
    from reader.core.analysis.kana import has_kanji
    from reader.core.study.stats import is_vocabulary
    from reader.core.study.words import word_key

    document = app.document
    seen: set[tuple[str, str]] = set()
    sentences: set[int] = set()
    chosen = []
    for token in app.screen.text.tokens():
        key = word_key(token)
        sentence = document.sentence_at(token.start)
        if sentence is None or sentence.start in sentences:
            continue
        if is_vocabulary(token) and has_kanji(token.surface) and key not in seen:
            seen.add(key)
            sentences.add(sentence.start)
            chosen.append(token)
    return chosen


async def _l_to_note(url: str, client) -> list[float]:  # type: ignore[no-untyped-def]
    from reader.app import YomuApp
    from reader.core.sources import load_document
    from reader.data.config import Settings
    from reader.integrations.anki.client import search_term
    from tests.app.conftest import ready, settle
    from tests.conftest import SEED

    app = YomuApp(load_document(str(SEED)), Settings(anki_url=url))
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.screen.article  # type: ignore[attr-defined]
        for token in _vocabulary(app)[:WORDS]:
            view.place_cursor(token.start)
            await settle(app, pilot)
            lemma = view.cursor_token.lemma
            query = search_term("Word", lemma)
            start = time.perf_counter()
            await pilot.press("L")
            while not client.find_notes(query):
                await asyncio.sleep(0.005)
                if time.perf_counter() - start > 30:
                    raise AssertionError(f"{lemma}: no note after 30 s")
            times.append(1000 * (time.perf_counter() - start))
            await settle(app, pilot)
    return times


def _bare_adds(url: str, folder: Path) -> list[float]:
    from reader.core.study import SourceSentence, StudyStore
    from reader.integrations.anki import AnkiConfig, AnkiSync

    times = []
    with StudyStore.open(folder / "bare.db") as store:
        sync = AnkiSync(AnkiConfig(url=url), store.path)
        for number in range(WORDS + 1):
            word = f"語{number:02d}"
            card = store.mark_word(word, "ご", "learning", SourceSentence(word + "を見た", 0, 3), "bench")
            assert card is not None
            start = time.perf_counter()
            assert sync.add_card(card).outcome == "added"
            if number:  # the first creates the deck
                times.append(1000 * (time.perf_counter() - start))
    return times


def bench_anki(folder: Path) -> None:
    from bench_anki import anki_process

    (folder / "anki").mkdir()
    with anki_process(folder / "anki" / "collection.anki2") as client:
        bare = _bare_adds(client.url, folder)
        times = asyncio.run(_l_to_note(client.url, client))
    print("L → the note in Anki (reader under Pilot, test AnkiConnect process, real collection)")
    print(_summary("with accent, word and sentence audio synthesised for each note", times))
    print(_summary("baseline, AnkiSync.add_card without media, called directly", bare))


def _played(log: Path, count: int, timeout: float = 30.0) -> list[float]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            lines = log.read_text().splitlines()
            if len(lines) >= count:
                return [float(line.split()[0]) for line in lines]
        time.sleep(0.002)
    raise AssertionError(f"the player ran {log.read_text() if log.exists() else 'never'}, not {count} times")


async def _say(log: Path) -> tuple[list[float], list[float], list[float], list[float]]:
    from reader.app import YomuApp
    from reader.core.sources import load_document
    from reader.data.config import Settings
    from tests.app.conftest import ready, settle
    from tests.conftest import SEED

    app = YomuApp(load_document(str(SEED)), Settings())
    cold_words: list[float] = []
    cold_sentences: list[float] = []
    words: list[float] = []
    sentences: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.screen.article  # type: ignore[attr-defined]
        chosen = _vocabulary(app)[:WORDS]
        for measured in (False, True):
            for token in chosen:
                view.place_cursor(token.start)
                await settle(app, pilot)
                for bucket in (words, sentences):
                    count = len(log.read_text().splitlines()) if log.exists() else 0
                    start = time.time()
                    await pilot.press("a")
                    while len(_lines(log)) <= count:
                        await asyncio.sleep(0.002)
                    elapsed = 1000 * (float(_lines(log)[count].split()[0]) - start)
                    if measured:
                        bucket.append(elapsed)
                    else:
                        (cold_words if bucket is words else cold_sentences).append(elapsed)
                    await settle(app, pilot)
                    app.screen.speech.stop()  # type: ignore[attr-defined]
                view.leave_word_mode()  # the next word's first a is its word again
    return words, sentences, cold_words, cold_sentences


def _lines(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def bench_say(folder: Path) -> None:
    os.environ["YOMU_CACHE_DIR"] = str(folder / "say-cache")  # an empty audio cache: the first pass is cold
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    log = folder / "played.log"
    player = bin_dir / "paplay"
    player.write_text(PLAYER.format(log=log))
    player.chmod(0o755)
    os.environ["PATH"] = os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"])
    baseline = []
    for _ in range(WORDS):
        count = len(_lines(log))
        start = time.time()
        subprocess.Popen([str(player), "x.wav"]).wait()
        baseline.append(1000 * (_played(log, count + 1)[count] - start))
    log.unlink()
    words, sentences, cold_words, cold = asyncio.run(_say(log))
    print("\na → the player starts (reader under Pilot, fake paplay on PATH writing the clock)")
    print(_summary("word, cached", words))
    print(_summary("sentence (a again), cached", sentences))
    print(_summary("word the first time (synthesised then)", cold_words))
    print(_summary("sentence the first time (synthesised then; long ones start with their first clause)", cold))
    print(_summary("baseline, starting the same player directly", baseline))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yomu-bench-media-") as name:
        folder = Path(name)
        _isolate(folder)
        bench_anki(folder)
        bench_say(folder)


if __name__ == "__main__":
    main()
