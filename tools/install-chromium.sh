#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its WebDriver (chromedriver) for the dashboard's end-to-end test
# (app/src/test/java/io/outsight/app/web/DashboardIT.java). Idempotent: does nothing when both are installed.
# Called by .ci/run; run it by hand on a Debian or Ubuntu machine. Selenium is pointed at /usr/bin/chromedriver, so
# nothing is ever downloaded at test time.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) and $("$CHROMEDRIVER" --version 2>/dev/null | cut -d' ' -f1-2) already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; install Chromium and chromedriver with your package manager so that" \
         "$CHROMIUM and $CHROMEDRIVER exist (or set CHROMIUM and CHROMEDRIVER to their paths)" >&2
    exit 1
fi

if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "install-chromium: installing packages needs root; run: sudo apt-get update && sudo apt-get install -y chromium chromium-driver fonts-liberation" >&2
        exit 1
    fi
else
    SUDO=()
fi

export DEBIAN_FRONTEND=noninteractive
# Install from the current lists first; refresh them only when that fails (stale or missing lists).
if ! "${SUDO[@]}" apt-get install -y chromium chromium-driver fonts-liberation; then
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" apt-get install -y chromium chromium-driver fonts-liberation
fi

if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER" ]]; then
    echo "install-chromium: the packages installed but $CHROMIUM or $CHROMEDRIVER is missing" >&2
    exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
