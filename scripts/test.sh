#!/usr/bin/env bash
# Runs every test project of the solution (Release) and prints one closing line: "N passed, N failed, N skipped".
# Skipped tests are counted from each result's outcome="NotExecuted": the trx <Counters notExecuted> stays 0 for them.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test RlFramework.sln -c Release --logger trx --results-directory "$results" "$@"
status=$?
count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' | awk '{ s += $1 } END { print s + 0 }'; }
skipped() { cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' | wc -l; }
summary="$(count passed) passed, $(count failed) failed, $(skipped) skipped"
if [ "$status" -ne 0 ] && [ "$(count failed)" -eq 0 ]; then
  summary="$summary; dotnet test exited with $status (a build error or a crashed test host: see above)"
fi
echo "$summary"
exit $status
