"""Small measuring helpers: wall and CPU clocks, peak RSS, percentiles, machine load."""

from __future__ import annotations

import os
import resource
import sys
import time
from dataclasses import dataclass


@dataclass
class Clock:
    """Accumulates wall and CPU seconds over many timed sections (``with clock: ...``)."""

    wall: float = 0.0
    cpu: float = 0.0
    _w0: float = 0.0
    _c0: float = 0.0

    def __enter__(self) -> Clock:
        self._w0, self._c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.perf_counter() - self._w0
        self.cpu += time.process_time() - self._c0


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """This process's resident set size now, in MiB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def percentile(values: list[float], q: float) -> float:
    """The Q-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def load_average() -> float | None:
    """The 1-minute load average: how busy the machine was (other processes make timings noisy)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None
