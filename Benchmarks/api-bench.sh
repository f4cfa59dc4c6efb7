#!/usr/bin/env bash
# API benchmark: the release `cablegate serve` (bundled sample, temporary database) under wrk on loopback.
# Prints req/s, latency and server CPU per request (utime+stime from /proc) for a few endpoints.
#   swift build -c release --product cablegate && Benchmarks/api-bench.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
bin="$(swift build -c release --show-bin-path)/cablegate"
dir="$(mktemp -d)"
"$bin" serve --port 0 --db "$dir/bench.sqlite" --log-level warning >"$dir/log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
# The startup line is at info level; with warning logs, find the port from the listening socket instead.
port=""
for _ in $(seq 1 100); do
    port="$(ss -ltnp 2>/dev/null | grep "pid=$pid," | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2 || true)"
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$dir/log"; echo "server did not start"; exit 1; }
ticks="$(getconf CLK_TCK)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() {
    local conns="$1" path="$2" encoding="${3:-identity}"
    local before after
    before="$(cpu)"
    out="$(wrk -t1 -c"$conns" -d"${secs}s" --latency -H "Accept-Encoding: $encoding" "http://127.0.0.1:$port$path")"
    after="$(cpu)"
    reqs="$(echo "$out" | awk '/requests in/ {print $1}')"
    rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
    p50="$(echo "$out" | awk '$1 == "50%" {print $2}')"
    p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
    us="$(awk -v t="$((after - before))" -v r="$reqs" -v hz="$ticks" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')"
    printf '| %-45s | %-8s | %4s | %9s | %7s | %7s | %6s |\n' "$path" "$encoding" "$conns" "$rps" "$p50" "$p99" "$us"
}
echo "| path | Accept-Encoding | conns | req/s | p50 | p99 | server CPU µs/req |"
echo "|---|---|---|---|---|---|---|"
run 1 /v1/cables/07ASTANA3153
run 64 /v1/cables/07ASTANA3153
run 64 /v1/cables/07ASTANA3153 gzip
run 64 "/v1/cables?limit=50"
run 64 "/v1/cables?q=refugees&limit=20"
run 64 /healthz
