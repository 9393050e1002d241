"""Plan building off the event loop: a small worker pool with a bounded queue.

Building a program is pure-Python CPU work (tens of milliseconds). Run on the event loop, or in
a thread that holds the GIL, it stalls every other request the process is answering. So plans
are built in separate worker processes (`benchmarks/bench_load.py` measures threads against
processes), started lazily in the serving process and run at a lower CPU priority than the
server, so cheap page and API reads win the CPU when both want it.

The queue is bounded: when every worker is busy and `queue` more plans wait, a new request is
refused at once with PlanQueueFull (the API answers 503 with Retry-After) instead of piling up
work the clients will have given up on.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from forgefit.catalog import Catalog
from forgefit.training import FieldProblem, ProfileError, Program, build_program
from forgefit.training.errors import UnservableProfileError
from forgefit.training.planner import prepare_catalog

# Seconds a refused client is told to wait before trying again.
RETRY_AFTER_SECONDS = 1
# Plan workers yield the CPU to the server process (higher is nicer, 0-19).
WORKER_NICENESS = 10


class PoolKind(StrEnum):
    process = "process"
    thread = "thread"


class PlanQueueFull(Exception):
    """Every worker is busy and the queue is full; try again after `retry_after` seconds."""

    retry_after = RETRY_AFTER_SECONDS


@dataclass(frozen=True, slots=True)
class Refusal:
    """A ProfileError as plain data: exceptions with custom constructors do not survive the
    trip back from a worker process intact, so the worker returns this instead."""

    problems: list[FieldProblem]
    reason: str | None
    changes: list[str]

    def error(self) -> ProfileError:
        if self.reason is not None:
            return UnservableProfileError(self.reason, self.changes)
        return ProfileError(self.problems)


def _build(profile: Mapping[str, Any], catalog: Catalog) -> Program | Refusal:
    try:
        return build_program(profile, catalog)
    except UnservableProfileError as error:
        return Refusal(error.problems, error.reason, error.changes)
    except ProfileError as error:
        return Refusal(error.problems, None, [])


# Each worker process holds its own copy of the catalog, set once when the process starts.
_worker_catalog: Catalog | None = None


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose server is gone (killed outright) has no one to answer: exit."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def settle_for_planning(catalog: Catalog) -> None:
    """Work out the planner's per-catalog tables now, then take everything alive (the catalog,
    its facts, the training data) out of the garbage collector's sight: it lives as long as
    the process, and each full collection used to walk all of it (about 17 ms, inside
    whichever plan happened to trigger it; about 2 ms once frozen)."""
    prepare_catalog(catalog)
    gc.collect()
    gc.freeze()


def _start_worker(catalog: Catalog) -> None:
    global _worker_catalog
    _worker_catalog = catalog
    settle_for_planning(catalog)
    os.nice(WORKER_NICENESS)
    # Ctrl-C reaches the whole process group; the server, not each worker, handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_exit_when_orphaned, args=(os.getppid(),), daemon=True, name="orphan-watch"
    ).start()


def _build_in_worker(profile: Mapping[str, Any]) -> Program | Refusal:
    assert _worker_catalog is not None, "worker started without a catalog"
    return _build(profile, _worker_catalog)


def default_workers() -> int:
    """One worker per CPU but one, so the server keeps a core for answering requests."""
    return max(1, (os.cpu_count() or 2) - 1)


class PlanWorkers:
    """Build programs in a pool of `workers`, with at most `queue` more waiting."""

    def __init__(
        self, catalog: Catalog, workers: int, queue: int, kind: PoolKind = PoolKind.process
    ) -> None:
        self.catalog = catalog
        self.workers = workers
        self.capacity = workers + queue
        self.kind = kind
        self.in_flight = 0
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        # Created on first use, in the process that serves requests (after any server fork).
        if self._executor is None:
            if self.kind is PoolKind.thread:
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="plan")
            else:
                self._executor = ProcessPoolExecutor(
                    self.workers,
                    # A fresh interpreter per worker: forking a server that runs threads is
                    # unsafe.
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.catalog,),
                )
        return self._executor

    @property
    def full(self) -> bool:
        """Every worker is busy and the queue is full: a new plan would be refused."""
        return self.in_flight >= self.capacity

    async def build(self, profile: Mapping[str, Any]) -> Program:
        """The program for `profile`; ProfileError if it is invalid, PlanQueueFull if busy."""
        if self.full:
            raise PlanQueueFull
        self.in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            pool = self._pool()
            if self.kind is PoolKind.thread:
                task = partial(_build, profile, self.catalog)
                result = await loop.run_in_executor(pool, task)
            else:
                result = await loop.run_in_executor(pool, _build_in_worker, profile)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): start a fresh pool for the next request.
            self.shutdown()
            raise PlanQueueFull from None
        finally:
            self.in_flight -= 1
        if isinstance(result, Refusal):
            raise result.error()
        return result

    def shutdown(self) -> None:
        """Stop the workers now. Worker processes are stopped outright: whatever they are
        building, no one waits for it any more, and ProcessPoolExecutor's own shutdown can hang
        (CPython 3.11) after a burst of refused work, keeping the server from exiting."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
