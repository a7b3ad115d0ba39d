"""Decode many activity files: from the cache where unchanged, the rest across the cores.

:func:`decode_all` is what :func:`hipkit.read_activities` calls with every file it needs
decoded. Files whose summary is cached (:mod:`hipkit.runs.activity_cache`) are not opened; the
rest are shared out to a process pool (FIT and GPX decoding is pure Python, so threads
would take turns on one core), in small batches so the progress bar moves. The results
come back in the order of the files given, whichever worker finished first, so a serial
and a parallel import give the same table and the same problems in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from hipkit.runs.activity_cache import SummaryCache, file_stamp

#: Fewer files than this are decoded in this process: starting workers would cost more.
PARALLEL_FROM = 8
#: More files than this to decode show a progress bar (unless ``progress=False``).
PROGRESS_ABOVE = 10


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _decode_batch(decode: Callable[[str, str], dict],
                  batch: list[tuple[int, str, str]]) -> list[tuple[int, dict]]:
    return [(index, decode(path, label)) for index, path, label in batch]


def decode_all(jobs: list[tuple[Path, str]], decode: Callable[[str, str], dict], *,
               workers: int | None = None, cache: bool = True,
               progress: bool | None = None) -> list[dict]:
    """``decode(str(path), label)`` for every job, in order, reusing cached summaries.

    Parameters
    ----------
    jobs : list of (Path, str)
        Each file and the name problems give it.
    decode : callable
        A module-level function (it is sent to the worker processes) returning a
        JSON-ready summary; a summary with ``"cache": False`` is not kept.
    workers : int, optional
        Processes to decode with; by default every core this process may use. ``1``
        decodes here, one file after another.
    cache : bool
        Use and update the summaries in the runner's hipkit folder.
    progress : bool, optional
        Show a progress bar; by default only when more than :data:`PROGRESS_ABOVE`
        files are decoded.
    """
    store = SummaryCache() if cache else None
    results: list[dict | None] = [None] * len(jobs)
    stamps: dict[int, list[int]] = {}
    todo = []
    for index, (path, label) in enumerate(jobs):
        try:
            stamp = file_stamp(path)
        except OSError:
            stamp = None  # decoding names the problem; nothing to cache
        if store is not None and stamp is not None:
            cached = store.get(path, stamp)
            if cached is not None:
                results[index] = cached
                continue
            stamps[index] = stamp
        todo.append((index, os.fspath(path), label))
    if progress is None:
        progress = len(todo) > PROGRESS_ABOVE
    workers = min(workers or available_cores(), len(todo))
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="Decoding activity files", unit="file")
    try:
        if workers <= 1 or len(todo) < PARALLEL_FROM:
            for index, path, label in todo:
                results[index] = decode(path, label)
                if bar is not None:
                    bar.update()
        else:
            # Batches small enough to keep every worker busy to the end and the bar
            # moving, large enough that sending them costs little.
            size = max(1, min(32, len(todo) // (workers * 8)))
            batches = [todo[i:i + size] for i in range(0, len(todo), size)]
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_decode_batch, decode, batch) for batch in batches]
                for future in as_completed(futures):
                    done = future.result()
                    for index, summary in done:
                        results[index] = summary
                    if bar is not None:
                        bar.update(len(done))
    finally:
        if bar is not None:
            bar.close()
    if store is not None:
        for index, stamp in stamps.items():
            if results[index].get("cache", True):
                store.put(jobs[index][0], stamp, results[index])
        store.save()
    return results
