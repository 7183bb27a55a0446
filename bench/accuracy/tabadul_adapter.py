"""Accuracy benchmark adapter: tabadul's own matching, in tabadul's .venv.

    .venv/bin/python bench/accuracy/tabadul_adapter.py INPUT.jsonl OUTPUT.jsonl

It hands both paths to ``tabadul.matching.bench_adapter.run(input_path, output_path)``,
which speaks the protocol of bench/README.md. While that module does not exist it exits
with status 3 and says so, and the runner reports the system as missing.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

NOT_AVAILABLE = 3
MODULE = "tabadul.matching.bench_adapter"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: tabadul_adapter.py INPUT.jsonl OUTPUT.jsonl", file=sys.stderr)
        return 2
    try:
        module = importlib.import_module(MODULE)
    except ModuleNotFoundError as error:
        if error.name not in {MODULE, "tabadul.matching", "tabadul"}:
            raise
        print(f"tabadul matching not available yet (no {MODULE})", file=sys.stderr)
        return NOT_AVAILABLE
    module.run(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
