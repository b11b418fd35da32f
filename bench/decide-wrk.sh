#!/usr/bin/env bash
# The decision API against the same server's trivial endpoint, measured with wrk (issue 11):
# a fresh server with authentication on (an INGEST API key, Authorization: Bearer), a warm-up, then
# POST /api/v1/decide (unique transfers) and GET /actuator/info at the same connection count.
# Prints both results and the ratios the issue asks for. Needs wrk (Debian: apt-get install wrk) and
# the server jar (./mvnw -q -DskipTests install).
#   bench/decide-wrk.sh [connections=16] [seconds=20] [auth=key|basic|open]
# OPEN_LOOP_RATES (default 1000,2000,4000; empty for none): then ./fanzha decide-load at those rates, same server,
# each followed by the same rate of GET /actuator/info (--floor: what the HTTP stack alone answers in).
# JAVA_OPTS replaces the server's JVM options (default -XX:+UseZGC, as ./fanzha serve runs it); JAR another build.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-16}
DURATION=${2:-20}
AUTH=${3:-key}
OPEN_LOOP_RATES=${OPEN_LOOP_RATES-1000,2000,4000}
PORT=${PORT:-18181}
JAR=${JAR:-server/target/fanzha.jar}
PW=wrk-admin-password
DATA=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || { echo "$JAR missing: ./mvnw -q -DskipTests install"; exit 2; }

OPEN=false
[ "$AUTH" = open ] && OPEN=true
FANZHA_ADMIN_PASSWORD=$PW FANZHA_OPEN_INGEST=$OPEN java ${JAVA_OPTS:--XX:+UseZGC} -jar "$JAR" serve --port "$PORT" --data "$DATA" \
  > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 0.5
done

case "$AUTH" in
  key)
    FANZHA_API_KEY=$(curl -sf -u "admin:$PW" -H 'Content-Type: application/json' \
      -d '{"name":"wrk load","roles":["INGEST"]}' "http://127.0.0.1:$PORT/api/v1/api-keys" \
      | sed -E 's/.*"key":"([^"]+)".*/\1/')
    export FANZHA_API_KEY
    HEADER=()
    ;;
  basic) HEADER=(-H "Authorization: Basic $(printf 'admin:%s' "$PW" | base64)") ;;
  open) HEADER=() ;;
  *) echo "auth is key, basic or open"; exit 2 ;;
esac

export WRK_RUN=warm$$
wrk -t2 -c"$CONNS" -d10s "${HEADER[@]}" -s bench/wrk/decide.lua "http://127.0.0.1:$PORT" >/dev/null
wrk -t2 -c"$CONNS" -d10s -s bench/wrk/report.lua "http://127.0.0.1:$PORT/actuator/info" >/dev/null
export WRK_RUN=run$$
DECIDE=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "${HEADER[@]}" -s bench/wrk/decide.lua "http://127.0.0.1:$PORT" | grep RESULT)
PLAIN=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -s bench/wrk/report.lua "http://127.0.0.1:$PORT/actuator/info" | grep RESULT)
echo "decide ($AUTH, $CONNS connections): ${DECIDE#RESULT }"
echo "actuator/info ($CONNS connections): ${PLAIN#RESULT }"
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
awk -v dr="$(field rps "$DECIDE")" -v pr="$(field rps "$PLAIN")" -v dp="$(field p99_ms "$DECIDE")" -v pp="$(field p99_ms "$PLAIN")" \
  'BEGIN { printf "decide/info: throughput %.2f (target >= 0.50), p99 %.2fx (target <= 3)\n", dr / pr, dp / pp }'

# Then the open-loop load tool against the same server: fixed arrival rates, latency from each request's due time
# (it signs with FANZHA_API_KEY; it has no password sign-in, so not after a basic run).
if [ -n "$OPEN_LOOP_RATES" ] && [ "$AUTH" != basic ]; then
  java -jar "$JAR" decide-load --url "http://127.0.0.1:$PORT" --rates "$OPEN_LOOP_RATES" --seconds 10 --warmup 5 --floor \
    | sed 's/^/open loop: /'
fi
