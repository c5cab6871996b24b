#!/usr/bin/env bash
# The benchmarks of issue 4 in one command, one JSON object out (stdout and bench/results/latest.json).
#
#   bench/run.sh quick                 a minute or two, small sizes; starts the platform itself
#   bench/run.sh full                  the issue's sizes where this machine runs them in minutes (bench/RESULTS.md)
#   bench/run.sh quick --url http://localhost:8080/ --organizer organizer:PASSWORD [--db JDBC_URL]
#                                      against a platform that is already running (loopback only)
#   ... --only tally,count,floor,registration,cast,campaign   some scenarios only (into bench/results/only-*.json)
#   bench/run.sh cluster quick|full [--instances 1,2,3]
#                                      the cast against scripts/cluster.sh with 1, 2 and 3 instances behind nginx,
#                                      one JSON object per size of the cluster, into bench/results/cluster-MODE.json
#   bench/run.sh cluster drill quick|full
#                                      the cluster drill (shared limits, kill -9 of instance 2 while casting through
#                                      nginx, each job once: README "Several instances") into drills-cluster-MODE.json
#   bench/run.sh drills quick|full     the eight drills of issue 5 (README "Drills"): the fault drills (races, crash,
#                                      outage), one JSON object per drill, into bench/results/drills-MODE.json; then
#                                      drills 4 to 8 ("inputs": provider outages, bad input, abuse, tampering, secrecy:
#                                      LauncherIT, BadInputIT, AbuseIT, PlatformIT on their own platform; full: 100,000
#                                      bad-input requests from a fresh seed, or DRILLS_SEED=N to replay one), one JSON
#                                      object, into bench/results/drills-inputs-MODE.json; exits 1 if one fails.
#                                      Crash and outage kill Payara and stop PostgreSQL: only on a platform this
#                                      script started (with --url, only the races run); --only races,crash,outage,inputs
#
# Without --url it starts the platform the way the README's Run command does (mvn -Prun package:
# the build, the embedded PostgreSQL in .openprimary/, Payara Server, the EAR, demo mode), with the
# per-address registration limit raised (every request comes from 127.0.0.1), X-Forwarded-For trusted
# outside the drills (the registration load's citizens each send an address of their own, as behind a
# balancer) and the voting clock ticking every second, and stops it at the end (Ctrl-C too). A full run's PostgreSQL flushes every commit
# (OPENPRIMARY_EMBEDDED_DB_DURABLE=true; set it to false to compare), as the cast's goal asks. It uses ports 8080, 4848 and 54329:
# on a shared machine run it under the build lock (flock /tmp/openprimary-mvn.lock bench/run.sh quick).
# The database floor needs pgbench (Debian: apt-get install postgresql-client-15); without it the
# floor says so in the JSON. Extra Maven arguments: OPENPRIMARY_BENCH_MVN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

drills=""
if [ "${1:-}" = cluster ]; then
  # scripts/cluster.sh starts and stops the cluster; the bench's jar runs against its balancer
  shift
  drill=""; if [ "${1:-}" = drill ]; then drill=yes; shift; fi
  mode=${1:-}; case "$mode" in quick|full) shift ;; *) echo "usage: bench/run.sh cluster [drill] quick|full [--instances 1,2,3]" >&2; exit 2 ;; esac
  sizes="1,2,3"
  if [ "${1:-}" = --instances ]; then sizes=$2; shift 2; fi
  [ -n "$drill" ] && sizes=2
  # the limits live in the database now, across restarts: the bench's numbers of an hour ago still count
  export OPENPRIMARY_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR=100000000
  export OPENPRIMARY_LIMITS_REGISTRATIONS_PER_PHONE_BLOCK_PER_HOUR=100000000
  export OPENPRIMARY_LIMITS_REGISTRATIONS_PER_EMAIL_DOMAIN_PER_MINUTE=100000000
  export OPENPRIMARY_LIMITS_CARD_SETUPS_PER_ADDRESS_PER_HOUR=100000000
  export OPENPRIMARY_LIMITS_VOTING_CODES_PER_ADDRESS_PER_HOUR=100000000
  export OPENPRIMARY_LIMITS_VOTING_REFUSALS_PER_ADDRESS_PER_HOUR=${OPENPRIMARY_LIMITS_VOTING_REFUSALS_PER_ADDRESS_PER_HOUR:-$([ -n "$drill" ] && echo 50 || echo 100000000)}
  export OPENPRIMARY_VOTING_TICK_SECONDS=1
  export OPENPRIMARY_BOX_CHECKPOINT_SECONDS=${OPENPRIMARY_BOX_CHECKPOINT_SECONDS:-$([ -n "$drill" ] && echo 2 || echo 60)}
  export OPENPRIMARY_CLUSTER_MVN_ARGS=${OPENPRIMARY_CLUSTER_MVN_ARGS:-${OPENPRIMARY_BENCH_MVN_ARGS:-}}
  jar=bench/target/openprimary-bench.jar
  [ -f "$jar" ] || mvn -B -q ${OPENPRIMARY_BENCH_MVN_ARGS:-} -pl bench -am package -Dmaven.test.skip=true >&2
  work=$(mktemp -d /tmp/openprimary-bench.XXXXXX)
  cp "$jar" "$work/bench.jar"
  trap 'scripts/cluster.sh stop >&2 || true; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
  mkdir -p bench/results
  listener() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
  status=0
  results=()
  for n in ${sizes//,/ }; do
    scripts/cluster.sh start "$n" >&2
    organizer="organizer:$(cat .openprimary/cluster/demo-admin-password)"
    db=jdbc:postgresql://localhost:28432/postgres
    pids=""
    for i in $(seq 1 "$n"); do pids="${pids:+$pids,}payara$i=$(listener $((28000 + 100 * i + 80)))"; done
    pids="$pids,postgres=$(listener 28432),nginx=$(listener 8088)"
    if [ -n "$drill" ]; then
      echo "[bench] the cluster drill ($mode) against 2 instances; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
      java -Xmx512m -Ddrills.cluster.refusals="$OPENPRIMARY_LIMITS_VOTING_REFUSALS_PER_ADDRESS_PER_HOUR" \
        -Ddrills.cluster.checkpoint-seconds="$OPENPRIMARY_BOX_CHECKPOINT_SECONDS" -jar "$work/bench.jar" \
        drills "$mode" --only cluster --url http://127.0.0.1:8088/ --organizer "$organizer" --db "$db" --control \
        --out "bench/results/drills-cluster-$mode.json" || status=$?
    else
      echo "[bench] cast ($mode) against $n instance(s) behind nginx; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
      java -Xmx512m -Dbench.platform.pids="$pids" -jar "$work/bench.jar" suite "$mode" --only cast \
        --url http://127.0.0.1:8088/ --organizer "$organizer" --db "$db" --out "$work/cluster-$n.json" || status=$?
      [ -f "$work/cluster-$n.json" ] && results+=("$n")
    fi
    scripts/cluster.sh stop >&2
  done
  if [ -z "$drill" ] && [ ${#results[@]} -gt 0 ]; then
    { echo "["; first=yes; for n in "${results[@]}"; do [ -n "$first" ] || echo ","; first=""
      echo "{\"instances\": $n, \"result\":"; cat "$work/cluster-$n.json"; echo "}"; done; echo "]"; } \
      > "bench/results/cluster-$mode.json"
    echo "[bench] written to bench/results/cluster-$mode.json" >&2
  fi
  exit $status
fi
if [ "${1:-}" = drills ]; then drills=yes; shift; fi
mode=${1:-}
case "$mode" in
  quick|full) shift ;;
  *) echo "usage: bench/run.sh [drills] quick|full [--url URL --organizer USER:PASSWORD] [--db JDBC_URL] [--only a,b]" >&2; exit 2 ;;
esac
url="" organizer="" db="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --organizer) organizer=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# drills: the fault drills the bench jar runs against a platform, and drills 4-8 ("inputs") that Maven runs
fault_drills=races,crash,outage inputs=""
if [ -n "$drills" ]; then
  inputs=yes
  if [ -n "$only" ]; then
    fault_drills=$(echo "$only" | tr ',' '\n' | grep -v '^inputs$' | paste -sd, - || true)
    case ",$only," in *,inputs,*) inputs=yes ;; *) inputs="" ;; esac
  fi
  if [ -n "$inputs" ] && [ -n "$url" ]; then
    echo "[bench] drills 4-8 (inputs) run on their own platform (ports 8080, 4848): not with --url" >&2; inputs=""
  fi
fi

# Drills 4 to 8 through Maven's integration tests, each on the platform its test starts (README "Drills").
run_inputs() {
  local log=/tmp/openprimary-drills-inputs.log started=$SECONDS status=0
  local sizes=()
  [ "$mode" = full ] && sizes=(-Ddrills.requests=100000 "-Ddrills.seed=${DRILLS_SEED:-random}")
  echo "[bench] drills 4-8 ($mode): LauncherIT, BadInputIT, AbuseIT, PlatformIT (log: $log)" >&2
  rm -f launcher/target/failsafe-reports/TEST-org.openprimary.launcher.{LauncherIT,BadInputIT,AbuseIT,PlatformIT}.xml
  mvn -B ${OPENPRIMARY_BENCH_MVN_ARGS:-} verify -pl launcher -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='LauncherIT,BadInputIT,AbuseIT,PlatformIT' -Dfailsafe.failIfNoSpecifiedTests=false "${sizes[@]}" \
    >"$log" 2>&1 </dev/null || status=$?
  local classes="" passed=true
  for it in LauncherIT BadInputIT AbuseIT PlatformIT; do
    local report=launcher/target/failsafe-reports/TEST-org.openprimary.launcher.$it.xml
    if [ -f "$report" ]; then
      local head; head=$(grep -m1 -o '<testsuite [^>]*' "$report")
      local t f e k
      t=$(echo "$head" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p'); f=$(echo "$head" | sed -n 's/.* failures="\([0-9]*\)".*/\1/p')
      e=$(echo "$head" | sed -n 's/.* errors="\([0-9]*\)".*/\1/p'); k=$(echo "$head" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p')
      [ "${f:-1}" = 0 ] && [ "${e:-1}" = 0 ] && [ "${k:-1}" = 0 ] || passed=false
      classes="$classes${classes:+, }\"$it\": {\"tests\": ${t:-0}, \"failures\": ${f:-0}, \"errors\": ${e:-0}, \"skipped\": ${k:-0}}"
    else
      passed=false; classes="$classes${classes:+, }\"$it\": null"
    fi
  done
  [ "$status" = 0 ] || passed=false
  local badinput; badinput=$(grep -o '[0-9]* requests (seed [0-9-]*)[^"]*distinct findings' "$log" | sed 's/"/\\"/g' | paste -sd'|' - || true)
  local json="{\"drill\": \"inputs\", \"drills\": [4, 5, 6, 7, 8], \"mode\": \"$mode\", \"passed\": $passed, \"seconds\": $((SECONDS - started)), \"date\": \"$(date -u +%FT%TZ)\", \"cores\": $(nproc), \"classes\": {$classes}, \"badInput\": \"$badinput\", \"log\": \"$log\"}"
  echo "$json" | tee "bench/results/drills-inputs-$mode.json"
  [ "$passed" = true ]
}

if [ -n "$drills" ] && [ -z "$fault_drills" ]; then
  status=0; run_inputs || status=1; exit $status
fi

work=$(mktemp -d /tmp/openprimary-bench.XXXXXX)
# the process listening on a local TCP port (Payara, PostgreSQL), for the CPU split
listener() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
platform_pid=""
log=/tmp/openprimary-bench-platform.log; : > "$log"; chmod 600 "$log"   # kept after the run; it shows the demo password
stop_platform() {
  if [ -n "$platform_pid" ] && kill -0 "$platform_pid" 2>/dev/null; then
    echo "[bench] stopping the platform (pid $platform_pid)" >&2
    kill -TERM "$platform_pid" 2>/dev/null || true   # the launcher's shutdown hook stops Payara, then PostgreSQL
    for _ in $(seq 1 180); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 1; done
  fi
  if [ -n "$platform_pid" ] && [ -n "$(listener 4848)" ]; then
    # the domain this run started is still up: stop it with its own asadmin, as the launcher would have
    echo "[bench] Payara Server is still running: asadmin stop-domain" >&2
    timeout 120 bash launcher/target/payara6/bin/asadmin --interactive=false --port 4848 stop-domain domain1 >&2 || true
  fi
  if [ -n "$platform_pid" ] && [ -n "$drills" ] && [ -n "$(listener "${db_port:-54329}")" ]; then
    # the outage drill started PostgreSQL again itself, so the launcher's zonky no longer holds it: fast shutdown
    pg=$(listener "${db_port:-54329}")
    echo "[bench] stopping the PostgreSQL the outage drill restarted (pid $pg)" >&2
    kill -INT "$pg" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
  fi
  platform_pid=""
}
cleanup() { stop_platform; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM


jar=bench/target/openprimary-bench.jar
if [ -z "$url" ]; then
  echo "[bench] building and starting the platform (mvn -Prun package; log: $log)" >&2
  OPENPRIMARY_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR=100000000 \
  OPENPRIMARY_LIMITS_REGISTRATIONS_PER_PHONE_BLOCK_PER_HOUR=100000000 \
  OPENPRIMARY_LIMITS_REGISTRATIONS_PER_EMAIL_DOMAIN_PER_MINUTE=100000000 \
  OPENPRIMARY_LIMITS_CARD_SETUPS_PER_ADDRESS_PER_HOUR=100000000 \
  OPENPRIMARY_LIMITS_VOTING_CODES_PER_ADDRESS_PER_HOUR=100000000 \
  OPENPRIMARY_LIMITS_VOTING_REFUSALS_PER_ADDRESS_PER_HOUR=100000000 \
  OPENPRIMARY_VOTING_TICK_SECONDS=1 \
  OPENPRIMARY_HTTP_TRUST_FORWARDED_FOR=$([ -z "$drills" ] && echo true || echo false) \
  OPENPRIMARY_EMBEDDED_DB_DURABLE=${OPENPRIMARY_EMBEDDED_DB_DURABLE:-$([ "$mode" = full ] && [ -z "$drills" ] && echo true || echo false)} \
  OPENPRIMARY_BOX_CHECKPOINT_SECONDS=${OPENPRIMARY_BOX_CHECKPOINT_SECONDS:-$([ -n "$drills" ] && echo 2 || echo 60)} \
    setsid mvn -B ${OPENPRIMARY_BENCH_MVN_ARGS:-} -Prun package >"$log" 2>&1 </dev/null &
  platform_pid=$!
  for _ in $(seq 1 1200); do
    if grep -q "OpenPrimary is running" "$log"; then break; fi
    if ! kill -0 "$platform_pid" 2>/dev/null || grep -q "OpenPrimary did not start\|BUILD FAILURE" "$log"; then
      tail -40 "$log" >&2; echo "[bench] the platform did not start" >&2; exit 1
    fi
    sleep 1
  done
  grep -q "OpenPrimary is running" "$log" || { tail -40 "$log" >&2; echo "[bench] the platform was not ready in 20 minutes" >&2; exit 1; }
  sed -n '/OpenPrimary is running/,/Press Ctrl-C/p' "$log" | grep -v "Admin sign-in" >&2
  url=http://localhost:8080/
  organizer="organizer:$(cat .openprimary/demo-admin-password)"
  db=$(grep -o 'jdbc:postgresql://[^ ,?]*' "$log" | head -1)
fi
[ -n "$organizer" ] || organizer="organizer:$(cat .openprimary/demo-admin-password)"
[ -n "$db" ] || db=jdbc:postgresql://localhost:54329/postgres
if [ ! -f "$jar" ]; then
  echo "[bench] building the bench jar" >&2
  mvn -B -q ${OPENPRIMARY_BENCH_MVN_ARGS:-} -pl bench -am package -Dmaven.test.skip=true >&2
fi
# a build meanwhile would rewrite the jar under the running JVM
cp "$jar" "$work/bench.jar"

port=$(echo "$url" | sed -n 's#.*://[^:/]*:\([0-9]*\).*#\1#p'); port=${port:-80}
db_port=$(echo "$db" | sed -n 's#.*://[^:/]*:\([0-9]*\).*#\1#p'); db_port=${db_port:-5432}
pids=""
payara=$(listener "$port"); postgres=$(listener "$db_port")
[ -n "$payara" ] && pids="payara=$payara"
[ -n "$postgres" ] && pids="${pids:+$pids,}postgres=$postgres"

mkdir -p bench/results
if [ -n "$drills" ]; then
  args=(drills "$mode" --url "$url" --organizer "$organizer" --db "$db" --out "bench/results/drills-$mode.json")
  [ -n "$only" ] && args+=(--only "$fault_drills")
  [ -n "$platform_pid" ] && args+=(--control)   # this run started the platform: crash and outage may control it
  echo "[bench] drills $mode against $url (database $db); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  status=0
  java -Xmx512m -jar "$work/bench.jar" "${args[@]}" || status=$?
  if [ -n "$inputs" ]; then
    stop_platform   # the integration tests start their own platform on the same ports
    run_inputs || status=1
  fi
  exit $status
fi
# latest.json and MODE.json keep whole runs; a run of some scenarios only goes to only-SCENARIOS.json
out=bench/results/latest.json
[ -n "$only" ] && out="bench/results/only-${only//,/-}.json"
args=(suite "$mode" --url "$url" --organizer "$organizer" --db "$db" --out "$out")
[ -n "$only" ] && args+=(--only "$only")
echo "[bench] $mode run against $url (database $db); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
java -Xmx512m -Dbench.platform.pids="$pids" -jar "$work/bench.jar" "${args[@]}" || status=$?
[ -z "$only" ] && cp bench/results/latest.json "bench/results/$mode.json" 2>/dev/null || true
exit $status
