#!/usr/bin/env bash
# The native binary on its own: copied alone into an empty folder (no bindings/ beside it, no repository above it),
# `lint` and `model` must find the embedded IOMMU bindings, and --bindings DIR must still add a family.
#   tests/scripts/native-alone.sh artifacts/native/dtiommu
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/dtiommu"
cp "$repo/examples/boards/rules/DTI1201-shared-stream-id.dts" "$repo/examples/boards/arm-virt-smmuv3.dts" "$work/"
cd "$work"
./dtiommu model arm-virt-smmuv3.dts | grep -q 'arm-smmu-v3' || { echo "FAILED: model found no arm-smmu-v3 binding"; exit 1; }
rc=0; ./dtiommu lint -f dtc DTI1201-shared-stream-id.dts >lint.txt 2>&1 || rc=$?
grep -q 'shared-stream-id' lint.txt || { cat lint.txt; echo "FAILED: lint did not report shared-stream-id (exit $rc)"; exit 1; }
mkdir extra
printf 'binding acme-mmu {\n    match compatible "acme,mmu";\n    specifier 1 { sid : id; }\n}\n' > extra/acme.iommu
sed 's/"arm,smmu-v3"/"acme,mmu"/' arm-virt-smmuv3.dts > acme.dts
./dtiommu model --bindings extra acme.dts | grep -q 'acme-mmu' || { ./dtiommu model --bindings extra acme.dts; echo "FAILED: --bindings did not add a family"; exit 1; }
echo "native binary alone: OK"
