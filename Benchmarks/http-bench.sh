#!/usr/bin/env bash
# Serves the same ~2 KB JSON (Benchmarks/payload.json) from our http-bench-server, the Hummingbird 2
# reference and nginx (static file), one after the other, and loads each with wrk on loopback:
#   wrk -t2 -c64 -d15s, -c256, and -t1 -c1; ROUNDS rounds each; reports the median req/s, median p99,
#   server CPU time per request ((user+sys of the server processes during the run) / requests) and RSS.
# Usage: Benchmarks/http-bench.sh            (env: DURATION=15 ROUNDS=3 SERVERS="ours hummingbird nginx")
# Needs: apt wrk nginx; builds both Swift servers in release mode first.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-3}
SERVERS=${SERVERS:-"ours hummingbird nginx"}
PAYLOAD=$PWD/Benchmarks/payload.json
OUT=${OUT:-Benchmarks/out}
mkdir -p "$OUT"
TICK=$(getconf CLK_TCK)

swift build -c release --product http-bench-server >/dev/null
swift build -c release --package-path Benchmarks/HummingbirdReference >/dev/null

# CPU ticks (user+sys) of a process and its children threads/processes.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
rss_kb() {
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/status" ] || continue
        total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")))
    done
    echo "$total"
}

start_server() {
    case $1 in
    ours)
        .build/release/http-bench-server "$PAYLOAD" 18090 >"$OUT/ours.log" 2>&1 &
        SERVER_PID=$!
        PIDS=$SERVER_PID ;;
    hummingbird)
        Benchmarks/HummingbirdReference/.build/release/HummingbirdReference "$PAYLOAD" 18090 >"$OUT/hummingbird.log" 2>&1 &
        SERVER_PID=$!
        PIDS=$SERVER_PID ;;
    nginx)
        local root; root=$(mktemp -d)
        mkdir -p "$root/www" && cp "$PAYLOAD" "$root/www/bench"
        cat >"$root/nginx.conf" <<CONF
worker_processes 2;
pid $root/nginx.pid;
error_log $root/error.log;
daemon off;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 100000000;
    default_type application/json;
    client_body_temp_path $root; proxy_temp_path $root; fastcgi_temp_path $root; uwsgi_temp_path $root; scgi_temp_path $root;
    server { listen 127.0.0.1:18090; root $root/www; location = /bench { } }
}
CONF
        nginx -c "$root/nginx.conf" &
        SERVER_PID=$!
        sleep 1
        PIDS="$SERVER_PID $(pgrep -P "$SERVER_PID" | tr '\n' ' ')" ;;
    esac
    for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:18090/bench && return 0; sleep 0.1; done
    echo "server $1 did not start" >&2; exit 1
}

RESULTS=$OUT/results.tsv
: >"$RESULTS"
for server in $SERVERS; do
    start_server "$server"
    wrk -t2 -c64 -d2s http://127.0.0.1:18090/bench >/dev/null   # warm-up
    for connections in 1 64 256; do
        threads=2; [ "$connections" = 1 ] && threads=1
        for round in $(seq "$ROUNDS"); do
            before=$(cpu_ticks $PIDS)
            wrk -t$threads -c$connections -d${DURATION}s --latency http://127.0.0.1:18090/bench >"$OUT/wrk-$server-$connections-$round.txt"
            after=$(cpu_ticks $PIDS)
            rss=$(rss_kb $PIDS)
            python3 - "$OUT/wrk-$server-$connections-$round.txt" "$server" "$connections" "$round" "$((after - before))" "$TICK" "$rss" >>"$RESULTS" <<'PY'
import re, sys
path, server, connections, round_, ticks, tick, rss = sys.argv[1:]
text = open(path).read()
def seconds(value, unit):
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]
requests = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p99ms = seconds(*p99.groups()) * 1000 if p99 else float("nan")
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
cpu_us = int(ticks) / int(tick) * 1e6 / max(1, requests)
print(f"{server}\t{connections}\t{round_}\t{rps:.0f}\t{p99ms:.2f}\t{cpu_us:.1f}\t{int(rss)//1024}\t{errors.group(1) if errors else 0}")
PY
        done
    done
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    sleep 1
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
print("| server | connections | req/s (median) | p99 ms (median) | server CPU µs/request (median) | RSS MiB (max) | non-2xx |")
print("|---|---|---|---|---|---|---|")
seen = []
for row in rows:
    if (row[0], row[1]) not in seen: seen.append((row[0], row[1]))
for server, connections in seen:
    group = [r for r in rows if r[0] == server and r[1] == connections]
    rps = statistics.median(float(r[3]) for r in group)
    p99 = statistics.median(float(r[4]) for r in group)
    cpu = statistics.median(float(r[5]) for r in group)
    rss = max(int(r[6]) for r in group)
    bad = sum(int(r[7]) for r in group)
    print(f"| {server} | {connections} | {rps:,.0f} | {p99:.2f} | {cpu:.1f} | {rss} | {bad} |")
PY
