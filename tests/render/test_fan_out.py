"""fan_out on a real executor: every result, in the order of the items, with only a window of units
submitted at a time (the run's memory does not grow with the number of files)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from docgen.render.executors import fan_out, in_flight


class Watched(ThreadPoolExecutor):
    """A thread pool that counts the units submitted and not yet collected by fan_out."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.outstanding = self.most = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)
        return super().submit(fn, *args, **kwargs)


def _square(offset: int, item: int) -> int:
    if item == 7:
        raise RuntimeError("worker died")
    return item * item + offset


def test_every_result_in_order_with_a_bounded_window() -> None:
    items = list(range(1000))
    seen: list[int] = []
    with Watched() as executor:

        def done(result: int) -> None:
            executor.outstanding -= 1
            seen.append(result)

        results = fan_out(executor, _square, 1, items, lambda item, error: -item, done)
    assert results == [-7 if i == 7 else i * i + 1 for i in items]
    assert sorted(seen) == sorted(results)
    assert executor.most <= in_flight(executor) == 64
