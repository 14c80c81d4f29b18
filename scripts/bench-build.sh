#!/usr/bin/env bash
# Builds generated sites with kb and with Hugo, alternating runs, in the
# scenarios users live in, and prints one table: median wall time, median
# CPU time, peak resident memory, and kb / Hugo for each.
#
#   scripts/bench-build.sh [sizes] [runs]     e.g. scripts/bench-build.sh "1000 10000" 3
#
# Scenarios, each run once per round, kb and Hugo one after the other:
#   empty        an empty output folder and no cache: CI on a fresh clone
#   empty+cache  an empty output folder, .kb-cache/ kept from the round
#                before: CI that keeps only .kb-cache/ with actions/cache
#                (Hugo has no such cache; its figure is its empty build's)
#   edit         the output present, one article's text edited: the
#                preview of a build, and CI that keeps public/ with
#                .kb-cache/, as the Pages workflows do (Hugo's figure is
#                its build with its output present)
#   unchanged    kb only: nothing changed since the last build
#
# Sites come from the benchmark corpus generator (GENCORPUS, default
# ../shared/bench/gencorpus/main.go), the same pages as a kb site and as
# a minimal Hugo site; hugo is whatever is on PATH. HUGO=0 skips Hugo (at
# 100,000 pages it needs more memory than a small machine has).
#
# The sites and outputs live in BENCH_DIR, by default a folder in
# /dev/shm (memory) when there is one. A fresh CI machine creates files
# fast; a disk where tens of thousands of files were just deleted may not
# (ext4 without a journal skips recently freed inodes one by one when it
# allocates), and deleting the last output before each run would measure
# that instead of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
runs=${2:-3}
gen=${GENCORPUS:-../shared/bench/gencorpus/main.go}
hugo=${HUGO:-1}
if [ -z "${BENCH_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_DIR=$(mktemp -d /dev/shm/kb-bench.XXXXXX); else BENCH_DIR=$(mktemp -d); fi
fi
work=$BENCH_DIR
kb="$work/kb"
go build -o "$kb" ./cmd/kb
echo "kb $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hugo version 2>/dev/null | cut -d' ' -f1-2 || echo 'no hugo'), $(nproc) cores, in $work" >&2

measure() { # appends "wall cpu peak_kb" for a command to file $1
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time" >> "$out"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$2" "$1" | median; }
peak() { cut -d' ' -f3 "$1" | sort -g | tail -n 1; }

printf "| pages | scenario | kb wall | Hugo wall | kb / Hugo wall | kb CPU | Hugo CPU | kb peak memory | Hugo peak memory | kb / Hugo memory |\n|---|---|---|---|---|---|---|---|---|---|\n"
for n in $sizes; do
  site="$work/site-$n"
  [ -d "$site" ] || go run "$gen" -n "$n" -out "$site" >/dev/null
  article=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')
  for s in empty cache edit unchanged; do : > "$work/kb-$n-$s"; : > "$work/hugo-$n-$s"; done
  kbbuild=("$kb" build -source "$site")
  hugobuild=(hugo --source "$site" --destination "$site/hugo-public" --quiet)
  for r in $(seq "$runs"); do
    rm -rf "$site/public" "$site/.kb-cache"
    measure "$work/kb-$n-empty" "${kbbuild[@]}"
    rm -rf "$site/public"
    measure "$work/kb-$n-cache" "${kbbuild[@]}"
    if [ "$hugo" = 1 ]; then
      rm -rf "$site/hugo-public" "$site/resources" "$site/.hugo_build.lock"
      measure "$work/hugo-$n-empty" "${hugobuild[@]}"
    fi
    printf '\nEdited in round %s.\n' "$r" >> "$article"
    measure "$work/kb-$n-edit" "${kbbuild[@]}"
    [ "$hugo" = 1 ] && measure "$work/hugo-$n-edit" "${hugobuild[@]}"
    measure "$work/kb-$n-unchanged" "${kbbuild[@]}"
  done
  row() { # scenario label, kb file, hugo file
    local kw kc km hw hc hm
    kw=$(col "$2" 1); kc=$(col "$2" 2); km=$(peak "$2")
    if [ -s "$3" ]; then
      hw=$(col "$3" 1); hc=$(col "$3" 2); hm=$(peak "$3")
      printf "| %s | %s | %s s | %s s | %.2f | %s s | %s s | %d MiB | %d MiB | %.2f |\n" "$n" "$1" "$kw" "$hw" "$(echo "$kw / $hw" | bc -l)" "$kc" "$hc" $((km / 1024)) $((hm / 1024)) "$(echo "$km / $hm" | bc -l)"
    else
      printf "| %s | %s | %s s | | | %s s | | %d MiB | | |\n" "$n" "$1" "$kw" "$kc" $((km / 1024))
    fi
  }
  row "empty output, no cache" "$work/kb-$n-empty" "$work/hugo-$n-empty"
  row "empty output, .kb-cache kept" "$work/kb-$n-cache" "$work/hugo-$n-empty"
  row "output present, one article edited" "$work/kb-$n-edit" "$work/hugo-$n-edit"
  row "nothing changed" "$work/kb-$n-unchanged" /dev/null
  per_page=$(echo "$(col "$work/kb-$n-empty" 1) * 1000 / $n" | bc -l)
  printf "| %s | kb time per page, empty output | %.3f ms | | | | | | | |\n" "$n" "$per_page"
  rm -rf "$site/public" "$site/hugo-public"
done
