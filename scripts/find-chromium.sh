#!/usr/bin/env bash
# Prints the path of a Chromium that the browser tests can drive (`npm test` runs this before any test):
#   1. CHROMIUM_PATH when set: it must be an executable that starts, or this stops naming it;
#   2. Debian's /usr/bin/chromium;
#   3. Playwright's own Chromium when one is already on disk (nothing is downloaded);
#   4. as root with apt-get: installs Debian's chromium (as .ci/run used to), then 2.
# Otherwise exits 1 with one line saying what to install. Only the path goes to standard output;
# progress and errors go to standard error.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's path; CHROMIUM_DEFAULT_PATH exists only so this script can be tested as on a machine without it.
default=${CHROMIUM_DEFAULT_PATH:-/usr/bin/chromium}
need="npm test needs Chromium: install Debian's (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary"

fail() {
  echo "$*" >&2
  exit 1
}

# The binary loads (its libraries are there) and answers; a second or so.
starts() {
  timeout 60 "$1" --headless --no-sandbox --version >/dev/null 2>&1
}

found() {
  echo "$1"
  exit 0
}

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ ! -f "$CHROMIUM_PATH" ] || [ ! -x "$CHROMIUM_PATH" ]; then
    fail "npm test: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; point it at a Chromium/Chrome binary or unset it to use Debian's /usr/bin/chromium"
  fi
  starts "$CHROMIUM_PATH" ||
    fail "npm test: CHROMIUM_PATH=$CHROMIUM_PATH does not start ('$CHROMIUM_PATH --headless --no-sandbox --version' failed); point it at a working Chromium/Chrome binary"
  found "$CHROMIUM_PATH"
fi

if [ -f "$default" ] && [ -x "$default" ]; then
  starts "$default" ||
    fail "npm test: $default does not start ('$default --headless --no-sandbox --version' failed); reinstall it (sudo apt-get install --reinstall chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary"
  found "$default"
fi

# Playwright's own browser, only if an earlier `playwright install` left it on disk.
bundled=$(node -e "process.stdout.write(require('@playwright/test').chromium.executablePath())" 2>/dev/null || true)
if [ -n "$bundled" ] && [ -x "$bundled" ] && starts "$bundled"; then
  found "$bundled"
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: no Chromium found; installing Debian's chromium with apt-get" >&2
  if apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; then
    if [ -x "$default" ] && starts "$default"; then
      found "$default"
    fi
    fail "npm test: apt-get installed chromium but $default does not start; set CHROMIUM_PATH to a Chromium/Chrome binary"
  fi
  fail "npm test: 'apt-get install chromium' failed (see above); $need"
fi

fail "$need"
