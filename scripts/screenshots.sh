#!/usr/bin/env bash
# Takes the README's screenshots of the site with headless Chromium: the
# home page, an article and a comparison page, in light and dark, at
# desktop and phone width. Run from the repository root after changing the
# theme; it writes docs/screenshots/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
port=8931
out=docs/screenshots
mkdir -p "$out"
go build -o "${TMPDIR:-/tmp}/kb-shots" ./cmd/kb
"${TMPDIR:-/tmp}/kb-shots" build -base-url "http://127.0.0.1:$port/" -dest "${TMPDIR:-/tmp}/kb-shots-site" >/dev/null
# The serve command would inject its live reload script; a plain static
# server shows the page as published.
( cd "${TMPDIR:-/tmp}/kb-shots-site" && exec python3 -m http.server "$port" --bind 127.0.0.1 ) >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

shot() { # name path width height dark
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars --user-data-dir="$(mktemp -d)" --window-size="$3,$4"
    --screenshot="$out/$1.png")
  [ "$5" = dark ] && flags+=(--force-dark-mode)
  chromium "${flags[@]}" "http://127.0.0.1:$port/$2" 2>/dev/null
}
shot home-desktop-light "" 1280 900 light
shot home-phone-dark "" 390 844 dark
shot article-desktop-dark roles/cto/ 1280 900 dark
shot article-phone-light roles/cto/ 390 844 light
shot comparison-desktop-light roles/cto-vs-vp-engineering/ 1280 900 light
shot comparison-phone-dark roles/cto-vs-vp-engineering/ 390 844 dark
ls -1 "$out"
