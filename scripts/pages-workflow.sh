#!/usr/bin/env bash
# Runs the build job of .github/workflows/pages.yml the way GitHub runs it,
# to prove that it passes before a push finds out: in a fresh clone that
# holds the working tree as it is now (uncommitted edits included), each
# run: step in order, with bash -eo pipefail, CI=true and GITHUB_ACTIONS=true,
# and none of our KB_* variables, so a step that passes only thanks to
# something this machine set up fails here too. The uses: steps are
# GitHub's own actions and are skipped; configure-pages' base URL is
# replaced by a project site's. Then it checks the site the upload step
# publishes (its path:).
#
# It understands the YAML the workflow uses: the build job's steps with
# name, id, uses, with and run (a one-line value or a | block). A step with
# env, if, shell or working-directory would run differently here than on
# GitHub, so it is an error rather than something to guess at.
#
# Usage: scripts/pages-workflow.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
workflow=.github/workflows/pages.yml
base_url=https://owner.github.io/repo
base_path=/repo/

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
work=$tmp/work
steps=$tmp/steps
mkdir -p "$steps" "$tmp/bin" "$tmp/runner-temp"
start=$SECONDS

# A fresh clone, then the working tree copied over it; the original's
# index, stash and branches are only read.
git clone --quiet --no-hardlinks "$repo" "$work"
git -C "$repo" ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do
    if [ -e "$repo/$f" ] || [ -L "$repo/$f" ]; then printf '%s\0' "$f"; fi
  done |
  tar -C "$repo" --null -T - -cf - | tar -C "$work" -xf -
git -C "$repo" ls-files -z --deleted |
  while IFS= read -r -d '' f; do rm -f "$work/$f"; done

# The build job's steps, one file per key: NN.name, NN.uses, NN.run.
awk -v dir="$steps" '
function indent(s) { match(s, /^ */); return RLENGTH }
function scalar(v) {
  sub(/[ \t]+$/, "", v)
  if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v); return v }
  if (v ~ /^\047.*\047$/) { v = substr(v, 2, length(v) - 2); gsub(/\047\047/, "\047", v); return v }
  sub(/[ \t]+#.*$/, "", v)
  return v
}
function put(key, v) { printf "%s", v > (dir "/" sprintf("%02d", n) "." key); close(dir "/" sprintf("%02d", n) "." key) }
function endblock() { if (inblock) { put("run", buf); inblock = 0 } }
function fail(msg) { print "pages-workflow: " FILENAME ":" NR ": " msg > "/dev/stderr"; bad = 1; exit 1 }
{
  line = $0
  if (inblock) {
    if (line ~ /^[ \t]*$/) { buf = buf "\n"; next }
    if (indent(line) > keyind) {
      if (blockind < 0) blockind = indent(line)
      buf = buf substr(line, blockind + 1) "\n"
      next
    }
    endblock()
  }
  if (line ~ /^[ \t]*(#.*)?$/) next
  ind = indent(line)
  text = substr(line, ind + 1)
  if (ind == 0) {
    if (text ~ /^env:/) fail("a workflow-level env: is not supported")
    injobs = (text ~ /^jobs:/); injob = 0; insteps = 0; next
  }
  if (!injobs) next
  if (jobind == 0) jobind = ind
  if (ind <= jobind) { injob = (ind == jobind && text ~ /^build:[ \t]*$/); insteps = 0; jkind = 0; next }
  if (!injob) next
  if (jkind == 0) jkind = ind
  if (ind == jkind && text !~ /^- /) {
    if (text ~ /^(env|container):/) fail("the build job'"'"'s " substr(text, 1, index(text, ":")) " is not supported")
    insteps = (text ~ /^steps:[ \t]*$/); stepind = -1; next
  }
  if (!insteps) next
  if (text ~ /^- /) {
    if (stepind < 0) stepind = ind
    if (ind == stepind) {
      n++
      text = substr(text, 3)
      sub(/^ +/, "", text)
      ind = length(line) - length(text)
      kind = ind
    }
  }
  if (ind != kind) next
  key = text; sub(/:.*/, "", key)
  val = text; sub(/^[^:]*:[ \t]*/, "", val)
  if (key == "name" || key == "uses") put(key, scalar(val))
  else if (key == "run") {
    if (val ~ /^\|[-+]?[ \t]*(#.*)?$/) { inblock = 1; keyind = kind; blockind = -1; buf = "" }
    else if (val ~ /^>/) fail("run: > blocks are not supported; use run: |")
    else put("run", scalar(val) "\n")
  }
  else if (key == "env" || key == "if" || key == "shell" || key == "working-directory" || key == "continue-on-error") fail("step " n ": " key ": is not supported; see the comment at the top of scripts/pages-workflow.sh")
}
END { if (!bad) endblock(); if (n == 0 && !bad) { print "pages-workflow: no steps found in the build job" > "/dev/stderr"; exit 1 } }
' "$workflow"

# GitHub's runners give passwordless sudo; as root we need none.
if ! command -v sudo >/dev/null 2>&1; then
  cat >"$tmp/bin/sudo" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do case $1 in -*) shift ;; *) break ;; esac; done
exec "$@"
EOF
  chmod +x "$tmp/bin/sudo"
fi

# What a step appended to $GITHUB_ENV reaches the steps after it, in both
# of the file's forms: NAME=value and NAME<<DELIMITER ... DELIMITER.
github_env() {
  local line name delim value
  while IFS= read -r line; do
    if [[ $line == *'<<'* && $line != *=* ]]; then
      name=${line%%<<*} delim=${line#*<<} value=
      while IFS= read -r line && [ "$line" != "$delim" ]; do value+=${value:+$'\n'}$line; done
      printf '%s=%s\0' "$name" "$value"
    elif [[ $line == *=* ]]; then
      printf '%s\0' "$line"
    fi
  done <"$tmp/github_env"
}
: >"$tmp/github_env"
: >"$tmp/github_path"

keep=(
  HOME="$HOME"
  GOPATH="$(go env GOPATH)"
  GOCACHE="$(go env GOCACHE)"
  GOMODCACHE="$(go env GOMODCACHE)"
)
# How this machine reaches the network (a runner has its own); without
# them a download can hang for minutes instead of failing.
for v in SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS HTTPS_PROXY HTTP_PROXY NO_PROXY https_proxy http_proxy no_proxy; do
  if [ -n "${!v:-}" ]; then keep+=("$v=${!v}"); fi
done

total=$(find "$steps" -name '*.name' -o -name '*.uses' -o -name '*.run' | sed 's/\.[a-z]*$//' | sort -u | wc -l)
removes_bookkeeping=false
failed=
for id in $(find "$steps" -type f | sed 's/\.[a-z]*$//' | sort -u); do
  i=${id##*/}
  name=
  [ -f "$id.name" ] && name=$(cat "$id.name")
  if [ -f "$id.uses" ]; then
    echo "== [$((10#$i))/$total] ${name:-Run $(cat "$id.uses")}: skipped (an action; it runs only on GitHub)"
    continue
  fi
  [ -f "$id.run" ] || continue
  sed -E "s|\\$\\{\\{ *steps\\.pages\\.outputs\\.base_url *\\}\\}|$base_url|g" "$id.run" >"$id.sh"
  [ -n "$name" ] || name="Run $(head -n 1 "$id.sh")"
  echo "== [$((10#$i))/$total] $name"
  if grep -q '\${{' "$id.sh"; then
    echo "-- FAILED: an expression other than steps.pages.outputs.base_url:"
    grep -n '\${{' "$id.sh"
    failed=$name
    break
  fi
  grep -q '\.kb-' "$id.sh" && removes_bookkeeping=true
  path=$tmp/bin
  while IFS= read -r p; do path=$p:$path; done <"$tmp/github_path"
  mapfile -d '' -t added < <(github_env)
  t=$SECONDS
  if (cd "$work" && env -i "${keep[@]}" PATH="$path:$PATH" \
      CI=true GITHUB_ACTIONS=true RUNNER_OS=Linux GITHUB_WORKSPACE="$work" \
      RUNNER_TEMP="$tmp/runner-temp" GITHUB_ENV="$tmp/github_env" \
      GITHUB_PATH="$tmp/github_path" GITHUB_OUTPUT="$tmp/runner-temp/output" \
      GITHUB_STEP_SUMMARY="$tmp/runner-temp/summary" \
      "${added[@]}" bash --noprofile --norc -eo pipefail "$id.sh"); then
    echo "-- ok ($((SECONDS - t))s)"
  else
    echo "-- FAILED (exit $?, $((SECONDS - t))s)"
    failed=$name
    break
  fi
done

if [ -z "$failed" ]; then
  # The folder upload-pages-artifact publishes: its path: in the workflow.
  out=$(awk '/uses: *actions\/upload-pages-artifact/ { f = 1; next } f && /^ *- / { exit } f && /^ *path:/ { sub(/^ *path: */, ""); print; exit }' "$workflow")
  out=${out:-public}
  echo "== the site in $out/"
  site=$work/$out
  problems=0
  if [ -f "$site/index.html" ]; then
    echo "ok: $out/index.html"
  else
    echo "FAILED: no $out/index.html"; problems=1
  fi
  if $removes_bookkeeping; then
    left=$(cd "$site" 2>/dev/null && find . -name '.kb-*')
    if [ -z "$left" ]; then
      echo "ok: no .kb-* file"
    else
      echo "FAILED: kb's bookkeeping would be published:"; echo "$left"; problems=1
    fi
  fi
  if [ -f "$site/index.html" ]; then
    links=$(grep -oE '(href|src)="/[^"]*"' "$site/index.html" || true)
    stray=$(grep -vF "=\"$base_path" <<<"$links" || true)
    if [ -n "$links" ] && [ -z "$stray" ]; then
      echo "ok: all $(wc -l <<<"$links") site links of index.html start with $base_path"
    else
      echo "FAILED: links of index.html outside $base_path:"; echo "${stray:-(no site links at all)}"; problems=1
    fi
  fi
  [ "$problems" = 0 ] || failed="the checks of $out/"
fi

if [ -n "$failed" ]; then
  echo "pages-workflow: FAILED at $failed ($((SECONDS - start))s)"
  exit 1
fi
echo "pages-workflow: ok ($((SECONDS - start))s)"
