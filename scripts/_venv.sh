# Shared by scripts/demo and scripts/test: make .venv with Python 3.11+ and install
# the project into it (with the extras named in $1, if any).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "tabadul needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
# The web interface's fonts come from the npm registry (package.json, package-lock.json)
# into ./node_modules, from where tabadul serves them itself.
if ! command -v npm >/dev/null 2>&1; then
  echo "tabadul needs Node.js's npm to install the web interface's fonts (Debian: apt install npm)" >&2
  exit 2
fi
npm ci --no-audit --no-fund --loglevel=error >/dev/null
# "native": mypyc (with mypy) and setuptools, to compile the screening's hot modules
spec=".[native]"
[ -n "${1:-}" ] && spec=".[native,$1]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
# Compile them (tabadul/_native.py); where that cannot be done, tabadul says so and
# runs as pure Python. About 40 s, and only when the hot modules' sources changed.
.venv/bin/python -m tabadul._build_native
