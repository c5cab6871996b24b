#!/usr/bin/env bash
# Several instances of OpenPrimary on this machine, behind nginx (README "Several instances").
#
#   scripts/cluster.sh start [N]    N = 1..3 Payara Server instances (default 2), one embedded PostgreSQL,
#                                   nginx on 127.0.0.1:8088 in front of them; returns once they all answer
#   scripts/cluster.sh status       the balancer's and each instance's /health/ready
#   scripts/cluster.sh stop         stops everything start started (nginx, every instance, PostgreSQL)
#
# It runs the launcher of `mvn -Prun package` with OPENPRIMARY_INSTANCES=N (the build, demo mode, the
# seeded election), in the background; data in .openprimary/cluster/, log in .openprimary/cluster/launcher.log.
# Ports: nginx 8088, PostgreSQL 28432, instance i at the Payara port base 28000+100*i (HTTP 28i80, admin
# 28i48): all on loopback, none of the single run's 8080, 4848 and 54329. OPENPRIMARY_* variables of the
# environment reach every instance (e.g. OPENPRIMARY_VOTING_TICK_SECONDS=1). Extra Maven arguments:
# OPENPRIMARY_CLUSTER_MVN_ARGS (e.g. -o). Needs nginx (Debian: apt-get install nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.openprimary/cluster
pidfile=$dir/launcher.pid
log=$dir/launcher.log
balancer=8088

listener() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

start() {
  local n=${1:-2}
  case "$n" in 1|2|3) ;; *) echo "cluster.sh: N is 1, 2 or 3, not $n" >&2; exit 2 ;; esac
  if running; then echo "cluster.sh: already running (pid $(cat "$pidfile")); stop it first" >&2; exit 1; fi
  [ -x /usr/sbin/nginx ] || { echo "cluster.sh: nginx is missing (apt-get install nginx)" >&2; exit 1; }
  for port in $balancer 28432 $(for i in $(seq 1 "$n"); do echo $((28000 + 100 * i + 80)) $((28000 + 100 * i + 48)); done); do
    if [ -n "$(listener "$port")" ]; then echo "cluster.sh: port $port is taken (pid $(listener "$port"))" >&2; exit 1; fi
  done
  mkdir -p "$dir"; : > "$log"; chmod 600 "$log"   # it shows the demo password
  echo "[cluster] starting $n instance(s) behind nginx on 127.0.0.1:$balancer (log: $log)" >&2
  OPENPRIMARY_INSTANCES=$n setsid mvn -B ${OPENPRIMARY_CLUSTER_MVN_ARGS:-} -Prun package >"$log" 2>&1 </dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 1800); do
    if grep -q "OpenPrimary is running" "$log"; then
      sed -n '/OpenPrimary is running/,/Press Ctrl-C/p' "$log" | grep -v "Press Ctrl-C"
      echo "Stop with: scripts/cluster.sh stop"
      return 0
    fi
    if ! running || grep -q "OpenPrimary did not start\|BUILD FAILURE" "$log"; then
      tail -30 "$log" >&2; echo "[cluster] did not start" >&2; stop; exit 1
    fi
    sleep 1
  done
  echo "[cluster] not ready after 30 minutes" >&2; stop; exit 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    echo "[cluster] stopping (pid $pid): nginx, the instances, PostgreSQL" >&2
    kill -TERM "$pid" 2>/dev/null || true   # the launcher's shutdown hook stops them in order
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { echo "[cluster] the launcher did not stop; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pidfile"
  # what a killed launcher (or a drill's kill -9) left behind: only this cluster's own processes and ports
  local payara=launcher/target/payara6
  for i in 1 2 3; do
    if [ -n "$(listener $((28000 + 100 * i + 48)))" ] && [ -x "$payara/bin/asadmin" ]; then
      echo "[cluster] stopping the domain cluster$i" >&2
      timeout 120 bash "$payara/bin/asadmin" --interactive=false --port $((28000 + 100 * i + 48)) stop-domain "cluster$i" >&2 || true
    fi
  done
  if [ -f "$dir/nginx/nginx.pid" ] && kill -0 "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null; then
    echo "[cluster] stopping nginx" >&2; kill -TERM "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
  fi
  local pg; pg=$(listener 28432)
  if [ -n "$pg" ]; then
    echo "[cluster] stopping PostgreSQL (pid $pg)" >&2; kill -INT "$pg" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
  fi
}

status() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$balancer/health/ready" || true)
  echo "balancer   http://127.0.0.1:$balancer/  ready: $code"
  for i in 1 2 3; do
    local port=$((28000 + 100 * i + 80))
    [ -n "$(listener "$port")" ] || continue
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health/ready" || true)
    echo "instance $i http://127.0.0.1:$port/  ready: $code  (pid $(listener "$port"))"
  done
  running && echo "launcher pid $(cat "$pidfile")" || echo "launcher not running"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh start [N]|stop|status" >&2; exit 2 ;;
esac
