#!/usr/bin/env bash
# The new user's path: clone the repository into an empty temporary folder (nothing next to it, so no outside
# reference is found), hide the system dtc, and run the README's two commands with only the .NET SDK. Fails unless
# both succeed and the tests that need an outside reference report themselves skipped with their reason.
#   tests/scripts/fresh-clone.sh [--empty-nuget-cache] [COMMIT]      (default HEAD; prints each command's wall time)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
empty_cache=false
if [ "${1:-}" = "--empty-nuget-cache" ]; then empty_cache=true; shift; fi
commit=${1:-HEAD}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --no-local "$repo" "$work/repo"
git -C "$work/repo" checkout -q "$(git -C "$repo" rev-parse "$commit")"
cd "$work/repo"
export DTIOMMU_DTC=none DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if $empty_cache; then export NUGET_PACKAGES="$work/nuget"; fi

timed() {   # timed LOG COMMAND...: runs it, keeps its output in LOG, prints the wall time
  local log=$1 start end; shift
  start=$(date +%s.%N)
  if ! "$@" >"$log" 2>&1; then tail -n 40 "$log"; echo "FAILED: $*"; exit 1; fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v c="$*" 'BEGIN { printf "%-90s %6.1f s\n", c, e - s }'
}

timed "$work/run.log" dotnet run --project compiler/DtIommu.Cli -c Release -- -I dts -O dts examples/boards/arm-virt-smmuv3.dts
grep -q 'iommu-map' "$work/run.log" || { cat "$work/run.log"; echo "FAILED: the example board was not decompiled"; exit 1; }
timed "$work/test.log" dotnet test DtIommu.sln
grep -E '^(Passed|Failed)!' "$work/test.log"
for skipped in ConformanceOutputTests.Output_matches_dtc DifferentialTests.; do
  grep -q "Skipped DtIommu.Tests.Compiler.$skipped" "$work/test.log" ||
    { echo "FAILED: $skipped did not report itself skipped without its outside reference"; exit 1; }
done
echo "fresh clone: OK"
