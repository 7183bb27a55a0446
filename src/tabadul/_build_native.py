"""Compile the screening's hot modules (tabadul._native.HOT) with mypyc for this
environment, unless an up-to-date build is there already. Run by the setup
(scripts/_venv.sh); an installation made with pip runs it once after installing, with
the ``native`` extra (mypy, setuptools), a C compiler and the Python headers:

    python -m tabadul._build_native [--force] [--strict]

It compiles the sources of the tabadul it imports, wherever they are (a checkout, or
site-packages). It never fails a setup: where the build cannot run (no mypyc, no C
compiler, no Python headers) it says so and tabadul runs as plain Python, slower and
otherwise the same. Exit status 0 in every such case; 1 only with --strict.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from tabadul import _native

# The folder holding the tabadul package being compiled (``src`` in a checkout).
SRC = Path(_native.__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the build fails")
    args = parser.parse_args()
    target = _native.native_dir()
    files, _ = _native.read_manifest(target)
    if files is not None and not args.force:
        print(f"tabadul native build: compiled modules up to date in {target}")
        return 0
    started = time.perf_counter()
    try:
        built = build(target.parent)
    except BuildFailed as exc:
        print(
            f"tabadul native build: not compiled ({exc}); tabadul runs as pure Python (slower)",
            file=sys.stderr,
        )
        return 1 if args.strict else 0
    if target.exists():
        shutil.rmtree(target)
    built.rename(target)
    print(
        f"tabadul native build: {len(_native.HOT)} modules compiled into {target} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


class BuildFailed(Exception):
    pass


def build(parent: Path) -> Path:
    """Compile into a new folder under ``parent`` and check it loads; that folder."""
    if not Path(sysconfig.get_paths()["include"], "Python.h").is_file():
        raise BuildFailed("no Python headers (Debian: apt install python3-dev)")
    try:
        import mypyc  # noqa: F401  (only whether it is there)
    except ImportError:
        raise BuildFailed("mypyc is not installed (it comes with mypy)") from None
    parent.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix=".build-", dir=parent))
    work = Path(tempfile.mkdtemp(prefix="tabadul-native-"))
    try:
        # Compiled from a copy of the package's Python files: what is fingerprinted is
        # what is compiled, even if a source is edited meanwhile (the build is then of
        # other sources, and not used), and mypy reads the package from a folder of
        # its own (it refuses site-packages as a source folder).
        copy = work / "src"
        shutil.copytree(
            SRC / "tabadul", copy / "tabadul", ignore=_not_python, ignore_dangling_symlinks=True
        )
        fingerprint = _native.fingerprint(copy)
        sources = [str(_native.source_of(module, copy)) for module in _native.HOT]
        # In a folder of its own: setuptools would read the project's pyproject.toml.
        run = subprocess.run(
            [sys.executable, "-c", _SETUP, str(out), str(work / "tmp"), *sources],
            cwd=work,
            env={**os.environ, "MYPYPATH": str(copy)},
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise BuildFailed(f"the compilation failed:\n{_tail(run.stdout + run.stderr, 15)}\n")
        suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
        files = {}
        for so in out.rglob("*" + suffix):
            relative = so.relative_to(out)
            module = ".".join((*relative.parent.parts, so.name[: -len(suffix)]))
            files[module] = str(relative)
        if not set(_native.HOT) <= files.keys():
            raise BuildFailed(f"the compilation made {sorted(files)}, not every hot module")
        manifest = {"fingerprint": fingerprint, "files": files, "mypy": _mypy_version()}
        (out / _native.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _check_loads(out)
        return out
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
out, temp, *sources = sys.argv[1:]
setup(
    name="tabadul-native",
    packages=[],
    py_modules=[],
    ext_modules=mypycify(sources, opt_level="3"),
    script_args=["build_ext", "--build-lib", out, "--build-temp", temp],
)
"""

# Imports every hot module from the new build in a fresh interpreter and analyses and
# scores one pair, so that a build that does not load is never put in place.
_CHECK = """
import importlib
from tabadul import _native
for module in _native.HOT:
    importlib.import_module(module)
from tabadul.domain.enums import NameKind
from tabadul.matching.scoring import Candidate, Query, score
from tabadul.names import analyze
assert _native.status().active, _native.status()
assert _native.compiled_now() == list(_native.HOT), _native.compiled_now()
scored = score(
    Query(analyze("\u0645\u062d\u0645\u062f \u0648\u0644\u062f \u0627\u0644\u0634\u064a\u062e")),
    Candidate([(analyze("OULD CHEIKH, Mohamed"), NameKind.PRIMARY)]),
)
assert scored.hit, scored
"""


def _check_loads(out: Path) -> None:
    env = {**os.environ, "TABADUL_NATIVE": "1", "TABADUL_NATIVE_DIR": str(out)}
    run = subprocess.run(
        [sys.executable, "-c", _CHECK], env=env, capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        raise BuildFailed(f"the compiled modules do not load:\n{_tail(run.stderr, 8)}\n")


def _not_python(folder: str, names: list[str]) -> set[str]:
    """What the copy leaves out: everything but folders, Python files and py.typed."""
    return {
        name
        for name in names
        if not (name.endswith(".py") or name == "py.typed" or Path(folder, name).is_dir())
        or name == "__pycache__"
    }


def _tail(output: str, lines: int) -> str:
    """The last lines of a subprocess's output: where a compiler or traceback says why."""
    return "\n".join(output.strip().splitlines()[-lines:])


def _mypy_version() -> str:
    try:
        from mypy.version import __version__
    except ImportError:
        return "?"
    return str(__version__)


if __name__ == "__main__":
    raise SystemExit(main())
