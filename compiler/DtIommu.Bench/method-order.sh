#!/usr/bin/env bash
# Regenerates compiler/DtIommu.Cli/native-method-order.txt: the managed methods a native dtiommu enters as it
# starts and compiles, in the order it first enters them. The native build lays its code out in that order, so a
# one-board process (one per board under Kbuild) maps a few contiguous pages of code instead of touching pages all
# over a 7 MB binary: fewer page faults at start-up and a smaller resident set. Methods the file does not name
# (new ones, renamed ones) keep the compiler's own order after those it does, so a stale file costs speed, never
# correctness; rerun this when the compile path changes much.
# Traced runs: a one-property tree, -v, the bundled example boards, a decompile, a syntax error, and every K-th
# board of a Linux corpus when there is one (as compile-vs-dtc.sh reads it).
# Usage: method-order.sh [--corpus DIR] [--every K]      (Linux x86-64; needs ptrace, binutils' nm and readelf)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
corpus="$HOME/.cache/dtiommu-corpus"; every=25
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift;; --every) every=$2; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet publish "$repo/compiler/DtIommu.Cli" -c Release -p:DtIommuNative=true -p:DtIommuMethodOrder=false -o "$work/native" -v q -nologo >/dev/null
dotnet build "$repo/compiler/DtIommu.Bench" -c Release -v q -nologo >/dev/null
bench="$repo/compiler/DtIommu.Bench/bin/Release/net10.0/DtIommu.Bench.dll"
ours="$work/native/dtiommu"

# The functions of the managed code section, "ADDRESS SYMBOL" (nm's addresses are 16 hex digits, so they compare
# as strings).
read -r start size < <(readelf -SW "$ours" | awk '$2 == "__managedcode" { print $4, $6 }')
end=$(printf '%016x' $((0x$start + 0x$size)))
nm --defined-only "$work/native/dtiommu.dbg" | awk -v s="$start" -v e="$end" '$2 ~ /^[tT]$/ && $1 >= s && $1 < e { print $1, $3 }' > "$work/functions"

trace() { dotnet "$bench" first-calls "$work/functions" "$work/entered" -- "$ours" "$@" 2>&1 >/dev/null | grep '^first-calls' || true; }
printf '/dts-v1/;\n/ { a = <1>; };\n' > "$work/one.dts"
trace -O dtb -o "$work/one.dtb" "$work/one.dts"
trace -v
for board in "$repo"/examples/boards/*.dts; do trace -O dtb -o /dev/null "$board"; done
trace -I dtb -O dts -o /dev/null "$work/one.dtb"
printf '/dts-v1/;\n/ { a = <1> };\n' > "$work/bad.dts"
trace -O dtb -o /dev/null "$work/bad.dts"
if [ -d "$corpus/pre" ]; then
  src=$(ls -d "$corpus"/src/linux-source-* | head -n 1)
  awk -F'\t' -v k="$every" '$3==0 && ++n % k == 0 {print $1"\t"$2"\t"$4}' "$corpus/index.tsv" | while IFS=$'\t' read -r arch name path; do
    trace -q -O dtb -o /dev/null -b 0 -i "$src/arch/$(dirname "${path#./}")" -i "$src/scripts/dtc/include-prefixes" "$corpus/pre/$arch/$name.dts"
  done
fi
awk '!seen[$0]++' "$work/entered" > "$repo/compiler/DtIommu.Cli/native-method-order.txt"
echo "$(wc -l < "$repo/compiler/DtIommu.Cli/native-method-order.txt") methods in compiler/DtIommu.Cli/native-method-order.txt"
