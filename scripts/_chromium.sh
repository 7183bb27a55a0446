# Shared by scripts/test and scripts/screenshots: make sure Debian's chromium, the
# browser that the browser tests and the screenshots drive, is installed. It comes from
# the distribution's packages (apt), never downloaded by Playwright or by hand.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "the browser tests need Debian's chromium: install it as root with" \
      "'apt-get install chromium' (it provides /usr/bin/chromium)" >&2
    exit 2
  fi
  echo "installing Debian's chromium for the browser tests (apt-get install chromium) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get install -y -qq chromium >/dev/null 2>&1; then
    # a fresh machine may have no package lists yet
    "${as_root[@]}" apt-get update -qq >/dev/null
    "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "apt-get installed no /usr/bin/chromium; install Debian's 'chromium' package" >&2
    exit 2
  fi
fi
