"""The screening's hot modules, compiled, where a build of exactly these sources exists.

The name analysis and the scorer are plain, typed Python. ``python -m tabadul._build_native``
(run by the setup, ``scripts/_venv.sh``) compiles the modules in :data:`HOT` with
mypyc, which ships with mypy, into ``<environment>/tabadul-native/<python tag>/``, with
a manifest naming the files and a fingerprint of the sources they were compiled from.
The compiled modules give the same answers (``tests/test_native.py``;
``bench/scorer_equivalence.py``) about 1.4-1.5 times faster (bench/README.md).

At ``import tabadul`` (before any hot module is imported), :func:`activate` reads the
manifest and, only when its fingerprint is that of the sources beside it now, puts an
import finder first on ``sys.meta_path`` that loads those modules from the compiled
files. A source edited since the build therefore never runs as its stale compiled
self: the whole set falls back to Python until the setup compiles it again. Where the
build could not run (no C compiler, no Python headers) the package is pure Python, as
it is with ``TABADUL_NATIVE=0`` in the environment.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = [
    "HOT",
    "Status",
    "activate",
    "compiled_now",
    "fingerprint",
    "native_dir",
    "read_manifest",
    "source_of",
    "status",
]

# Compiled together, in this order (a compiled module calls another compiled one
# directly). Nothing here may be replaced at run time (a test patching a function in
# a compiled module would patch the module's dictionary, which compiled code skips).
HOT = (
    "tabadul.names.script",
    "tabadul.names._latin",
    "tabadul.names._arabic",
    "tabadul.names._particles",
    "tabadul.names.analysis",
    "tabadul.matching.features",
    "tabadul.matching.names",
    "tabadul.matching.scoring",
)
MANIFEST = "manifest.json"
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # the folder holding tabadul/


def source_of(module: str, root: Path = _PACKAGE_ROOT) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def fingerprint(root: Path = _PACKAGE_ROOT) -> str:
    """What a compiled build must have been made from: the hot modules' sources and
    this interpreter's version and ABI."""
    digest = hashlib.sha256()
    digest.update(f"{sys.implementation.cache_tag} {sys.version}\n".encode())
    for module in HOT:
        digest.update(f"{module}\n".encode())
        digest.update(source_of(module, root).read_bytes())
    return digest.hexdigest()


def native_dir() -> Path:
    """Where the setup puts the compiled modules for this environment and Python
    (``TABADUL_NATIVE_DIR`` names another folder: the build checks its new build so)."""
    chosen = os.environ.get("TABADUL_NATIVE_DIR", "").strip()
    if chosen:
        return Path(chosen)
    return Path(sys.prefix) / "tabadul-native" / sys.implementation.cache_tag


@dataclass(frozen=True)
class Status:
    active: bool
    reason: str  # why not, or where from

    def __str__(self) -> str:
        return ("compiled: " if self.active else "pure Python: ") + self.reason


_status = Status(False, "not looked for yet")


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled files of the modules a manifest names, and no other."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def read_manifest(where: Path, root: Path = _PACKAGE_ROOT) -> tuple[dict[str, Path] | None, str]:
    """The compiled files in ``where`` by module name, when they are a build of the
    sources in ``root`` as they are now; else ``None`` and why not."""
    manifest = where / MANIFEST
    if not manifest.is_file():
        return None, f"no compiled build in {where} (python -m tabadul._build_native makes one)"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        built_from = str(data["fingerprint"])
        files = {str(name): where / str(file) for name, file in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, f"unreadable manifest {manifest}: {exc}"
    if built_from != fingerprint(root):
        return None, "the compiled build is of other sources; run python -m tabadul._build_native"
    missing = [str(file) for file in files.values() if not file.is_file()]
    if missing or not set(HOT) <= files.keys():
        return None, f"the compiled build in {where} is incomplete"
    return files, f"{len(HOT)} modules from {where}"


def activate() -> Status:
    """Load the hot modules compiled when an up-to-date build exists (once; called by
    ``import tabadul``). Too late, and refused, once any of them is imported."""
    global _status
    if any(isinstance(f, _CompiledFinder) for f in sys.meta_path):
        return _status
    if os.environ.get("TABADUL_NATIVE", "1").strip().lower() in {"0", "no", "false", "off"}:
        _status = Status(False, "switched off (TABADUL_NATIVE=0)")
        return _status
    if any(module in sys.modules for module in HOT):
        _status = Status(False, "a hot module was imported before tabadul")
        return _status
    files, reason = read_manifest(native_dir())
    if files is not None:
        sys.meta_path.insert(0, _CompiledFinder(files))
    _status = Status(files is not None, reason)
    return _status


def status() -> Status:
    """Whether the hot modules run compiled, and why (or why not)."""
    return _status


def compiled_now() -> list[str]:
    """The hot modules imported so far that run compiled."""
    return [
        module
        for module in HOT
        if module in sys.modules
        and not str(getattr(sys.modules[module], "__file__", "")).endswith(".py")
    ]
