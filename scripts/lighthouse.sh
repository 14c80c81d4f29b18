#!/usr/bin/env bash
# Runs Lighthouse (npm lighthouse) with Debian's Chromium on the home page
# and an article, served as published, and prints the four category
# scores. Not part of CI: Lighthouse downloads nothing but is large and
# slow. Usage: scripts/lighthouse.sh [path-to-lighthouse-bin]
set -euo pipefail
cd "$(dirname "$0")/.."
lh=${1:-node_modules/.bin/lighthouse}
port=8932
tmp=$(mktemp -d)
go run ./cmd/kb build -base-url "http://127.0.0.1:$port/" -dest "$tmp/site" >/dev/null
( cd "$tmp/site" && exec python3 -m http.server "$port" --bind 127.0.0.1 ) >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
export CHROME_PATH=$(command -v chromium)
for page in "" roles/cto/ roles/cto-vs-vp-engineering/; do
  "$lh" "http://127.0.0.1:$port/$page" --quiet --output=json --output-path="$tmp/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories;
    console.log(`/${process.argv[2]}: performance ${Math.round(c.performance.score*100)}, accessibility ${Math.round(c.accessibility.score*100)}, best practices ${Math.round(c["best-practices"].score*100)}, SEO ${Math.round(c.seo.score*100)}`);
  ' "$tmp/report.json" "$page"
done
