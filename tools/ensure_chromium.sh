#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, for the browser tests
# (tests/test_browser.py drives it with Playwright; Playwright's own browser
# downloads are not used). Installs the `chromium` package with apt-get if it
# is missing. Non-interactive: safe in CI.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: $CHROMIUM is missing and apt-get is not available;" \
         "install Chromium with this system's package manager" >&2
    exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo -n)  # never prompts: fails instead of waiting for a password
    else
        echo "ensure_chromium: $CHROMIUM is missing, and installing it needs root" \
             "(not root, and no sudo): run \`apt-get install chromium\` as root" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure_chromium: installing Debian's chromium package" >&2
if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
   || ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q chromium; then
    echo "ensure_chromium: apt-get could not install chromium" >&2
    exit 1
fi

if [[ ! -x "$CHROMIUM" ]]; then
    echo "ensure_chromium: the chromium package is installed but $CHROMIUM is not there" >&2
    exit 1
fi
