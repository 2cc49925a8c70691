#!/usr/bin/env bash
# Compiles the deepest sources dtc accepts (its parser stack allows nesting only so far) with a dtiommu binary under
# an 8 MB stack limit, to every output format: the native binary compiles sources on its main thread, so this is
# what proves that stack enough. Usage: deep-sources.sh DTIOMMU
set -euo pipefail
bin=${1:?usage: deep-sources.sh DTIOMMU}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rep() { local i; for ((i = 0; i < $2; i++)); do printf '%s' "$1"; done; }
{ printf '/dts-v1/;\n/ { a = <'; rep '(' 9987; printf 1; rep ')' 9987; printf '>; };\n'; } > "$work/parentheses.dts"
{ printf '/dts-v1/;\n/ { a = <('; rep '-' 9987; printf '1)>; };\n'; } > "$work/unary.dts"
{ printf '/dts-v1/;\n/ { a = <('; rep '1 ? ' 4992; printf 1; rep ' : 2' 4992; printf ')>; };\n'; } > "$work/conditional.dts"
{ printf '/dts-v1/;\n/ {'; rep 'a{' 3330; printf '}'; rep ';}' 3329; printf '; };\n'; } > "$work/nodes.dts"
{ printf '/dts-v1/;\n/ {'; for ((i = 0; i < 2497; i++)); do printf 'l%d: a%d{' $i $i; done
  printf 'x = <&l5>;}'; rep ';}' 2496; printf '; };\n'; } > "$work/labelled-nodes.dts"
status=0
for source in "$work"/*.dts; do
  for format in "-O dtb" "-O dts -@" "-O yaml" "-O asm" "-O dts -s -A -L"; do
    # shellcheck disable=SC2086 # the format is two or more words
    if ! (ulimit -s 8192 && "$bin" -q $format -o "$work/out" "$source" 2>"$work/err"); then
      echo "FAILED: $(basename "$source") $format: $(head -c 200 "$work/err")"; status=1
    fi
  done
done
[ $status = 0 ] && echo "deepest sources: all compiled under an 8 MB stack"
exit $status
