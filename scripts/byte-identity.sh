#!/usr/bin/env bash
# Checks that a change to kb's code changed none of its output: two kb
# binaries (say, built before and after a refactoring) build the same sites
# into empty folders, and the two outputs must hold the same files with the
# same bytes. Only kb's bookkeeping files (.kb-*, which record the build's
# fingerprint) may differ.
#
# usage: scripts/byte-identity.sh OLD_KB NEW_KB SITE...
#   e.g. the repository itself (.) and sites written by the benchmark
#   corpus generator. Exits 1 on the first site whose outputs differ.
set -euo pipefail
old=$1 new=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for site in "$@"; do
  rm -rf "$work/old" "$work/new"
  "$old" build -source "$site" -dest "$work/old" >/dev/null 2>"$work/err"
  "$new" build -source "$site" -dest "$work/new" >/dev/null 2>"$work/err"
  files=$(find "$work/new" -type f ! -name '.kb-*' | wc -l)
  if diff -r -q -x '.kb-*' "$work/old" "$work/new"; then
    echo "same bytes: $site ($files files)"
  else
    echo "DIFFERENT: $site"
    status=1
  fi
done
exit $status
