#!/usr/bin/env bash
# The GitHub Action's work (action.yml): lint every board whose own source or any file it includes changed since
# BASE, using the dependency file dtiommu writes for each board (-d), and write SARIF plus workflow annotations.
# Runs anywhere with git and bash; the test suite runs it on a temporary repository.
#
# Environment (the action's inputs):
#   DTIOMMU        command that runs dtiommu (may be "dotnet path/dtiommu.dll")
#   BASE           commit to diff against (the pull request's base); empty: lint every board
#   BOARDS         newline-separated git pathspec globs of the boards (default **/*.dts)
#   INCLUDE_PATHS  newline- or space-separated include directories (-i)
#   DEFINES        newline- or space-separated preprocessor defines (-D NAME[=VALUE])
#   OVERLAYS       lines "BASE.dts OVERLAY.dtso...": a combined board, linted when any of its files changed
#   OVERLAY_OPTION the lint option that adds an overlay to a base (default --overlay)
#   CPP            "true" (default) runs the built-in C preprocessor
#   BASELINE       optional baseline file (--baseline)
#   SARIF          SARIF file to write (default dtiommu.sarif)
# Writes the boards it linted, one per line, to lint-boards.txt, and boards=N / failed=true|false to $GITHUB_OUTPUT.
# Exit status: dtiommu's (1 when an error-level finding remains).
set -euo pipefail
read -r -a dtiommu <<<"${DTIOMMU:-dtiommu}"
sarif=${SARIF:-dtiommu.sarif}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

options=()
[ "${CPP:-true}" = "true" ] && options+=(--cpp)
for i in ${INCLUDE_PATHS:-}; do options+=(-i "$i"); done
for d in ${DEFINES:-}; do options+=(-D "$d"); done

# Files changed by the pull request (added, modified, renamed), repository-relative.
if [ -n "${BASE:-}" ]; then
  git diff --name-only --diff-filter=AMR "$BASE...HEAD" > "$work/changed"
else
  git ls-files > "$work/changed"
fi

changed() {   # changed FILE...: true when one of the files is in the diff
  local f
  for f in "$@"; do grep -qxF -- "$(realpath --relative-to=. -m -- "$f")" "$work/changed" && return 0; done
  return 1
}

dependencies() {   # dependencies BOARD: the board and every file it includes, from dtiommu's -d output
  if ! "${dtiommu[@]}" -q -O dtb -o /dev/null -d "$work/dep" "${options[@]}" "$1" 2>/dev/null; then
    echo "$1"; return   # it does not compile: lint reports why; the board itself is what we know it needs
  fi
  sed -e 's/^[^:]*://' -e 's/\\$//' "$work/dep" | tr ' ' '\n' | sed '/^$/d'
}

patterns=()
while IFS= read -r p; do [ -n "$p" ] && patterns+=(":(glob)$p"); done <<<"${BOARDS:-**/*.dts}"

: > lint-boards.txt
while IFS= read -r board; do
  mapfile -t deps < <(dependencies "$board")
  if changed "${deps[@]}"; then echo "$board" >> lint-boards.txt; fi
done < <(git ls-files -- "${patterns[@]}")

combos=()
while IFS= read -r line; do
  read -r -a files <<<"$line"
  [ ${#files[@]} -ge 2 ] || continue
  mapfile -t deps < <(dependencies "${files[0]}")
  if changed "${deps[@]}" "${files[@]:1}"; then combos+=("$line"); echo "$line" >> lint-boards.txt; fi
done <<<"${OVERLAYS:-}"

count=$(wc -l < lint-boards.txt)
echo "dtiommu: $count board(s) to lint"
[ -n "${GITHUB_OUTPUT:-}" ] && echo "boards=$count" >> "$GITHUB_OUTPUT"
if [ "$count" -eq 0 ]; then
  [ -n "${GITHUB_OUTPUT:-}" ] && echo "failed=false" >> "$GITHUB_OUTPUT"
  exit 0
fi

[ -n "${BASELINE:-}" ] && [ -f "$BASELINE" ] && options+=(--baseline "$BASELINE")
rc=0
run_lint() {   # run_lint ARGS...: SARIF file and annotations for one set of boards
  "${dtiommu[@]}" lint "${options[@]}" -f github "$@" || rc=1
}
mapfile -t plain < <(grep -v ' ' lint-boards.txt || true)
if [ ${#plain[@]} -gt 0 ]; then
  "${dtiommu[@]}" lint "${options[@]}" -f sarif -o "$sarif" "${plain[@]}" 2>/dev/null || true
  run_lint "${plain[@]}"
fi
for line in "${combos[@]}"; do
  read -r -a files <<<"$line"
  args=("${files[0]}")
  for o in "${files[@]:1}"; do args+=("${OVERLAY_OPTION:---overlay}" "$o"); done
  run_lint "${args[@]}"
done
[ -n "${GITHUB_OUTPUT:-}" ] && echo "failed=$([ $rc -ne 0 ] && echo true || echo false)" >> "$GITHUB_OUTPUT"
exit $rc
