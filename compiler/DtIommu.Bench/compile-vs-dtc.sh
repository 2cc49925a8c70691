#!/usr/bin/env bash
# Times dtiommu against dtc in the same run: synthetic trees (shared/bench/gen_synth.py) and, when a corpus built
# by shared/corpus/linux-boards.sh exists, every Linux board. Prints wall seconds and peak memory side by side.
# Usage: compile-vs-dtc.sh [--full] [--corpus DIR] [--runs N]
#   --full     also time dtc on 100k nodes (dtc needs about 20 minutes there)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd); shared=$(cd "$repo/../shared" && pwd)
full=0; corpus=""; runs=3
while [ $# -gt 0 ]; do
  case $1 in --full) full=1;; --corpus) corpus=$2; shift;; --runs) runs=$2; shift;; *) echo "unknown option $1" >&2; exit 2;; esac
  shift
done
command -v dtc >/dev/null || { echo "dtc not installed (apt-get install device-tree-compiler)" >&2; exit 2; }
dotnet build "$repo/compiler/DtIommu.Cli" -c Release -v q -nologo >/dev/null
ours="$repo/compiler/DtIommu.Cli/bin/Release/net10.0/dtiommu"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# median wall time (s) and max RSS (MB) of $runs runs of a command
measure() {
  local times=() rss=0 t m
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/t"; times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s %d\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" $((rss / 1024))
}

printf '%-22s %12s %10s %12s %10s %8s %s\n' input "dtiommu s" "MB" "dtc s" "MB" ratio identical
for n in 10000 20000 100000; do
  python3 "$shared/bench/gen_synth.py" $n > "$work/s$n.dts"
  read -r ot om < <(measure "$ours" -q -O dtb -o "$work/ours.dtb" "$work/s$n.dts")
  if [ $n -le 20000 ] || [ $full = 1 ]; then
    read -r dt dm < <(runs=1 measure dtc -q -O dtb -o "$work/dtc.dtb" "$work/s$n.dts")
    same=$(cmp -s "$work/ours.dtb" "$work/dtc.dtb" && echo yes || echo NO)
    ratio=$(echo "scale=3; $dt / $ot" | bc)
  else
    dt="skipped"; dm=0; ratio="-"; same="-"
  fi
  printf '%-22s %12s %10s %12s %10s %8s %s\n' "gen_synth $n" "$ot" "$om" "$dt" "$dm" "$ratio" "$same"
done

if [ -n "$corpus" ] && [ -d "$corpus/pre" ]; then
  list="$work/boards"; awk -F'\t' '$3==0 {print $1"\t"$2"\t"$4}' "$corpus/index.tsv" > "$list"
  src=$(ls -d "$corpus"/src/linux-source-*)
  run_all() {
    while IFS=$'\t' read -r arch name path; do
      "$1" -q -O dtb -o /dev/null -b 0 -i "$src/arch/$(dirname "${path#./}")" -i "$src/scripts/dtc/include-prefixes" "$corpus/pre/$arch/$name.dts" >/dev/null 2>&1 || true
    done < "$list"
  }
  export -f run_all
  s=$(date +%s.%N); run_all "$ours"; e=$(date +%s.%N); ot=$(echo "$e - $s" | bc)
  s=$(date +%s.%N); run_all dtc; e=$(date +%s.%N); dt=$(echo "$e - $s" | bc)
  printf '%-22s %12.1f %10s %12.1f %10s %8.3f %s\n' "corpus ($(wc -l < "$list") boards)" "$ot" "-" "$dt" "-" "$(echo "scale=3; $dt / $ot" | bc)" "see compare.sh"
fi
