"""Where a run's work units execute: a Dask cluster, a pool of worker processes, or this process;
and ``fan_out``, the one place that hands units to an executor and collects them, dead workers included."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from docgen.errors import Interrupted, UsageError

Item = TypeVar("Item")
Result = TypeVar("Result")
Config = TypeVar("Config")


@contextmanager
def executor_for(jobs: int, url: str | None, files: int) -> Iterator[Executor | None]:
    """A Dask cluster's executor (``dask://host:port``), a pool of ``jobs`` processes, or None: this process."""
    if url is not None:
        if not url.startswith("dask://"):
            raise UsageError(f"--executor 只支持 dask://主机:端口，实为“{url}”。")
        try:
            from dask.distributed import Client
        except ImportError:
            raise UsageError("使用 --executor 需要安装 Dask：.venv/bin/pip install 'dask[distributed]'") from None
        client = Client(url.removeprefix("dask://"))
        try:
            yield client.get_executor()
        finally:
            client.close()
    elif jobs > 1 and files > 1:
        with process_pool(min(jobs, files)) as pool:
            yield pool
    else:
        yield None


def process_pool(workers: int) -> ProcessPoolExecutor:
    """docgen's pool of worker processes, for a run and for docgen serve's render API alike: spawned, not
    forked (forking while a thread runs — the progress bar, the web server — could deadlock a worker),
    and deaf to Ctrl-C: the main process decides what stops (``fan_out``, the server's shutdown), so no
    worker dies mid-write of its own."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop(executor: Executor) -> None:
    """Cancel what has not started and stop the workers now (Ctrl-C): a unit cut off mid-write leaves
    only a temporary file (``render_files`` sweeps it before exiting); documents already in place are
    untouched."""
    workers = list((getattr(executor, "_processes", None) or {}).values())  # a ProcessPoolExecutor's
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.kill()


def in_flight(executor: Executor) -> int:
    """How many units to keep submitted at once: enough to keep every worker busy (a unit waiting behind
    each running one, and more), few enough that a 10,000-file run holds no more futures than a 100-file one."""
    workers = getattr(executor, "_max_workers", 0)  # a process pool's; a Dask cluster's is not known here
    return max(64, 4 * workers)


def fan_out(executor: Executor | None, unit: Callable[[Config, Item], Result], config: Config, items: list[Item],
            died: Callable[[Item, Exception], Result], done: Callable[[Result], None] | None = None) -> list[Result]:
    """``unit(config, item)`` for every item, on the executor's workers or here; results in the order of
    ``items``, each also given to ``done`` as it finishes. A worker that died (killed, out of memory)
    gives ``died(item, error)`` instead, and the other items still run. Ctrl-C cancels what is pending,
    stops the workers and raises ``Interrupted`` with the results finished so far."""
    results: dict[int, Result] = {}
    try:
        if executor is None:
            for index, item in enumerate(items):
                results[index] = unit(config, item)
                if done is not None:
                    done(results[index])
        else:
            waiting = iter(enumerate(items))
            running: dict[Future[Result], int] = {}
            window = in_flight(executor)
            while True:  # at most ``window`` units submitted and not yet collected: memory flat in N
                for index, item in islice(waiting, window - len(running)):
                    running[executor.submit(unit, config, item)] = index
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = running.pop(future)
                    try:
                        results[index] = future.result()
                    except Exception as error:
                        results[index] = died(items[index], error)
                    if done is not None:
                        done(results[index])
    except KeyboardInterrupt:
        if executor is not None:
            stop(executor)
        raise Interrupted([results[index] for index in sorted(results)]) from None
    return [results[index] for index in range(len(items))]
