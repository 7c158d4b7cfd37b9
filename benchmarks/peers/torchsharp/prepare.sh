#!/usr/bin/env bash
# Builds the TorchSharp peer and makes TorchSharp 0.107.0 loadable on Debian 12. Idempotent; run it before every run
# (a rebuild copies the unpatched library from the NuGet cache again).
#
# Why: libLibTorchSharp.so (TorchSharp's native glue, built with GCC 13) declares a need for GLIBCXX_3.4.32, which
# Debian 12's libstdc++ (GCC 12, up to GLIBCXX_3.4.30) lacks, so dlopen fails with "version `GLIBCXX_3.4.32' not
# found" and TorchSharp reports that libtorch is not referenced. The only symbol bound to that version is
# _ZSt21ios_base_library_initv, the marker GCC 13's <iostream> references so that the link pulls in libstdc++'s
# ios_base initialisation; nothing calls it and no relocation refers to it (readelf -r lists none), so the library
# needs no definition of it. weaken_version_need.py sets VER_FLG_WEAK on that one .gnu.version_r entry (a single byte
# in the build output's copy; the NuGet cache is left untouched); glibc's loader then skips a weak version it cannot
# find. No LD_PRELOAD, no newer libstdc++. libtorch's own libraries (libtorch_cpu.so, libc10.so, …) need nothing newer
# than Debian 12 has.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$here/TorchSharpPeer.csproj" -c Release --nologo -v quiet
lib="$here/bin/Release/net10.0/linux-x64/libLibTorchSharp.so"
/usr/bin/python3 "$here/weaken_version_need.py" "$lib" GLIBCXX_3.4.32
echo "ready: dotnet $here/bin/Release/net10.0/linux-x64/TorchSharpPeer.dll exchange | bench [rounds] [seconds]"
