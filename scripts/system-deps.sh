#!/usr/bin/env bash
# Install the system packages the tests use, when missing: tmux (end-to-end
# tests in a real terminal), xclip and Xvfb (clipboard tests), chromium and
# fonts-noto-cjk (the reader served to a headless browser, with a Japanese
# monospace font; about 20 s more on a fresh machine).  Needs root and apt-get;
# elsewhere it says what is missing and goes on (those tests skip).
set -euo pipefail
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v xclip >/dev/null 2>&1 || need+=(xclip)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
    echo "missing system packages (tests that need them will skip): ${need[*]}" >&2
fi
