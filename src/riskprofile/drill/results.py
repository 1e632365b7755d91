"""Append-only JSON Lines results, safe against interruption.

Each record is one complete line written with a single `os.write` on a file opened with O_APPEND,
then fsync'd; SIGINT is held back while the line is being written, so Ctrl-C between or during
answers never leaves half a line (the interrupted item is simply not recorded). If the file ends
without a newline (a writer killed by something harsher than Ctrl-C), the next record starts on a
new line; readers skip lines that are not JSON and report how many they skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..yamlio import write_error

SCHEMA_VERSION = 1


def _default(x: Any) -> Any:
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, set):
        return sorted(x)
    return str(x)


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, default=_default, separators=(",", ":"))


@contextlib.contextmanager
def hold_sigint() -> Iterator[None]:
    """Defer Ctrl-C until the block is done (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[tuple] = []
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum, frame):
        pending.append((signum, frame))

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending and callable(previous):
            previous(*pending[0])
        elif pending:
            raise KeyboardInterrupt


class ResultsWriter:
    """Appends one JSON object per line to `path` (created with its folder if needed)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.written = 0

    def check(self) -> None:
        """Fail early (OSError) when the file cannot be opened for appending."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.close(fd)

    def write(self, record: dict) -> None:
        line = dumps({"v": SCHEMA_VERSION, **record})
        if "\n" in line:  # json.dumps escapes newlines in strings; this never happens, but guard the format
            raise ValueError("record would span lines")
        data = (line + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with hold_sigint():
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size and not _ends_with_newline(self.path, size):
                    data = b"\n" + data
                n = 0
                try:
                    while n < len(data):  # regular files write all at once; a full disk may stop it short
                        n += os.write(fd, data[n:])
                    os.fsync(fd)
                except OSError as e:
                    if n:  # cut the part written: the file holds whole lines or nothing of this record
                        os.ftruncate(fd, os.fstat(fd).st_size - n)
                    raise write_error(self.path, e) from None
            finally:
                os.close(fd)
        self.written += 1


def _ends_with_newline(path: Path, size: int) -> bool:
    with open(path, "rb") as f:
        f.seek(size - 1)
        return f.read(1) == b"\n"


def read_results(paths: list[Path | str]) -> tuple[list[dict], int]:
    """Records of one or more results files and the number of lines skipped (not JSON objects)."""
    records, skipped = [], 0
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    skipped += 1
                    continue
                if isinstance(rec, dict) and "score" in rec and "item" in rec:
                    records.append(rec)
                else:
                    skipped += 1
    return records, skipped
