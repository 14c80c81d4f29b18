#!/usr/bin/env bash
# Builds generated sites with kb and with Hugo, alternating runs, and
# prints a table: median wall time, CPU time and peak resident memory, and
# kb/Hugo. Sites come from the benchmark corpus generator, which writes the
# same content as a kb site and as a minimal Hugo site.
#
#   scripts/bench-build.sh [sizes] [runs]     e.g. scripts/bench-build.sh "1000 10000 100000" 3
#
# GENCORPUS (default ../shared/bench/gencorpus/main.go) is the generator;
# hugo is Debian's package. Every build after the first in a folder finds
# its output already present, as in day-to-day use; the first build into
# an empty folder is reported apart. kb's timed builds are full builds
# (config.toml is touched first, or kb would find nothing to do); its
# rebuild with nothing changed is reported apart too.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
runs=${2:-3}
gen=${GENCORPUS:-../shared/bench/gencorpus/main.go}
work=${BENCH_DIR:-$(mktemp -d)}
kb="$work/kb"
go build -o "$kb" ./cmd/kb

measure() { # prints "wall cpu peak_kb" for a command
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf "| pages | tool | first build (empty output) | median wall | median CPU | peak memory | kb / Hugo wall | kb / Hugo memory | rebuild, nothing changed |\n|---|---|---|---|---|---|---|---|---|\n"
for n in $sizes; do
  site="$work/site-$n"
  [ -d "$site" ] || go run "$gen" -n "$n" -out "$site" >/dev/null
  rm -rf "$site/public" "$site/hugo-public"
  kb_first=$(measure "$kb" build -source "$site" | cut -d' ' -f1)
  hugo_first=$(measure hugo --source "$site" --destination "$site/hugo-public" --quiet | cut -d' ' -f1)
  : > "$work/kb-$n"; : > "$work/hugo-$n"
  for _ in $(seq "$runs"); do
    touch "$site/config.toml"
    measure "$kb" build -source "$site" >> "$work/kb-$n"
    measure hugo --source "$site" --destination "$site/hugo-public" --quiet >> "$work/hugo-$n"
  done
  kb_again=$(measure "$kb" build -source "$site" | cut -d' ' -f1)
  for tool in kb hugo; do
    f="$work/$tool-$n"
    eval "${tool}_wall=$(cut -d' ' -f1 "$f" | median)"
    eval "${tool}_cpu=$(cut -d' ' -f2 "$f" | median)"
    eval "${tool}_mem=$(cut -d' ' -f3 "$f" | sort -g | tail -n 1)"
  done
  printf "| %s | kb | %s s | %s s | %s s | %d MiB | %.2f | %.2f | %s s |\n" "$n" "$kb_first" "$kb_wall" "$kb_cpu" $((kb_mem / 1024)) \
    "$(echo "$kb_wall / $hugo_wall" | bc -l)" "$(echo "$kb_mem / $hugo_mem" | bc -l)" "$kb_again"
  printf "| %s | Hugo | %s s | %s s | %s s | %d MiB | | | %s s |\n" "$n" "$hugo_first" "$hugo_wall" "$hugo_cpu" $((hugo_mem / 1024)) "$hugo_wall"
done
