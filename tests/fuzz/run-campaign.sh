#!/usr/bin/env bash
# Bounded differential fuzzing campaign against Debian's dtc: fails on any crash, hang or unexplained disagreement.
# Usage: tests/fuzz/run-campaign.sh [SECONDS] [SEED] [DTIOMMU]   (defaults: 180 s, seed 1, the Release build)
# FUZZ_FAIL_ON=crash: fail only on crashes and hangs, listing disagreements without minimising them.
# FUZZ_DTC181=PATH: also run every differing case through a dtc 1.8.1 build and count what it confirms.
# Skips itself (exit 0) when no reference dtc is installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-180} seed=${2:-1}
dtiommu=${3:-$PWD/compiler/DtIommu.Cli/bin/Release/net10.0/dtiommu}
if ! command -v dtc >/dev/null; then echo "fuzz campaign skipped: no reference dtc on PATH"; exit 0; fi
[ -x "$dtiommu" ] || dotnet build compiler/DtIommu.Cli -c Release -v q -nologo >/dev/null
dotnet build tests/fuzz/DtIommu.Fuzz -c Release -v q -nologo >/dev/null
exec tests/fuzz/DtIommu.Fuzz/bin/Release/net10.0/DtIommu.Fuzz --dtiommu "$dtiommu" --dtc "$(command -v dtc)" \
  --seed "$seed" --seconds "$seconds" --timeout 60 --report "${FUZZ_REPORT:-/tmp/dtiommu-fuzz-report}" \
  --fail-on "${FUZZ_FAIL_ON:-any}" ${FUZZ_DTC181:+--dtc181 "$FUZZ_DTC181"}
