"""Offline speech: Japanese text to a WAV file with OpenJTalk (pyopenjtalk-plus), cached per text.

The voice is the HTS voice pyopenjtalk-plus ships (``mei_normal``: MMDAgent's
"Mei", © Nagoya Institute of Technology, CC BY 3.0).  Synthesis runs about 30
times faster than the speech lasts (``bench/bench_sound.py``), so a sentence is
ready in a tenth of a second; the cache makes the second request a file
look-up.  A file in the cache is named by the hash of the text, the voice, the
speed and :data:`SYNTH_VERSION` with the engine's version, so a new engine or
voice never plays stale audio; files are written under a temporary name and
renamed, so a half-written file is never played.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import tempfile
import threading
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.integrations.sound.engines import SoundUnavailable, openjtalk

__all__ = ["SYNTH_VERSION", "audio_path", "join_wavs", "synthesize", "write_wav"]

SYNTH_VERSION = "1"
"""Bumped when what we do to the engine's output changes (level, format)."""
PAUSE_SECONDS = 0.35
"""Silence between sentences in a file that holds several (``yomu say`` of a section)."""

_voice_lock = threading.Lock()
_engines: dict[Path, Any] = {}


def _engine_version() -> str:
    try:
        return importlib.metadata.version("pyopenjtalk-plus")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _voice_id(voice: Path | None) -> str:
    if voice is None:
        return "default"
    stat = voice.stat()
    return f"{voice.name}:{stat.st_size}:{int(stat.st_mtime)}"


def audio_path(text: str, cache_dir: Path, *, voice: Path | None = None, speed: float = 1.0) -> Path:
    """Where the audio of ``text`` is (or will be) cached: ``cache_dir/ab/<hash>.wav``."""
    key = "\0".join((SYNTH_VERSION, _engine_version(), _voice_id(voice), f"{speed:.3f}", text))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return cache_dir / digest[:2] / f"{digest}.wav"


def write_wav(path: Path, samples: Sequence[int] | bytes, rate: int) -> None:
    """Write 16-bit mono PCM to ``path`` atomically (a temporary file renamed over it)."""
    if isinstance(samples, bytes):
        data = samples
    else:
        data = b"".join(int(s).to_bytes(2, "little", signed=True) for s in samples)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".part-", suffix=".wav", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw, wave.open(raw, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pcm16(samples: object) -> bytes:
    import numpy as np  # a dependency of pyopenjtalk-plus, so present whenever synthesis is

    array = np.asarray(samples, dtype=np.float64)
    # HTS output is already on the 16-bit scale but overshoots it on loud vowels; clip, don't wrap.
    return bytes(np.clip(np.round(array), -32768, 32767).astype("<i2").tobytes())


def synthesize(text: str, cache_dir: Path, *, voice: Path | None = None, speed: float = 1.0) -> Path:
    """The WAV file of ``text`` said by the offline voice; made on first request, then cached.

    ``cache_dir`` is the folder for the files (the reader passes its cache
    folder's ``audio/``).  ``voice`` is an ``.htsvoice`` file (default: the
    voice pyopenjtalk-plus ships); ``speed`` 1.0 is the voice's own pace.
    Safe from worker threads.  Raises :class:`SoundUnavailable` without
    pyopenjtalk-plus, ``ValueError`` for text with nothing to say.
    """
    if not text.strip():
        raise ValueError("nothing to say: the text is empty")
    path = audio_path(text, cache_dir, voice=voice, speed=speed)
    if path.is_file():
        return path
    jtalk = openjtalk()
    # Punctuation alone has no phoneme; OpenJTalk would print a warning from C and return silence.
    if not any(feature["mora_size"] > 0 for feature in jtalk.run_frontend(text)):
        raise ValueError(f"nothing to say in {text!r}")
    if voice is not None:
        if not voice.is_file():
            raise SoundUnavailable(f"{voice}: no such voice file")
        with _voice_lock:
            # One engine per voice file, used by one thread at a time.
            engine = _engines.get(voice)
            if engine is None:
                engine = _engines[voice] = jtalk.HTSEngine(str(voice).encode("utf-8"))
            labels = jtalk.extract_fullcontext(text)
            engine.set_speed(speed)
            samples = engine.synthesize(labels)
            rate = engine.get_sampling_frequency()
    else:
        samples, rate = jtalk.tts(text, speed=speed)
    if len(samples) == 0:
        raise ValueError(f"nothing to say in {text!r}")
    write_wav(path, _pcm16(samples), int(rate))
    return path


def join_wavs(paths: Sequence[Path], out: Path, *, pause: float = PAUSE_SECONDS) -> Path:
    """One WAV file of ``paths`` one after another with ``pause`` seconds of silence between them.

    All inputs must share one rate (the voice's); writes ``out`` atomically.
    """
    if not paths:
        raise ValueError("no audio to join")
    frames: list[bytes] = []
    rate = 0
    for index, path in enumerate(paths):
        with wave.open(str(path), "rb") as part:
            if rate and part.getframerate() != rate:
                raise ValueError(f"{path}: {part.getframerate()} Hz, not {rate} Hz like the rest")
            rate = part.getframerate()
            if index:
                frames.append(b"\0\0" * int(rate * pause))
            frames.append(part.readframes(part.getnframes()))
    write_wav(out, b"".join(frames), rate)
    return out
