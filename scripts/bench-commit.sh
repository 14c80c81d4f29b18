#!/usr/bin/env bash
# Times what the output folder's commit costs: two kb binaries (say, before
# and after a change to how builds write their output) on the same sites,
# alternating, in the scenarios CI and authors live in:
#   empty   - a build into an empty folder (every CI run);
#   all     - every page changed (the base URL alternates), so every file
#             is replaced;
#   one     - one article's text edited.
# It also times a hard-linked copy of the output (cp -al), the least an
# atomic swap of whole folders would add to every build.
#
# usage: scripts/bench-commit.sh OLD_KB NEW_KB RUNS SITE...
#   (sites as written by the benchmark corpus generator)
set -euo pipefail
old=$1 new=$2 runs=$3; shift 3
now() { date +%s.%N; }
t() { local s; s=$(now); "$@" >/dev/null 2>&1; echo "$(now) - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
backup=$(mktemp)
trap 'rm -f "$backup"' EXIT
for site in "$@"; do
  n=$(find "$site/content" -name '*.md' | wc -l)
  article=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | awk 'NR==1')
  cp "$article" "$backup"
  declare -A res=()
  for run in $(seq "$runs"); do
    for which in old new; do
      bin=${!which}
      out=$(mktemp -d)/public
      res[$which-empty]+="$(t "$bin" build -source "$site" -dest "$out" -base-url http://a.example/)"$'\n'
      res[$which-all]+="$(t "$bin" build -source "$site" -dest "$out" -base-url http://b.example/)"$'\n'
      echo "edit $run $which" >> "$article"
      res[$which-one]+="$(t "$bin" build -source "$site" -dest "$out" -base-url http://b.example/)"$'\n'
      cp "$backup" "$article"
      if [ "$which" = new ]; then
        res[cp-al]+="$(t cp -al "$out" "$out.next")"$'\n'
      fi
      rm -rf "$(dirname "$out")"
    done
  done
  echo "== $site ($n Markdown files), medians of $runs runs, seconds"
  printf '%-8s %8s %8s %8s\n' scenario old new new/old
  for s in empty all one; do
    o=$(printf '%s' "${res[old-$s]}" | median); w=$(printf '%s' "${res[new-$s]}" | median)
    printf '%-8s %8s %8s %8.2f\n' "$s" "$o" "$w" "$(echo "$w / $o" | bc -l)"
  done
  echo "cp -al of the output: $(printf '%s' "${res[cp-al]}" | median) s"
  unset res
done
