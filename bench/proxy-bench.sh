#!/usr/bin/env bash
# Side-by-side proxy benchmark on loopback: wrk through Paddock, tinyproxy and squid (allow-all configurations) to
# the same nginx origin (requests/s and p99 latency), and CONNECT tunnel throughput against a direct connection.
# Usage: bench/proxy-bench.sh [SECONDS_PER_RUN] [ROUNDS]   (needs a release build: PADDOCK_PRESET=release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=${CONNECTIONS:-50}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin

for tool in wrk tinyproxy squid nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "installing benchmark peers" >&2
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends wrk tinyproxy squid nginx-light >/dev/null
    break
  }
done
[ -x "$BIN/paddock" ] && [ -x "$BIN/bench_tunnel" ] && [ -x "$BIN/bench_relay" ] || { "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" >/dev/null; }

WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/squid.pid" ] && kill "$(cat "$WORK/squid.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

ORIGIN=$(free_port)
mkdir -p "$WORK/www" "$WORK/nginx"
head -c 1024 /dev/urandom >"$WORK/www/1k.bin"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$ORIGIN; root $WORK/www; }
}
EOF
nginx -c "$WORK/nginx.conf" &
PIDS+=($!)

PADDOCK_PORT=$(free_port)
# The origin is on loopback, which address vetting denies unless a CIDR rule names it explicitly.
"$BIN/paddock" proxy --listen "127.0.0.1:$PADDOCK_PORT" --policy open --allow "127.0.0.1/32" --log /dev/null >/dev/null &
PIDS+=($!)

TINY_PORT=$(free_port)
cat >"$WORK/tinyproxy.conf" <<EOF
Port $TINY_PORT
Listen 127.0.0.1
Timeout 600
MaxClients 1000
Allow 127.0.0.1
LogLevel Critical
DisableViaHeader Yes
EOF
tinyproxy -d -c "$WORK/tinyproxy.conf" &
PIDS+=($!)

SQUID_PORT=$(free_port)
mkdir -p "$WORK/squid" && chown proxy:proxy "$WORK/squid" 2>/dev/null || true
cat >"$WORK/squid.conf" <<EOF
http_port 127.0.0.1:$SQUID_PORT
http_access allow all
cache deny all
cache_mem 8 MB
pid_filename $WORK/squid.pid
access_log none
cache_log $WORK/squid/cache.log
cache_store_log none
coredump_dir $WORK/squid
shutdown_lifetime 0 seconds
via off
forwarded_for delete
EOF
squid -N -f "$WORK/squid.conf" &
PIDS+=($!)

for port in "$ORIGIN" "$PADDOCK_PORT" "$TINY_PORT" "$SQUID_PORT"; do wait_port "$port"; done

cat >"$WORK/absolute.lua" <<EOF
-- Sends absolute-form requests, as a client configured with an HTTP proxy does.
wrk.path = "http://127.0.0.1:$ORIGIN/1k.bin"
wrk.headers["Host"] = "127.0.0.1:$ORIGIN"
EOF

# One wrk run: prints "requests_per_second p99_ms".
run_wrk() {
  local port=$1 out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/absolute.lua" "http://127.0.0.1:$port/" 2>&1)
  if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx responses through port $port:" >&2; echo "$out" >&2; fi
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p99"
}

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

declare -A RPS P99
for name in paddock tinyproxy squid; do RPS[$name]=""; P99[$name]=""; done
for round in $(seq "$ROUNDS"); do
  # Interleave the peers so that machine noise hits all of them alike.
  for name in paddock tinyproxy squid; do
    case $name in paddock) port=$PADDOCK_PORT ;; tinyproxy) port=$TINY_PORT ;; squid) port=$SQUID_PORT ;; esac
    read -r rps p99 < <(run_wrk "$port")
    RPS[$name]+="$rps"$'\n'
    P99[$name]+="$p99"$'\n'
    echo "round $round $name: $rps req/s, p99 $p99 ms" >&2
  done
done

echo
echo "## HTTP forwarding (wrk -t2 -c$CONNECTIONS -d${DURATION}s, 1 KiB body, median of $ROUNDS rounds)"
echo
echo "| proxy | requests/s | p99 latency (ms) | requests/s vs Paddock |"
echo "|---|---|---|---|"
paddock_rps=$(printf '%s' "${RPS[paddock]}" | median)
for name in paddock tinyproxy squid; do
  rps=$(printf '%s' "${RPS[$name]}" | median)
  p99=$(printf '%s' "${P99[$name]}" | median)
  ratio=$(awk -v a="$paddock_rps" -v b="$rps" 'BEGIN{printf "%.2fx", a/b}')
  echo "| $name | $rps | $p99 | Paddock is $ratio |"
done

MB=${TUNNEL_MB:-1024}
# The ceiling: a minimal relay with a thread per direction, measured alongside (see bench_relay.cpp).
RELAY_PORT=$(free_port)
"$BIN/bench_relay" "$RELAY_PORT" &
PIDS+=($!)
wait_port "$RELAY_PORT"
declare -A TUNNEL
for round in $(seq "$ROUNDS"); do
  for name in direct paddock relay; do
    case $name in direct) port=0 ;; paddock) port=$PADDOCK_PORT ;; relay) port=$RELAY_PORT ;; esac
    rate=$("$BIN/bench_tunnel" "$port" "$MB" 1)
    TUNNEL[$name]+="$rate"$'\n'
    echo "round $round tunnel $name: $rate MB/s" >&2
  done
done
direct=$(printf '%s' "${TUNNEL[direct]}" | median)
through=$(printf '%s' "${TUNNEL[paddock]}" | median)
relay=$(printf '%s' "${TUNNEL[relay]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
echo
echo "## CONNECT tunnel throughput ($MB MiB per run, one direction, median of $ROUNDS interleaved runs)"
echo
echo "| path | MB/s | vs direct |"
echo "|---|---|---|"
echo "| direct loopback | $direct | 1.00x |"
echo "| through Paddock | $through | $(ratio "$through" "$direct") |"
echo "| through bench_relay (minimal C++ relay, a thread per direction) | $relay | $(ratio "$relay" "$direct") |"
