#!/usr/bin/env bash
# Applies the C# style of .editorconfig to the solution (whitespace, braces, usings, namespaces); with
# --verify-no-changes (as .ci/run calls it) only checks, and fails naming the files that differ. Needs no network once
# the solution is restored.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet format RlFramework.sln "$@"
