#!/usr/bin/env bash
# The cost floor of a per-word entity extractor over a directory of cables (see Docs/benchmarks.md,
# "Entities: the floor of the speed goal"). Builds the C and Swift twins and, on x86-64, the SSE2
# variant, then runs each.
#   bash Benchmarks/entities/floor/run-floor.sh /work/shared/corpus/cables
set -euo pipefail
corpus=${1:?usage: run-floor.sh CORPUS_DIR}
here=$(cd "$(dirname "$0")" && pwd)
resources="$here/../../../Sources/CableEntities/Resources"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The extractor's word lists, lower-cased: about the size of its lexicon.
cat "$resources/english-words.txt" "$resources/first-names.txt" | tr 'A-Z' 'a-z' > "$out/words.txt"
cc -O2 -DPROBE=0 "$here/floor.c" -o "$out/scan"
cc -O2 -DPROBE=1 "$here/floor.c" -o "$out/probe"
swiftc -O "$here/floor.swift" -o "$out/probe-swift"
echo "C, word scan only:             $("$out/scan" "$corpus" "$out/words.txt")"
echo "C, scan + hash + probe:        $("$out/probe" "$corpus" "$out/words.txt")"
echo "Swift, scan + hash + probe:    $("$out/probe-swift" "$corpus" "$out/words.txt")"
if [ "$(uname -m)" = x86_64 ]; then
    cc -O2 "$here/floor-sse2.c" -o "$out/sse2"
    echo "C/SSE2, scan + hash + probe:   $("$out/sse2" "$corpus" "$out/words.txt")"
fi
