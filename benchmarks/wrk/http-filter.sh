#!/usr/bin/env bash
# Throughput of a trivial JDK HttpServer, bare and behind Pillars' JDK filter, under wrk on
# loopback: each server is started by this script, warmed up, then measured; the pair runs twice,
# alternating (bare, filtered, bare, filtered), and the ratio of the mean req/s is printed.
#
#   mvn -B -q -pl benchmarks -am package -DskipTests
#   bash benchmarks/wrk/http-filter.sh [duration, default 15s] [connections, default 16]
#
# WARMUP (default 45s) is wrk's load before each measured run: the filtered server has far more
# code for the JIT than the bare one. Sampled with perf on the reference VM, C2's compiler thread
# still took 13.5% of the filtered server's CPU in the measured window after 16 s of warm-up (bare:
# 2.7%), and 0.2% after 45 s; a short warm-up charges the compiler's CPU to the filter.
#
# PIN (default 1 on a machine with 2 or more CPUs) runs the server on CPU SERVER_CPUS (default 0)
# and wrk on WRK_CPUS (default 1) with taskset: unpinned, the scheduler moved both across the 2
# cores of the reference VM, and the bare server alone went from 29k to 39k req/s between rounds,
# more than the filter costs. PIN=0 runs them unpinned. ROUNDS (default 2) is the number of
# bare/filtered pairs. A warning follows the ratio when one server's rounds differ by more than
# SPREAD_LIMIT percent (default 10): the machine was not quiet, and the ratio is no verdict.
# FILTERED (default filtered) is the instrumented server's mode: `stable` mounts the filter with
# experimentalTelemetry(false) (the duration histogram and stable span attributes only).
#
# Needs wrk (Debian: apt-get install wrk). Loopback only; every server ends with the script.
set -euo pipefail
DURATION="${1:-15s}"
CONNECTIONS="${2:-16}"
WARMUP="${WARMUP:-45s}"
ROUNDS="${ROUNDS:-2}"
FILTERED="${FILTERED:-filtered}"
case "$FILTERED" in filtered | stable) ;; *) echo "FILTERED is filtered or stable; got $FILTERED" >&2; exit 2 ;; esac
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then PIN="${PIN:-1}"; else PIN=0; fi
SERVER_ON=() WRK_ON=()
if [ "$PIN" = 1 ]; then
  SERVER_ON=(taskset -c "${SERVER_CPUS:-0}")
  WRK_ON=(taskset -c "${WRK_CPUS:-1}")
fi
JAR="${JAR:-benchmarks/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }

# Beside each run's throughput, per request: the server's CPU time (user + system from /proc, the
# loopback's network work done in its threads included; pinned, it is ~1/throughput, which shows
# the server is CPU-bound) and the function-call IPIs that wrk's CPU received (the kernel waking
# wrk's thread when it sleeps; only with wrk pinned to one CPU). On a VM each IPI costs the
# sending server microseconds, and a slower server finds wrk asleep more often: see the README.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
COUNT_IPIS=0
if [ "$PIN" = 1 ] && [[ "${WRK_CPUS:-1}" =~ ^[0-9]+$ ]] && grep -q '^ *CAL:' /proc/interrupts; then
  COUNT_IPIS=1
fi
wrk_ipis() {
  if [ "$COUNT_IPIS" = 1 ]; then
    awk -v col=$((${WRK_CPUS:-1} + 2)) '$1 == "CAL:" { print $col }' /proc/interrupts
  else
    echo 0
  fi
}

# one measured run: prints "req/s p50_ms p99_ms cpu_us_per_request ipis_per_request"
measure() {
  local mode="$1" port out ticks ipis
  coproc SERVER { exec "${SERVER_ON[@]}" "$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC \
    -cp "$JAR" dev.pillars.benchmarks.http.TrivialHttpServer "$mode" 0 2>/dev/null; }
  read -r _ port <&"${SERVER[0]}"
  "${WRK_ON[@]}" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$port/hello" >/dev/null # warm-up (JIT)
  ticks="$(server_ticks "$SERVER_PID")" ipis="$(wrk_ipis)"
  out="$("${WRK_ON[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port/hello")"
  ticks=$(($(server_ticks "$SERVER_PID") - ticks)) ipis=$(($(wrk_ipis) - ipis))
  eval "exec ${SERVER[1]}>&-" # closing its standard input ends the server
  wait "$SERVER_PID" 2>/dev/null || true
  awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ipis="$ipis" -v counted="$COUNT_IPIS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    /requests in/ { requests = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / Socket errors:|Non-2xx/ { errors = errors " " $0 }
    END { if (errors != "") print "wrk reported:" errors > "/dev/stderr";
          if (requests <= 0) { print "wrk made no request" > "/dev/stderr"; exit 1 }
          printf "%.0f %.3f %.3f %.1f %s\n", rps, p50, p99, ticks / hz * 1e6 / requests,
                 counted == 1 ? sprintf("%.2f", ipis / requests) : "-" }' <<<"$out"
}

declare -A SUM=([bare]=0 [filtered]=0) MIN=() MAX=()
printf '%-5s %-9s %10s %9s %9s %12s %9s\n' run server 'req/s' 'p50 ms' 'p99 ms' 'cpu us/req' 'ipi/req'
for round in $(seq 1 "$ROUNDS"); do
  for mode in bare filtered; do
    server_mode="$mode"
    if [ "$mode" = filtered ]; then server_mode="$FILTERED"; fi
    read -r rps p50 p99 cpu ipi < <(measure "$server_mode")
    SUM[$mode]=$((SUM[$mode] + rps))
    if [ -z "${MIN[$mode]:-}" ] || [ "$rps" -lt "${MIN[$mode]}" ]; then MIN[$mode]=$rps; fi
    if [ -z "${MAX[$mode]:-}" ] || [ "$rps" -gt "${MAX[$mode]}" ]; then MAX[$mode]=$rps; fi
    printf '%-5s %-9s %10s %9s %9s %12s %9s\n' "$round" "$server_mode" "$rps" "$p50" "$p99" "$cpu" "$ipi"
  done
done
awk -v b="${SUM[bare]}" -v f="${SUM[filtered]}" \
  'BEGIN { printf "'"$FILTERED"' / bare throughput: %.2fx (mean of %s runs each, %s after %s warm-up, %s connections, pinned: %s)\n", f / b, "'"$ROUNDS"'", "'"$DURATION"'", "'"$WARMUP"'", "'"$CONNECTIONS"'", "'"$PIN"'" }'
# The same server's rounds should agree within a few percent on a quiet machine (within 6% on the
# reference VM); a wider spread means something else took the CPUs, and the ratio is no verdict.
for mode in bare filtered; do
  awk -v lo="${MIN[$mode]}" -v hi="${MAX[$mode]}" -v m="$mode" -v limit="${SPREAD_LIMIT:-10}" \
    'BEGIN { spread = (hi - lo) * 100 / hi
             if (spread > limit) printf "warning: the %s rounds differ by %.0f%% (over %s%%): the machine is not quiet, so the ratio is no verdict\n", m, spread, limit }'
done
