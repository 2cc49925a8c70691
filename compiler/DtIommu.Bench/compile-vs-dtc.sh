#!/usr/bin/env bash
# Times dtiommu against dtc in the same run, as Kbuild calls them (one process per board), and prints our time,
# dtc's time and the ratio (ours / dtc: below 1 means faster than dtc):
#   start-up    : `-v` and a one-property tree, mean over many runs
#   corpus      : every Linux board of a corpus directory (index.tsv, pre/ARCH/BOARD.dts preprocessed as Kbuild does,
#                 src/linux-source-*/ for the include paths), one process per board,
#                 sequential and N-way parallel, in --slices S slices (20) each timed for both compilers in turn;
#                 then dtiommu --batch (all boards in one process) against dtc
#   per board   : with --per-board K, every K-th board timed alone (20 runs each): the spread of our/dtc CPU ratios
#                 and the boards where we are slowest
#   memory      : peak RSS on the largest board
#   synthetic   : generated trees (only with --synth GENERATOR: a script that prints a DTS of N labelled nodes
#                 when run as `GENERATOR N`)
# Wall times are what a user waits for; CPU (user+sys) is shown too because other work on the machine inflates
# wall time for both compilers alike. Run `uptime` alongside and quote it.
# Usage: compile-vs-dtc.sh [--ours PATH] [--dtc PATH] [--corpus DIR] [--jobs N] [--runs N] [--slices S] [--per-board K]
#                          [--synth GENERATOR [--full]]
#   --ours   the dtiommu to time (default: publish the native binary into a temporary directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
ours=""; dtc=$(command -v dtc || true); corpus="$HOME/.cache/dtiommu-corpus"; jobs=$(nproc); runs=200; synth=""; full=0; perboard=0
slices=20
while [ $# -gt 0 ]; do
  case $1 in
    --ours) ours=$2; shift;; --dtc) dtc=$2; shift;; --corpus) corpus=$2; shift;; --jobs) jobs=$2; shift;;
    --runs) runs=$2; shift;; --slices) slices=$2; shift;; --synth) synth=$2; shift;; --full) full=1;; --per-board) perboard=$2; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift
done
[ -n "$dtc" ] || { echo "dtc not installed (apt-get install device-tree-compiler)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -z "$ours" ]; then
  dotnet publish "$repo/compiler/DtIommu.Cli" -c Release -p:DtIommuNative=true -o "$work/native" -v q -nologo >/dev/null
  ours="$work/native/dtiommu"
fi
echo "ours: $ours"; echo "dtc:  $dtc ($("$dtc" -v))"; echo "load: $(uptime)"

# Runs "$@" and prints "wall cpu" in seconds (cpu = user + sys of everything it waited for), to the millisecond:
# bash's own timer (GNU time prints hundredths, too coarse for a few runs of a small board).
timed() {
  local TIMEFORMAT='%3R %3U %3S'
  { time "$@" >/dev/null 2>&1; } 2> "$work/t" || true
  awk '{printf "%.4f %.4f\n", $1, $2 + $3}' "$work/t"
}
row() { # label, our wall, our cpu, dtc wall, dtc cpu, unit scale
  awk -v l="$1" -v ow="$2" -v oc="$3" -v dw="$4" -v dc="$5" -v s="$6" -v u="$7" 'BEGIN { if (s ~ /\//) { split(s, q, "/"); s = q[1] / q[2] }
    printf "%-34s %10.2f %10.2f %10.2f %10.2f %8.2fx %8.2fx  %s\n", l, ow*s, oc*s, dw*s, dc*s, ow/dw, oc/dc, u }'
}
printf '%-34s %10s %10s %10s %10s %9s %9s\n' case "ours wall" "ours cpu" "dtc wall" "dtc cpu" "wall" "cpu"

# Start-up: the same command line $runs times in one xargs, so the shell's own cost is not counted.
printf '/dts-v1/;\n/ { a = <1>; };\n' > "$work/one.dts"
startup() { # label, arguments
  awk -v a="$2" -v n="$runs" 'BEGIN { for (i = 0; i < n; i++) print a }' > "$work/lines"
  read -r ow oc < <(timed xargs -L 1 "$ours" < "$work/lines")
  read -r dw dc < <(timed xargs -L 1 "$dtc" < "$work/lines")
  row "$1" "$ow" "$oc" "$dw" "$dc" "1000/$runs" "ms per run"
}
startup "start-up: -v" "-v"
startup "start-up: one-property tree" "-O dtb -o /dev/null $work/one.dts"

if [ -d "$corpus/pre" ]; then
  src=$(ls -d "$corpus"/src/linux-source-* | head -n 1)
  # One dtc command line per board that dtc compiles, as Linux's Makefile.lib passes them.
  awk -F'\t' '$3==0 {print $1"\t"$2"\t"$4}' "$corpus/index.tsv" | while IFS=$'\t' read -r arch name path; do
    echo "-q -O dtb -o /dev/null -b 0 -i $src/arch/$(dirname "${path#./}") -i $src/scripts/dtc/include-prefixes $corpus/pre/$arch/$name.dts"
  done > "$work/boards"
  n=$(wc -l < "$work/boards")
  # The corpus in slices, each timed for dtiommu and then for dtc: the two share the machine's drift (whole runs
  # minutes apart have differed by a fifth), and the sums are the whole corpus.
  split -n l/"$slices" "$work/boards" "$work/slice."
  interleaved() { # xargs options: prints "our wall, our cpu, dtc wall, dtc cpu" summed over the slices
    local sums="0 0 0 0" o d
    for slice in "$work"/slice.*; do
      o=$(timed xargs "$@" -L 1 "$ours" < "$slice"); d=$(timed xargs "$@" -L 1 "$dtc" < "$slice")
      sums=$(echo "$sums $o $d" | awk '{ printf "%.4f %.4f %.4f %.4f", $1 + $5, $2 + $6, $3 + $7, $4 + $8 }')
    done
    echo "$sums"
  }
  read -r ow oc sw sc < <(interleaved)
  row "corpus, $n boards, sequential" "$ow" "$oc" "$sw" "$sc" 1 "s"
  read -r ow oc dw dc < <(interleaved -P "$jobs")
  row "corpus, $jobs in parallel" "$ow" "$oc" "$dw" "$dc" 1 "s"
  read -r ow oc < <(timed "$ours" --batch "$work/boards")
  row "corpus, ours --batch" "$ow" "$oc" "$sw" "$sc" 1 "s (against dtc sequential)"
  if [ "$perboard" -gt 0 ]; then
    awk -v k="$perboard" 'NR % k == 0' "$work/boards" > "$work/sample"
    while read -r line; do
      for _ in $(seq 20); do printf '%s\n' "$line"; done > "$work/runs"
      read -r _ oc < <(timed xargs -L 1 "$ours" < "$work/runs")
      read -r _ dc < <(timed xargs -L 1 "$dtc" < "$work/runs")
      echo "$oc $dc ${line##* }"
    done < "$work/sample" | awk '{ r = ($2 > 0) ? $1 / $2 : 0; printf "%.3f %.2f %.2f %s\n", r, $1 * 50, $2 * 50, $3 }' | sort -n > "$work/ratios"
    awk '{ r[NR] = $1 } END { printf "%-34s %d boards: median %.2fx, 90th percentile %.2fx, max %.2fx (CPU, ours/dtc)\n", "per board (every '"$perboard"'th)", NR, r[int((NR + 1) / 2)], r[int(NR * 0.9 + 0.5)], r[NR] }' "$work/ratios"
    tail -n 5 "$work/ratios" | awk '{ printf "   slowest: %5.2fx  ours %6.2f ms  dtc %6.2f ms  %s\n", $1, $2, $3, $4 }'
  fi
  largest=$(find "$corpus/pre" -name '*.dts' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)
  args="-q -O dtb -o /dev/null -b 0 -i $src/scripts/dtc/include-prefixes $largest"
  /usr/bin/time -f "%M" -o "$work/m1" "$ours" $args >/dev/null 2>&1 || true
  /usr/bin/time -f "%M" -o "$work/m2" "$dtc" $args >/dev/null 2>&1 || true
  awk -v o="$(cat "$work/m1")" -v d="$(cat "$work/m2")" -v f="$(basename "$largest")" \
    'BEGIN { printf "%-34s %10.1f %10s %10.1f %10s %8.2fx %9s  MB peak RSS\n", "largest board (" f ")", o/1024, "", d/1024, "", o/d, "" }'
else
  echo "no corpus at $corpus (pass --corpus DIR: index.tsv, pre/ARCH/BOARD.dts and src/linux-source-*/)"
fi

if [ -n "$synth" ]; then
  for n in 10000 20000 100000; do
    "$synth" $n > "$work/s$n.dts"
    read -r ow oc < <(timed "$ours" -q -O dtb -o "$work/ours.dtb" "$work/s$n.dts")
    if [ $n -le 20000 ] || [ $full = 1 ]; then
      read -r dw dc < <(timed "$dtc" -q -O dtb -o "$work/dtc.dtb" "$work/s$n.dts")
      row "gen_synth $n" "$ow" "$oc" "$dw" "$dc" 1 "s, identical: $(cmp -s "$work/ours.dtb" "$work/dtc.dtb" && echo yes || echo NO)"
    else
      printf '%-34s %10.2f %10.2f %10s\n' "gen_synth $n" "$ow" "$oc" "(dtc skipped: ~20 min)"
    fi
  done
fi
echo "load: $(uptime)"
