"""SIGKILL in the middle of a session loses no answered card.

A child process answers cards one by one and prints each review id once
``answer()`` has returned; the parent kills it with SIGKILL part-way and then
checks that every printed answer is in the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core.study import SourceSentence, StudyStore
from reader.data.paths import database_path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from reader.core.study import StudyStore
    from reader.core.study.scheduler import StudySession
    from reader.data.paths import database_path

    store = StudyStore.open(database_path())
    session = StudySession(store, new_limit=1000, fuzz=False)
    print("ready", flush=True)
    while not session.finished:
        review = session.answer(4)
        print(review.id, review.card_id, flush=True)
        time.sleep(0.01)
    print("done", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_session_keeps_every_answer() -> None:
    with StudyStore.open(database_path()) as store:
        for i in range(200):
            store.mark_word(f"語{i}", f"ご{i}", "learning", SourceSentence(f"語{i}の文", 0, 2), "test")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    answered: list[tuple[int, int]] = []
    for line in child.stdout:
        review_id, card_id = map(int, line.split())
        answered.append((review_id, card_id))
        if len(answered) == 25:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    with StudyStore.open(database_path()) as store:
        assert store.warning is None
        reviews = {(r.id, r.card_id) for r in store.reviews()}
        assert set(answered) <= reviews
        assert 25 <= len(reviews) < 200  # killed mid-session, not after it
        for _review_id, card_id in answered:
            card = store.card(card_id)
            assert card is not None and not card.is_new
