"""Anki: time from "add a card" to the note in the collection, and importing 10,000 known cards.

Everything runs against real parts: a real Anki collection (the ``anki``
package, a dev extra) served by the test AnkiConnect on 127.0.0.1, in a
process of its own as Anki would be.

1. Adding: 20 words marked learning in yomu's store, each pushed with
   ``AnkiSync.add_card`` (the call the reader makes on ``L``); the time is from
   the call until it returns with the note id — the note then exists in the
   collection (checked).  Baseline in the same run: one bare ``version``
   round trip, the floor of any AnkiConnect call.
2. Importing: a collection of 10,000 notes (two cards' worth of states: mature,
   young, suspended, new) read from the file and through AnkiConnect, then
   written as marks into a fresh yomu store.  Baselines in the same run: the
   bare SQL read of the same rows (file), the bare findNotes + notesInfo calls
   (AnkiConnect).

Run: .venv/bin/python bench/bench_anki.py
"""

from __future__ import annotations

import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.study import SourceSentence, StudyStore  # noqa: E402
from reader.integrations.anki import AnkiConfig, AnkiConnect, AnkiSync  # noqa: E402
from reader.integrations.anki.client import AnkiUnavailable  # noqa: E402
from reader.integrations.anki.known import import_known  # noqa: E402
from reader.integrations.anki.sources import notes_from_collection, notes_from_connect  # noqa: E402


@contextmanager
def anki_process(collection: Path) -> Iterator[AnkiConnect]:
    """The test AnkiConnect on ``collection`` in its own process; a client for it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "tests.support.ankiconnect_server", "--collection", str(collection)]
    process = subprocess.Popen([*command, "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL)
    client = AnkiConnect(f"http://127.0.0.1:{port}")
    try:
        for _ in range(200):
            try:
                client.version()
                break
            except AnkiUnavailable:
                time.sleep(0.05)
        yield client
    finally:
        process.terminate()
        process.wait(timeout=10)


KANJI = (
    ("日", "にち"), ("本", "ほん"), ("人", "じん"), ("大", "だい"), ("国", "こく"), ("会", "かい"), ("年", "ねん"),
    ("中", "ちゅう"), ("出", "しゅつ"), ("行", "こう"), ("生", "せい"), ("学", "がく"), ("事", "じ"), ("自", "じ"),
    ("社", "しゃ"), ("者", "しゃ"), ("地", "ち"), ("業", "ぎょう"), ("方", "ほう"), ("新", "しん"), ("場", "じょう"),
    ("員", "いん"), ("立", "りつ"), ("開", "かい"), ("手", "しゅ"), ("力", "りょく"), ("問", "もん"), ("代", "だい"),
    ("明", "めい"), ("動", "どう"), ("京", "きょう"), ("目", "もく"), ("通", "つう"), ("言", "げん"), ("理", "り"),
    ("体", "たい"), ("田", "でん"), ("主", "しゅ"), ("題", "だい"), ("意", "い"), ("不", "ふ"), ("作", "さく"),
    ("用", "よう"), ("度", "ど"), ("強", "きょう"), ("公", "こう"), ("持", "じ"), ("野", "や"), ("以", "い"),
    ("思", "し"), ("家", "か"), ("世", "せ"), ("多", "た"), ("正", "せい"), ("安", "あん"), ("院", "いん"),
    ("心", "しん"), ("界", "かい"), ("教", "きょう"), ("文", "ぶん"), ("元", "げん"), ("重", "じゅう"), ("近", "きん"),
    ("考", "こう"), ("画", "が"), ("海", "かい"), ("売", "ばい"), ("知", "ち"), ("道", "どう"), ("集", "しゅう"),
    ("別", "べつ"), ("物", "ぶつ"), ("使", "し"), ("品", "ひん"), ("計", "けい"), ("死", "し"), ("特", "とく"),
    ("私", "し"), ("始", "し"), ("朝", "ちょう"), ("運", "うん"), ("終", "しゅう"), ("台", "だい"), ("広", "こう"),
    ("住", "じゅう"), ("無", "む"), ("真", "しん"), ("有", "ゆう"), ("口", "こう"), ("少", "しょう"), ("町", "ちょう"),
    ("料", "りょう"), ("工", "こう"), ("建", "けん"), ("空", "くう"), ("急", "きゅう"), ("止", "し"), ("送", "そう"),
    ("切", "せつ"), ("転", "てん"), ("研", "けん"), ("足", "そく"), ("究", "きゅう"), ("楽", "がく"), ("起", "き"),
    ("着", "ちゃく"), ("店", "てん"), ("病", "びょう"), ("質", "しつ"), ("待", "たい"), ("試", "し"), ("族", "ぞく"),
)  # fmt: skip


def _words(count: int) -> list[tuple[str, str]]:
    """Distinct two-kanji words with readings (made up, but shaped like vocabulary)."""
    pairs = [(a + b, ra + rb) for a, ra in KANJI for b, rb in KANJI if a != b]
    random.Random(12).shuffle(pairs)
    return pairs[:count]


def bench_add(folder: Path) -> None:
    with anki_process(folder / "collection.anki2") as client, StudyStore.open(folder / "yomu.db") as store:
        sync = AnkiSync(AnkiConfig(url=client.url), store.path)
        words = _words(21)
        first_word, *rest = words
        card = store.mark_word(*first_word, "learning", SourceSentence(first_word[0] + "を見た", 0, 2), "bench")
        assert card is not None
        start = time.perf_counter()
        assert sync.add_card(card).outcome == "added"  # creates yomu's note type and deck too
        first = 1000 * (time.perf_counter() - start)
        times: list[float] = []
        bare: list[float] = []
        for lemma, reading in rest:
            card = store.mark_word(lemma, reading, "learning", SourceSentence(lemma + "を見た", 0, 2), "bench")
            assert card is not None
            start = time.perf_counter()
            result = sync.add_card(card)
            times.append(1000 * (time.perf_counter() - start))
            assert result.outcome == "added" and result.note_id is not None
            (info,) = client.notes_info([result.note_id])
            assert info["fields"]["Word"]["value"] == lemma  # the note is in the collection
            start = time.perf_counter()
            client.version()
            bare.append(1000 * (time.perf_counter() - start))
    print("add a card → note in the collection (AnkiSync.add_card, test AnkiConnect process, real collection)")
    print(f"  first card (creates the note type and deck): {first:.1f} ms")
    print(f"  median of 20: {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f})")
    print(f"  baseline, one bare AnkiConnect round trip (version): median {statistics.median(bare):.2f} ms")


def _build(path: Path, count: int) -> None:
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    try:
        models = col.models
        model = models.new("Japanese vocab")
        for name in ("Expression", "Reading", "Meaning"):
            models.add_field(model, models.new_field(name))
        template = models.new_template("Recognition")
        template["qfmt"], template["afmt"] = "{{Expression}}", "{{Reading}}"
        models.add_template(model, template)
        models.add(model)
        model = models.by_name("Japanese vocab")
        deck_id = col.decks.id("Japanese", create=True)
        assert deck_id is not None and model is not None
        requests = []
        for word, reading in _words(count):
            note = col.new_note(model)
            note["Expression"], note["Reading"], note["Meaning"] = f"<b>{word}</b>", reading, "…"
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        rng = random.Random(7)
        for card_id in col.find_cards("deck:Japanese"):
            roll = rng.random()
            if roll < 0.55:  # mature
                col.db.execute(
                    "UPDATE cards SET type=2, queue=2, ivl=?, due=100 WHERE id=?", rng.randint(21, 400), card_id
                )
            elif roll < 0.80:  # young
                col.db.execute(
                    "UPDATE cards SET type=2, queue=2, ivl=?, due=100 WHERE id=?", rng.randint(1, 20), card_id
                )
            elif roll < 0.90:  # suspended
                col.db.execute("UPDATE cards SET type=2, queue=-1, ivl=30 WHERE id=?", card_id)
            # else: new
    finally:
        col.close()


def _timed(run: int, work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def bench_import(folder: Path, count: int = 10_000, runs: int = 3) -> None:
    path = folder / "big" / "collection.anki2"
    path.parent.mkdir()
    start = time.perf_counter()
    _build(path, count)
    print(f"\nimport {count:,} known cards (building the collection took {time.perf_counter() - start:.1f} s)")

    def bare_sql() -> None:
        copy = folder / "copy.anki2"
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy)
        rows = connection.execute("SELECT n.flds, c.ivl, c.queue, c.type FROM cards c JOIN notes n ON n.id = c.nid")
        assert len(rows.fetchall()) == count
        connection.close()

    def from_file(run: int) -> str:
        with StudyStore.open(folder / f"file-{run}.db") as store:
            report = import_known(store, lambda: notes_from_collection(path, ["Japanese"], 21))
            return report.message

    baseline = [_timed(i, bare_sql) for i in range(runs)]
    messages: list[str] = []
    file_times = [_timed(i, lambda i=i: messages.append(from_file(i))) for i in range(runs)]
    print(f"  collection file: median {statistics.median(file_times):.2f} s over {runs} runs — {messages[-1]}")
    print(f"  baseline, copy + bare SQL read of the same rows: median {statistics.median(baseline):.3f} s")

    with anki_process(path) as client:

        def bare_calls() -> None:
            ids = client.find_notes("deck:Japanese")
            for start in range(0, len(ids), 250):
                client.notes_info(ids[start : start + 250])

        def through_connect(run: int) -> str:
            with StudyStore.open(folder / f"connect-{run}.db") as store:
                return import_known(store, lambda: notes_from_connect(client, ["Japanese"], 21)).message

        connect_baseline = [_timed(i, bare_calls) for i in range(runs)]
        messages = []
        connect_times = [_timed(i, lambda i=i: messages.append(through_connect(i))) for i in range(runs)]
    print(f"  AnkiConnect: median {statistics.median(connect_times):.2f} s over {runs} runs — {messages[-1]}")
    print(f"  baseline, bare findNotes + notesInfo (250 a call): median {statistics.median(connect_baseline):.2f} s")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yomu-bench-anki-") as folder:
        bench_add(Path(folder))
        bench_import(Path(folder))


if __name__ == "__main__":
    main()
