#!/usr/bin/env bash
# Differential check of dtc's checks over a Linux corpus (every board preprocessed to CORPUS/pre/<arch>/<board>.dts): per board, the
# set of (check name, node path) pairs reported by dtiommu must equal the set Debian's dtc reports.
# Usage: corpus-check-pairs.sh CORPUS DTIOMMU [MAX_BOARDS]
# Debian's dtc is 1.6.1; dtiommu follows 1.8.1, which changed four checks (interrupt_provider no longer wants
# #address-cells and flags #interrupt-cells on non-providers; interrupt_map is new; graph_child_address is off by
# default; avoid_unnecessary_addr_size accepts dma-ranges). Pairs of those checks are counted apart and do not fail a board.
# Prints one line per board that differs (first 40), a count per check name of the pairs only one side reports,
# and "N passed, M failed".
set -u
corpus=$1 ours=$2 max=${3:-0}
src=$(ls -d "$corpus"/src/linux-source-*)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
changed='^(interrupt_provider|interrupt_map|graph_child_address|avoid_unnecessary_addr_size) '
extract() { sed -nE 's/^.*(Warning|ERROR) \(([a-z0-9_]+)\): (\/[^: ]*).*$/\2 \3/p' "$1" | sort -u; }
pass=0 fail=0 shown=0 n=0
: > "$work/only"
while IFS=$'\t' read -r arch name rc path io; do
  [ "$rc" = 0 ] || continue
  n=$((n+1)); [ "$max" -gt 0 ] && [ $n -gt "$max" ] && break
  dir="$src/arch/$(dirname "${path#./}")"
  in="$corpus/pre/$arch/$name.dts"
  dtc -O null -i "$dir" -i "$src/scripts/dtc/include-prefixes" "$in" 2> "$work/ref.txt" >/dev/null
  "$ours" -O null -i "$dir" -i "$src/scripts/dtc/include-prefixes" "$in" 2> "$work/ours.txt" >/dev/null
  extract "$work/ref.txt" > "$work/ref.pairs"; extract "$work/ours.txt" > "$work/ours.pairs"
  comm -23 "$work/ref.pairs" "$work/ours.pairs" | awk '{print "dtc-only " $1}' >> "$work/only"
  comm -13 "$work/ref.pairs" "$work/ours.pairs" | awk '{print "ours-only " $1}' >> "$work/only"
  if cmp -s <(grep -Ev "$changed" "$work/ref.pairs") <(grep -Ev "$changed" "$work/ours.pairs"); then pass=$((pass+1)); continue; fi
  fail=$((fail+1))
  [ $shown -lt 40 ] && { echo "differs: $arch/$name"; shown=$((shown+1)); }
done < "$corpus/index.tsv"
echo "pairs reported by one side only, by check:"
sort "$work/only" | uniq -c | sort -rn | sed 's/^/  /'
echo "$pass passed, $fail failed"
