#!/usr/bin/env bash
# Checks that a change to kb's code changed none of its output: kb as of
# an older commit and kb in the working tree build the same sites into
# empty folders, and the two outputs must hold the same files with the
# same bytes. Only kb's bookkeeping files (.kb-*, which record the build's
# fingerprint) may differ.
#
# usage: scripts/byte-identity.sh OLD_COMMIT SITE...
#   A SITE is a folder (say, one written by the benchmark corpus
#   generator), or "repo": the repository's own site, which each side
#   builds from its own checkout, theme included. Exits 1 if any site's
#   outputs differ.
set -euo pipefail
old_rev=$1; shift
work=$(mktemp -d)
trap 'git worktree remove --force "$work/old-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/old-tree" "$old_rev" >/dev/null 2>&1
(cd "$work/old-tree" && go build -o "$work/kb-old" ./cmd/kb)
go build -o "$work/kb-new" ./cmd/kb
status=0
for site in "$@"; do
  old_src=$site new_src=$site
  if [ "$site" = repo ]; then old_src=$work/old-tree new_src=.; fi
  rm -rf "$work/old" "$work/new"
  "$work/kb-old" build -source "$old_src" -dest "$work/old" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  "$work/kb-new" build -source "$new_src" -dest "$work/new" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  files=$(find "$work/new" -type f ! -name '.kb-*' | wc -l)
  if diff -r -q -x '.kb-*' "$work/old" "$work/new"; then
    echo "same bytes: $site ($files files)"
  else
    echo "DIFFERENT: $site"
    status=1
  fi
done
exit $status
