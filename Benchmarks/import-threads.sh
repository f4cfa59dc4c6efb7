#!/bin/bash
# Runs a command and records, per thread, the last /proc/PID/task/TID/schedstat line seen (sampled
# every 0.3 s, kept after the thread exits): TID, thread name, CPU ns, ns runnable but waiting for a
# core, time slices. The importer names its threads import-writer, import-parse1…, import-ckpt.
#
#   Benchmarks/import-threads.sh OUT.txt .build/release/cablegate import --db /tmp/x.sqlite --quiet --no-entities cables.csv
#   awk '{printf "%s cpu %.1f s, waiting %.1f s\n", $2, $3/1e9, $4/1e9}' OUT.txt
out=$1; shift
dir=$out.d; rm -rf "$dir"; mkdir -p "$dir"
"$@" & pid=$!
while kill -0 $pid 2>/dev/null; do
  for t in /proc/$pid/task/*; do
    s=$(cat "$t/schedstat" 2>/dev/null) || continue
    name=$(cat "$t/comm" 2>/dev/null)
    echo "$(basename "$t") $name $s" > "$dir/$(basename "$t")"
  done
  sleep 0.3
done
cat "$dir"/* > "$out"
rm -rf "$dir"
wait $pid
