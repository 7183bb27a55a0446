"""What machine a benchmark ran on, printed with its figures."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path


def describe() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown memory"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text(encoding="utf-8").splitlines()[0]
        memory = f"{int(first.split()[1]) / 1024 / 1024:.1f} GiB"
    return (
        f"machine: {platform.node()} {platform.system()} {platform.release()} "
        f"{platform.machine()}; "
        f"{cpu}; {os.cpu_count()} cores; {memory}; Python {sys.version.split()[0]}; "
        f"SQLite {sqlite3.sqlite_version}; tabadul {_tabadul_build()}"
    )


def _tabadul_build() -> str:
    """Whether tabadul's hot modules run compiled (tabadul._native), and why not."""
    try:
        from tabadul import _native
    except ImportError:
        return "not installed"
    return str(_native.status())
