#!/usr/bin/env bash
# Side-by-side TLS interception benchmark on loopback (issue 8): bench_interception sends keep-alive HTTPS POSTs
# through Paddock's intercepting proxy and through mitmproxy (Debian's mitmdump with an addon doing comparable
# secret scanning) to the same nginx HTTPS origin; prints median requests/s and p99 latency, and the ratio.
# Usage: bench/interception-bench.sh [SECONDS_PER_RUN] [ROUNDS]
# Env: DURATION (10) and ROUNDS (5) when not given as arguments, CONNECTIONS (8), BODY_BYTES (1024),
#      IBENCH_BUILD (/tmp/ibench-build: a Release build of its own, never build/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${1:-${DURATION:-10}}
ROUNDS=${2:-${ROUNDS:-5}}
CONNECTIONS=${CONNECTIONS:-8}
BODY_BYTES=${BODY_BYTES:-1024}
BUILD=${IBENCH_BUILD:-/tmp/ibench-build}
BIN=$BUILD/bin
HOST=localhost # a name, as agents use; it must resolve to 127.0.0.1 only (checked below)

for tool in mitmdump nginx openssl curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "installing benchmark peers" >&2
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      mitmproxy nginx-light openssl curl >/dev/null
    break
  }
done
export PATH=$PATH:/usr/sbin

# A build dir of its own (never build/), Release, headless: only the proxy and the load generator are needed.
# -j1: this is a 2-core machine where other builds may run.
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  "$ROOT/scripts/setup-deps.sh"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPADDOCK_GUI=OFF -DPADDOCK_BUILD_TESTS=OFF \
    >/dev/null
fi
ninja -j1 --quiet -C "$BUILD" paddock bench_interception >&2 # compiler errors, if any, still show

# Paddock refuses loopback destinations unless a rule names them: the allow rules below assume 127.0.0.1 only.
resolved=$(getent ahosts "$HOST" | awk '{print $1}' | sort -u | tr '\n' ' ')
[ "$resolved" = "127.0.0.1 " ] || { echo "$HOST resolves to '$resolved', expected 127.0.0.1 only" >&2; exit 1; }

WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 never opened" >&2
  exit 1
}
# A process that died at start shows its log instead of a later, vaguer failure.
alive() { kill -0 "$1" 2>/dev/null || { echo "$2 exited; its output:" >&2; cat "$3" >&2; exit 1; }; }

# The origin's certificate: self-signed for $HOST, trusted upstream by both proxies and by nothing else.
ORIGIN_CERT=$WORK/origin.pem
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$HOST" \
  -addext "subjectAltName=DNS:$HOST" -keyout "$WORK/origin.key" -out "$ORIGIN_CERT" 2>/dev/null

ORIGIN=$(free_port)
mkdir -p "$WORK/nginx"
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
  keepalive_timeout 600s;
  client_body_buffer_size 64k; # bodies stay in memory; 'return' reads and discards them
  server {
    listen 127.0.0.1:$ORIGIN ssl;
    ssl_certificate $ORIGIN_CERT;
    ssl_certificate_key $WORK/origin.key;
    location / { return 200 "ok"; }
  }
}
EOF
nginx -c "$WORK/nginx.conf" >"$WORK/nginx.out" 2>&1 &
PIDS+=($!)
NGINX_PID=$!

PADDOCK_PORT=$(free_port)
# Loopback destinations need explicit allow rules; --intercept opens the TLS of tunnels to $HOST.
"$BIN/paddock" proxy --listen "127.0.0.1:$PADDOCK_PORT" --policy open --allow "127.0.0.1/32:$ORIGIN" --allow "$HOST" \
  --intercept "$HOST" --ca "$WORK/paddock-ca" --upstream-ca "$ORIGIN_CERT" --log /dev/null \
  >"$WORK/paddock.out" 2>&1 &
PIDS+=($!)
PADDOCK_PID=$!

# The mitmproxy addon: what Paddock's scanner does for every intercepted request, in mitmproxy's usual way: one
# compiled alternation of provider token patterns (the first ~40 of proxy/secretrules.cpp) over URL, headers
# and the decoded body; a match answers 403 instead of forwarding.
cat >"$WORK/scan.py" <<'EOF'
import re
from mitmproxy import http

PATTERNS = [
    rb"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
    rb"(?i:secret[_-]?access[_-]?key[\"']?\s{0,5}[:=]{1,2}>?\s{0,5}[\"']?[a-z0-9/+]{40}(?:[^a-z0-9/+=]|$))",
    rb"ghp_[0-9A-Za-z]{36}",
    rb"gho_[0-9A-Za-z]{36}",
    rb"gh[us]_[0-9A-Za-z]{36}",
    rb"ghr_[0-9A-Za-z]{36}",
    rb"github_pat_[0-9A-Za-z_]{82}",
    rb"glpat-[0-9A-Za-z_-]{20,40}",
    rb"gldt-[0-9A-Za-z_-]{20,40}",
    rb"glrt-[0-9A-Za-z_-]{20,40}",
    rb"glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20,40}",
    rb"gl(?:ft|imt|oas|soat|agent|ffct|ptt)-[0-9A-Za-z_-]{20,40}",
    rb"xoxb-[0-9]{8,14}-[0-9A-Za-z-]{10,40}",
    rb"xox[pe]-(?:[0-9]{1,14}-){1,3}[0-9A-Za-z]{28,40}",
    rb"xox[aors]-(?:[0-9]{1,14}-){0,3}[0-9A-Za-z]{8,40}",
    rb"(?i:xapp-[0-9]-[a-z0-9]{1,32}-[0-9]{1,20}-[a-z0-9]{32,40})",
    rb"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}",
    rb"\b[rs]k_(?:live|test|prod)_[0-9A-Za-z]{20,32}",
    rb"\bAIza[0-9A-Za-z_-]{35}",
    rb"GOCSPX-[0-9A-Za-z_-]{28}",
    rb"sk-ant-api03-[0-9A-Za-z_-]{93}AA",
    rb"sk-ant-admin01-[0-9A-Za-z_-]{93}AA",
    rb"sk-ant-o[ar]t01-[0-9A-Za-z_-]{80}",
    rb"sk-(?:proj|svcacct|admin)-[0-9A-Za-z_-]{100}",
    rb"\bsk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}",
    rb"sk-or-v1-[0-9a-f]{64}",
    rb"\bgsk_[0-9A-Za-z]{52}",
    rb"\bxai-[0-9A-Za-z]{80}",
    rb"pplx-[0-9A-Za-z]{48}",
    rb"\br8_[0-9A-Za-z]{37}",
    rb"\bhf_[A-Za-z]{34}",
    rb"\bapi_org_[A-Za-z]{34}",
    rb"\bnpm_[0-9A-Za-z]{36}",
    rb"pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50}",
    rb"rubygems_[0-9a-f]{48}",
    rb"dckr_(?:pat|oat)_[0-9A-Za-z_-]{27}",
    rb"-----BEGIN[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|\s){1,8}(?:[A-Za-z-]{1,30}: [^\r\n\\]{0,80}(?:\\[rn]|\s){1,4}){0,2}(?:\\[rn]|\s){0,4}[A-Za-z0-9+/]{60,64}",
    rb"\beyJ[0-9A-Za-z_-]{8,300}\.eyJ[0-9A-Za-z_-]{8,32}",
    rb"\bSK[0-9a-fA-F]{32}\b",
    rb"(?i:twilio[\w.-]{0,20}[\"']?\s{0,5}[:=]{1,2}>?\s{0,5}[\"']?[0-9a-f]{32}\b)",
    rb"\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}",
    rb"shp(?:at|ca|pa)_[0-9a-fA-F]{32}",
]
SCANNER = re.compile(b"|".join(b"(?:" + p + b")" for p in PATTERNS))


def request(flow: http.HTTPFlow) -> None:
    req = flow.request
    headers = b"\r\n".join(name + b": " + value for name, value in req.headers.fields)
    for part in (req.url.encode(), headers, req.get_content(strict=False) or b""):
        if SCANNER.search(part):
            flow.response = http.Response.make(403, b"blocked: a secret in the request\n",
                                               {"Content-Type": "text/plain"})
            return
EOF
# mitmdump would only log a broken addon and go on without it: import it once here so that fails loudly.
/usr/bin/python3 "$WORK/scan.py" # the interpreter mitmdump runs on (not a pyenv one)

MITM_PORT=$(free_port)
mkdir -p "$WORK/mitm"
mitmdump --listen-host 127.0.0.1 --listen-port "$MITM_PORT" --set confdir="$WORK/mitm" \
  --set ssl_verify_upstream_trusted_ca="$ORIGIN_CERT" -q -s "$WORK/scan.py" >"$WORK/mitm.out" 2>&1 &
PIDS+=($!)
MITM_PID=$!

for port in "$ORIGIN" "$PADDOCK_PORT" "$MITM_PORT"; do wait_port "$port"; done
alive "$NGINX_PID" nginx "$WORK/nginx.out"
alive "$PADDOCK_PID" "paddock proxy" "$WORK/paddock.out"
alive "$MITM_PID" mitmdump "$WORK/mitm.out"
PADDOCK_CA=$WORK/paddock-ca/ca.pem
MITM_CA=$WORK/mitm/mitmproxy-ca-cert.pem
for f in "$PADDOCK_CA" "$MITM_CA"; do [ -s "$f" ] || { echo "no CA certificate at $f" >&2; exit 1; }; done

# Before measuring: a clean POST through each proxy must reach the origin ("ok"), and one carrying a token must be
# refused (403), so that both really intercept and scan. curl trusts only the proxy's CA.
URL=https://$HOST:$ORIGIN/upload
# A random token (a repeated letter would pass as a placeholder); made here so that no token sits in the repo.
TOKEN=ghp_$(openssl rand -base64 60 | tr -dc 'A-Za-z0-9' | cut -c1-36)
check_proxy() {
  local name=$1 port=$2 ca=$3 log=$WORK/$4 out
  local curl=(curl -sS --max-time 20 --proxy "http://127.0.0.1:$port" --cacert "$ca" -X POST)
  out=$("${curl[@]}" --data '{"hello":"world"}' "$URL" 2>&1) || true
  [ "$out" = ok ] || { echo "$name: a clean request returned not 'ok' but: $out" >&2; tail -20 "$log" >&2; exit 1; }
  out=$("${curl[@]}" -o /dev/null -w '%{http_code}' --data "{\"token\":\"$TOKEN\"}" "$URL" 2>&1) || true
  [ "$out" = 403 ] || { echo "$name: a request with a token got not 403 but: $out" >&2; tail -20 "$log" >&2; exit 1; }
  echo "$name: clean request -> ok, token -> 403" >&2
}
check_proxy paddock "$PADDOCK_PORT" "$PADDOCK_CA" paddock.out
check_proxy mitmproxy "$MITM_PORT" "$MITM_CA" mitm.out

# One run: prints "requests_per_second p99_ms p50_ms requests"; fails on any error (bench_interception's
# exit status), which stops the benchmark.
run_bench() {
  local name=$1 port=$2 ca=$3 json
  if ! json=$("$BIN/bench_interception" "127.0.0.1:$port" "$HOST:$ORIGIN" "$ca" "$CONNECTIONS" "$DURATION" \
    "$BODY_BYTES"); then
    echo "bench_interception failed through $name: $json" >&2
    return 1
  fi
  echo "$json" | python3 -c 'import json, sys
r = json.load(sys.stdin)
print(r["requests_per_second"], r["p99_ms"], r["p50_ms"], r["requests"])'
}
# CPU time (user + system, all threads) a process has used so far, in clock ticks: the proxies' cost per request,
# which the client's own share of the 2 cores does not blur.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

declare -A RPS P99 P50 CPU
for round in $(seq "$ROUNDS"); do
  # Alternate the two so that machine noise hits both alike.
  for name in paddock mitmproxy; do
    case $name in
      paddock) port=$PADDOCK_PORT ca=$PADDOCK_CA pid=$PADDOCK_PID out=paddock.out ;;
      mitmproxy) port=$MITM_PORT ca=$MITM_CA pid=$MITM_PID out=mitm.out ;;
    esac
    before=$(cpu_ticks "$pid")
    result=$(run_bench "$name" "$port" "$ca") || { tail -20 "$WORK/$out" >&2; exit 1; }
    after=$(cpu_ticks "$pid")
    read -r rps p99 p50 requests <<<"$result"
    alive "$pid" "$name" "$WORK/$out"
    cpu=$(awk -v t=$((after - before)) -v hz="$TICK" -v n="$requests" 'BEGIN{printf "%.0f", t / hz * 1e6 / n}')
    RPS[$name]+="$rps"$'\n'
    P99[$name]+="$p99"$'\n'
    P50[$name]+="$p50"$'\n'
    CPU[$name]+="$cpu"$'\n'
    echo "round $round $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, proxy CPU $cpu us/request" >&2
  done
done

paddock_rps=$(printf '%s' "${RPS[paddock]}" | median)
mitm_rps=$(printf '%s' "${RPS[mitmproxy]}" | median)
echo
echo "## Intercepted HTTPS with secret scanning (bench_interception: $CONNECTIONS keep-alive connections," \
  "${DURATION}s, POST of $BODY_BYTES B; median of $ROUNDS alternating rounds)"
echo
echo "| proxy | requests/s | p50 latency (ms) | p99 latency (ms) | proxy CPU per request (µs) |"
echo "|---|---|---|---|---|"
m() { printf '%s' "$1" | median; }
for name in paddock mitmproxy; do
  echo "| $name | $(m "${RPS[$name]}") | $(m "${P50[$name]}") | $(m "${P99[$name]}") | $(m "${CPU[$name]}") |"
done
paddock_cpu=$(printf '%s' "${CPU[paddock]}" | median)
mitm_cpu=$(printf '%s' "${CPU[mitmproxy]}" | median)
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
echo "Paddock / mitmproxy requests/s: $(ratio "$paddock_rps" "$mitm_rps") (goal: >= 20x);" \
  "mitmproxy / Paddock CPU per request: $(ratio "$mitm_cpu" "$paddock_cpu")"
echo
echo "Versions: $(mitmdump --version 2>/dev/null | awk '/Mitmproxy:/{print "mitmproxy " $2}'), $(nginx -v 2>&1 |
  sed 's|.*/|nginx |'), $(openssl version | cut -d' ' -f1-2), Paddock $(git -C "$ROOT" rev-parse --short HEAD)" \
  "$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo '(with uncommitted changes)')"
