"""Speech and accent speed on the seed article, and what the sound extra adds to an install.

- synthesis time of each of the seed's sentences (cold cache) against the length of its audio;
- time from a request to the player starting: a cached sentence, a cold one, and a cold
  paragraph said sentence by sentence (against synthesising the whole paragraph first);
- accent_of per word and phrase_accents per screenful;
- the installed size of the sound packages and the dependencies they bring.

The "player" is a shell script that notes the time it starts (no sound card is needed),
so start-up times are yomu's share; a real player adds its own (paplay: about 20 ms).

    .venv/bin/python bench/bench_sound.py
"""

from __future__ import annotations

import importlib.metadata
import os
import statistics
import tempfile
import time
import wave
from pathlib import Path

from reader.core.sources import load_document
from reader.core.sources.text import split_sentences
from reader.data.paths import bundled_seed

SOUND_DISTRIBUTIONS = (
    "pyopenjtalk-plus",
    "fugashi",
    "unidic-lite",
    "numpy",
    "pydantic",
    "pydantic_core",
    "annotated-types",
    "typing-inspection",
)
"""The extra and what it pulls in that yomu did not have before (sudachipy is shared)."""

PLAYER = '#!/bin/sh\ndate +%s.%N >> "{log}"\n'


def seed_sentences() -> tuple[list[str], list[list[str]]]:
    document = load_document(str(bundled_seed()))
    text = document.text
    paragraphs = [[text[s.start : s.end] for s in p.sentences] for p in document.paragraphs]
    sentences = [text[s.start : s.end] for s in split_sentences(text, document.title.start, document.title.end)]
    sentences += [s for p in paragraphs for s in p]
    return sentences, paragraphs


def seconds_of(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def installed_mb(name: str) -> float:
    try:
        files = importlib.metadata.distribution(name).files or []
    except importlib.metadata.PackageNotFoundError:
        return 0.0
    total = 0
    for file in files:
        path = Path(str(file.locate()))
        if path.is_file():
            total += path.stat().st_size
    return total / 1e6


def time_to_play(sentences: list[str], cache: Path, log: Path) -> float:
    """Seconds from Speaker.speak to the (fake) player's start."""
    from reader.integrations.sound import Speaker, find_player

    log.unlink(missing_ok=True)
    player = find_player(path=str(log.parent))
    speaker = Speaker(cache, player)
    began = time.time()
    speaker.speak(sentences)
    while not log.exists() or not log.read_text().strip():
        time.sleep(0.001)
    started = float(log.read_text().split()[0])
    speaker.stop()
    return started - began


def main() -> None:
    began = time.perf_counter()
    from reader.integrations.sound import accent_of, phrase_accents, synthesize
    from reader.integrations.sound.engines import openjtalk

    openjtalk()
    accent_of("箸", "箸", "はし")
    print(f"engines loaded (import + first accent): {(time.perf_counter() - began) * 1000:.0f} ms")

    sentences, paragraphs = seed_sentences()
    work = Path(tempfile.mkdtemp(prefix="yomu-bench-sound-"))
    cache = work / "audio"
    rows = []
    for sentence in sentences:
        t = time.perf_counter()
        path = synthesize(sentence, cache)
        rows.append((time.perf_counter() - t, seconds_of(path), len(sentence)))
    synth = [r[0] for r in rows]
    audio = [r[1] for r in rows]
    ratio = [r[0] / r[1] for r in rows]
    print(f"\nsynthesis, {len(rows)} seed sentences ({statistics.median([r[2] for r in rows]):.0f} characters median):")
    print(f"  synthesis time  median {statistics.median(synth) * 1000:6.0f} ms   max {max(synth) * 1000:6.0f} ms")
    print(f"  audio length    median {statistics.median(audio):6.2f} s    max {max(audio):6.2f} s")
    print(f"  time / length   median {statistics.median(ratio):6.3f}      max {max(ratio):6.3f}")

    bin_dir = work / "bin"
    bin_dir.mkdir()
    log = bin_dir / "started.log"
    script = bin_dir / "paplay"
    script.write_text(PLAYER.format(log=log))
    script.chmod(0o755)
    cold_cache = work / "cold"
    cold = [time_to_play([s], cold_cache, log) for s in sentences[:15]]
    cached = [time_to_play([s], cold_cache, log) for s in sentences[:15]]  # the same requests again
    whole_first = [r[0] for r in rows[:15]]  # baseline: the whole sentence synthesised before playing
    longest = max(paragraphs, key=len)
    first = time_to_play(longest, work / "paragraph", log)
    t = time.perf_counter()
    for s in longest:
        synthesize(s, work / "whole")
    whole = time.perf_counter() - t
    print("\ntime from the request to the player starting:")
    print(f"  cached sentence   median {statistics.median(cached) * 1000:6.1f} ms   max {max(cached) * 1000:6.1f} ms")
    print(f"  cold sentence     median {statistics.median(cold) * 1000:6.1f} ms   max {max(cold) * 1000:6.1f} ms")
    print(
        f"  (baseline: whole sentence first: median {statistics.median(whole_first) * 1000:6.1f} ms"
        f"   max {max(whole_first) * 1000:6.1f} ms)"
    )
    print(
        f"  cold paragraph ({len(longest)} sentences): first sentence plays after {first * 1000:.0f} ms; "
        f"synthesising it all first would take {whole * 1000:.0f} ms"
    )

    document = load_document(str(bundled_seed()))
    from reader.core.analysis import analyse

    tokens = analyse(document.text).tokens
    accent_of.cache_clear()
    t = time.perf_counter()
    known = sum(1 for tok in tokens if accent_of(tok.surface, tok.lemma, tok.reading, tok.pos) is not None)
    per_word = (time.perf_counter() - t) / len(tokens)
    screen = document.text[:1000]
    phrase_accents.cache_clear()
    t = time.perf_counter()
    phrases = phrase_accents(screen)
    per_screen = time.perf_counter() - t
    print(f"\naccent_of: {per_word * 1e6:.0f} µs a word (uncached), {known}/{len(tokens)} of the seed's tokens known")
    print(f"phrase_accents: {per_screen * 1000:.1f} ms for 1,000 characters ({len(phrases)} phrases)")

    print("\ninstalled size of the sound extra and what it brings:")
    total = 0.0
    for name in SOUND_DISTRIBUTIONS:
        size = installed_mb(name)
        total += size
        print(f"  {name:18} {size:7.1f} MB")
    print(f"  {'total':18} {total:7.1f} MB")
    os.system(f"rm -rf {work}")


if __name__ == "__main__":
    main()
