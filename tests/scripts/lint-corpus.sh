#!/usr/bin/env bash
# Lints every preprocessed board of the Linux corpus (/work/corpus/pre/<arch>/*.dts by default) in batches and prints
# how often each rule fires; the full MSBuild-format report is kept in $OUT/report.txt.
# Usage: tools/lint-corpus.sh [CORPUS_DIR] [OUT_DIR] [LINUX_SRC]
# Boards that /include/ .dtsi files by plain name need the source tree's arch/<arch>/boot/dts on the include path.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-/work/corpus/pre}
OUT=${2:-/tmp/dtiommu-lint-corpus}
SRC=${3:-/work/corpus/src/linux-source-6.1}
mkdir -p "$OUT"
dotnet build compiler/DtIommu.Cli -c Release -v q -nologo >/dev/null
CLI="$PWD/compiler/DtIommu.Cli/bin/Release/net10.0/dtiommu"
: > "$OUT/report.txt"; : > "$OUT/crashes.txt"
find "$CORPUS" -name '*.dts' | sort > "$OUT/boards.txt"
# One process per batch keeps start-up cost low; a batch that dies (exit > 1) is retried board by board.
for dir in "$CORPUS"/*/; do
  arch=$(basename "$dir")
  find "$dir" -name '*.dts' | sort | xargs -r -n 100 sh -c '
    "$0" lint -f msbuild -W iommu-parent-without-dma-ranges -i "'"$SRC/arch/$arch/boot/dts"'" -i "'"$SRC/scripts/dtc/include-prefixes"'" "$@" >> "'"$OUT"'/report.txt" 2>>"'"$OUT"'/stderr.txt"; rc=$?
    if [ $rc -gt 1 ]; then for b in "$@"; do "$0" lint -f msbuild "$b" >/dev/null 2>&1 ; [ $? -le 1 ] || echo "$b" >> "'"$OUT"'/crashes.txt"; done; fi
    exit 0' "$CLI"
done
echo "boards: $(wc -l < "$OUT/boards.txt"), crashed boards: $(wc -l < "$OUT/crashes.txt"), rule failures (DTI0001): $(grep -c 'DTI0001' "$OUT/report.txt" || true), compiler internal errors: $(grep -c 'internal error' "$OUT/stderr.txt" || true)"
echo "findings per rule (rule, findings, distinct source files holding them):"
grep -oE '^[^(]*\([0-9]+,[0-9]+\): [a-z]+ DTI[0-9]+|^[^:]*: [a-z]+ DTI[0-9]+' "$OUT/report.txt" | sed -E 's/\([0-9]+,[0-9]+\)//; s/: [a-z]+ / /' |
  awk '{n[$2]++; if (!seen[$2 FS $1]++) b[$2]++} END {for (r in n) printf "%s %d %d\n", r, n[r], b[r]}' | sort
