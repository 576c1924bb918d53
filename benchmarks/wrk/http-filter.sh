#!/usr/bin/env bash
# Throughput of a trivial JDK HttpServer, bare and behind Pillars' JDK filter, under wrk on
# loopback. The script starts every server once, warms each up, then measures them in ROUNDS
# rounds, one wrk window per server a round, the order reversed every other round (bare,
# filtered; filtered, bare; ...), so that adjacent windows share whatever else the host is doing.
# It prints each window, the ratio of each round, the median of the rounds' ratios and the ratio
# of the means.
#
#   mvn -B -q -pl benchmarks -am package -DskipTests
#   bash benchmarks/wrk/http-filter.sh [window, default 15s] [connections, default 16]
#
# WARMUP (default 45s) is wrk's load on each server before the first round: the filtered server
# has far more code for the JIT than the bare one. Sampled with perf on the reference VM, C2's
# compiler thread still took 13.5% of the filtered server's CPU in the measured window after 16 s
# of warm-up (bare: 2.7%), and 0.2% after 45 s; a short warm-up charges the compiler's CPU to the
# filter. The servers stay up between rounds, so their compiled code does too.
#
# PIN (default 1 on a machine with 2 or more CPUs) runs the servers on CPU SERVER_CPUS (default 0)
# and wrk on WRK_CPUS (default 1) with taskset: unpinned, the scheduler moved both across the 2
# cores of the reference VM, and the bare server alone went from 29k to 39k req/s between rounds,
# more than the filter costs. PIN=0 runs them unpinned. ROUNDS (default 4) is the number of rounds.
# FILTERED (default filtered) is the instrumented servers' modes, space-separated: `filtered` is
# the filter as shipped, `stable` the filter with experimentalTelemetry(false) (the duration
# histogram and stable span attributes only), `instrumenter` the anchor: the same span and four
# metrics through OpenTelemetry's instrumentation-API Instrumenter written by hand over the same
# SDK, `floor` the least any span-making filter costs (one bare SDK span and one bound duration a
# request, FloorFilter). FILTERED="filtered stable instrumenter" measures three against the same
# bare windows. `passthrough`, `pillars`, `spans`, `metrics` and `noop` split the filter's cost
# (see TrivialHttpServer: a filter that only passes on; Pillars started, no filter; the filter
# with no-op meters; with a no-op tracer; over OpenTelemetry.noop()); `burn` is a filter that only
# spends CPU, about as long as the filter takes in JMH (BurnFilter). A mode may name another
# build's jar after a colon, to compare two builds in one run:
# FILTERED="filtered filtered:/tmp/before.jar" (shown as filtered:before.jar).
#
# A warning follows a ratio when its rounds differ by more than SPREAD_LIMIT percent (default 5):
# the host's load changed faster than a round, and the ratio is no verdict.
#
# TOGETHER=1 loads every server at once instead, one wrk each (all on WRK_CPUS, the servers all on
# SERVER_CPUS), so that each window's servers share the same moment of the host, and compares what
# a request costs: the ratio of a round is the bare server's CPU time a request over the filtered
# one's. Pinned, a server alone is CPU-bound (its throughput is 1 / its CPU time a request), so
# this is the throughput ratio the servers would have alone. Their req/s side by side are not: the
# scheduler gives the busier server more of the shared CPU. IPIs cannot be told apart per server
# then (shown as -).
#
# Needs wrk (Debian: apt-get install wrk). Loopback only; every server ends with the script.
{ # bash reads this whole group before running it: editing the file during a run cannot break the run
set -euo pipefail
DURATION="${1:-15s}"
CONNECTIONS="${2:-16}"
WARMUP="${WARMUP:-45s}"
ROUNDS="${ROUNDS:-4}"
read -r -a FILTERED_SERVERS <<<"${FILTERED:-filtered}"
JAR="${JAR:-benchmarks/target/benchmarks.jar}"
declare -A MODE_OF=([bare]=bare) JAR_OF=([bare]="$JAR")
FILTERED_MODES=() # the servers' names: the mode, and the other jar's file name when one is given
for server in "${FILTERED_SERVERS[@]}"; do
  mode="${server%%:*}" jar="$JAR" name="${server%%:*}"
  if [ "$server" != "$mode" ]; then jar="${server#*:}" name="$mode:$(basename "$jar")"; fi
  case "$mode" in filtered | stable | instrumenter | floor | passthrough | pillars | spans | metrics | noop | burn) ;; *) echo "FILTERED holds filtered, stable, instrumenter, floor, passthrough, pillars, spans, metrics, noop or burn, each with an optional :JAR; got $server" >&2; exit 2 ;; esac
  [ -f "$jar" ] || { echo "$jar is missing" >&2; exit 2; }
  [ -z "${MODE_OF[$name]:-}" ] || { echo "FILTERED names $name twice" >&2; exit 2; }
  MODE_OF[$name]=$mode JAR_OF[$name]=$jar
  FILTERED_MODES+=("$name")
done
MODES=(bare "${FILTERED_MODES[@]}")
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then PIN="${PIN:-1}"; else PIN=0; fi
SERVER_ON=() WRK_ON=()
if [ "$PIN" = 1 ]; then
  SERVER_ON=(taskset -c "${SERVER_CPUS:-0}")
  WRK_ON=(taskset -c "${WRK_CPUS:-1}")
fi
JAVA="${JAVA:-java}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }

# Beside each window's throughput, per request: the server's CPU time (user + system from /proc,
# the loopback's network work done in its threads included; pinned, it is ~1/throughput, which
# shows the server is CPU-bound), the part of it spent in the kernel (system time: the socket
# reads and writes, waking wrk, the scheduler) and the function-call IPIs that wrk's CPU received
# (the kernel waking wrk's thread when it sleeps; only with wrk pinned to one CPU). On a VM each
# IPI costs the sending server microseconds, and a slower server finds wrk asleep more often: see
# the README.
# Last, the share of the window that the VM's host took from the server's and wrk's CPUs (steal
# time in /proc/stat, of all CPUs when unpinned): a window the host stole from is slower for a
# reason that is not the server's.
server_ticks() { awk '{ print $14 + $15, $15 }' "/proc/$1/stat"; } # all, system
STEAL_CPUS='^cpu$'
if [ "$PIN" = 1 ] && [[ "${SERVER_CPUS:-0}" =~ ^[0-9]+$ ]] && [[ "${WRK_CPUS:-1}" =~ ^[0-9]+$ ]]; then
  STEAL_CPUS="^cpu(${SERVER_CPUS:-0}|${WRK_CPUS:-1})$"
fi
cpu_ticks() { # steal, all (user to steal)
  awk -v cpus="$STEAL_CPUS" '$1 ~ cpus { steal += $9; for (i = 2; i <= 9; i++) all += $i }
                             END { print steal, all }' /proc/stat
}
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

# Each server reads its standard input from a FIFO the script holds open; closing it ends the
# server (TrivialHttpServer serves until its input closes), and so does the script's exit.
WORK="$(mktemp -d)"
declare -A PID=() PORT=() INPUT=()
stop_servers() {
  for mode in "${!INPUT[@]}"; do eval "exec ${INPUT[$mode]}>&-"; done
  INPUT=()
  for mode in "${!PID[@]}"; do wait "${PID[$mode]}" 2>/dev/null || true; done
  PID=()
  rm -rf "$WORK"
}
trap stop_servers EXIT
for mode in "${MODES[@]}"; do
  mkfifo "$WORK/$mode.in"
  (
    for held in "${INPUT[@]}"; do eval "exec $held>&-"; done # the other servers' inputs stay ours
    exec "${SERVER_ON[@]}" "$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC -cp "${JAR_OF[$mode]}" \
      dev.pillars.benchmarks.http.TrivialHttpServer "${MODE_OF[$mode]}" 0 <"$WORK/$mode.in" >"$WORK/$mode.out" 2>/dev/null
  ) &
  PID[$mode]=$!
  exec {fd}>"$WORK/$mode.in"
  INPUT[$mode]=$fd
done
for mode in "${MODES[@]}"; do
  for _ in $(seq 1 300); do
    PORT[$mode]="$(awk '$1 == "listening" { print $2 }' "$WORK/$mode.out")"
    [ -n "${PORT[$mode]}" ] && break
    kill -0 "${PID[$mode]}" 2>/dev/null || { echo "the $mode server did not start" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "${PORT[$mode]}" ] || { echo "the $mode server printed no port in 30 s" >&2; exit 1; }
  "${WRK_ON[@]}" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:${PORT[$mode]}/hello" >/dev/null
done

# one window's figures from wrk's output on stdin and the window's tick counts: prints "req/s
# p50_ms p99_ms cpu_us_per_request sys_us_per_request ipis_per_request steal_percent"
summarize() {
  local ticks="$1" sys="$2" ipis="$3" counted="$4" steal="$5" all="$6"
  awk -v ticks="$ticks" -v sys="$sys" -v hz="$(getconf CLK_TCK)" -v ipis="$ipis" -v counted="$counted" \
      -v steal="$steal" -v all="$all" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    /requests in/ { requests = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / Socket errors:|Non-2xx/ { errors = errors " " $0 }
    END { if (errors != "") print "wrk reported:" errors > "/dev/stderr";
          if (requests <= 0) { print "wrk made no request" > "/dev/stderr"; exit 1 }
          printf "%.0f %.3f %.3f %.1f %.1f %s %s\n", rps, p50, p99, ticks / hz * 1e6 / requests,
                 sys / hz * 1e6 / requests, counted == 1 ? sprintf("%.2f", ipis / requests) : "-",
                 (all > 0 ? sprintf("%.1f", steal * 100 / all) : "-") }'
}

# one measured window of one server alone: prints what summarize prints
measure() {
  local mode="$1" out ticks sys ticks_after sys_after ipis steal all steal_after all_after
  read -r ticks sys < <(server_ticks "${PID[$mode]}")
  read -r steal all < <(cpu_ticks)
  ipis="$(wrk_ipis)"
  out="$("${WRK_ON[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:${PORT[$mode]}/hello")"
  read -r ticks_after sys_after < <(server_ticks "${PID[$mode]}")
  read -r steal_after all_after < <(cpu_ticks)
  summarize $((ticks_after - ticks)) $((sys_after - sys)) $(($(wrk_ipis) - ipis)) "$COUNT_IPIS" \
    $((steal_after - steal)) $((all_after - all)) <<<"$out"
}

# one measured window of every server at once (TOGETHER=1): writes what summarize prints to
# $WORK/MODE.window for each server
measure_together() {
  local mode steal all steal_after all_after ticks_after sys_after
  local -A ticks=() sys=() wrk_pid=()
  for mode in "${MODES[@]}"; do read -r "ticks[$mode]" "sys[$mode]" < <(server_ticks "${PID[$mode]}"); done
  read -r steal all < <(cpu_ticks)
  for mode in "${MODES[@]}"; do
    "${WRK_ON[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:${PORT[$mode]}/hello" >"$WORK/$mode.wrk" &
    wrk_pid[$mode]=$!
  done
  for mode in "${MODES[@]}"; do wait "${wrk_pid[$mode]}"; done
  read -r steal_after all_after < <(cpu_ticks)
  for mode in "${MODES[@]}"; do
    read -r ticks_after sys_after < <(server_ticks "${PID[$mode]}")
    summarize $((ticks_after - ticks[$mode])) $((sys_after - sys[$mode])) 0 0 \
      $((steal_after - steal)) $((all_after - all)) <"$WORK/$mode.wrk" >"$WORK/$mode.window"
  done
}

declare -A RPS=() CPU=() # RPS[mode,round], CPU[mode,round]: req/s, CPU us a request
printf '%-5s %-20s %10s %9s %9s %12s %12s %9s %8s\n' round server 'req/s' 'p50 ms' 'p99 ms' 'cpu us/req' 'sys us/req' 'ipi/req' 'steal %'
for round in $(seq 1 "$ROUNDS"); do
  order=("${MODES[@]}")
  if [ $((round % 2)) = 0 ]; then
    order=()
    for ((i = ${#MODES[@]} - 1; i >= 0; i--)); do order+=("${MODES[$i]}"); done
  fi
  if [ "${TOGETHER:-0}" = 1 ]; then measure_together; fi
  for mode in "${order[@]}"; do
    if [ "${TOGETHER:-0}" = 1 ]; then
      read -r rps p50 p99 cpu sys ipi steal <"$WORK/$mode.window"
    else
      read -r rps p50 p99 cpu sys ipi steal < <(measure "$mode")
    fi
    RPS[$mode,$round]=$rps CPU[$mode,$round]=$cpu
    printf '%-5s %-20s %10s %9s %9s %12s %12s %9s %8s\n' "$round" "$mode" "$rps" "$p50" "$p99" "$cpu" "$sys" "$ipi" "$steal"
  done
done

# The ratio of each round (its filtered window over its bare one; TOGETHER=1: the bare server's CPU
# time a request over the filtered one's), their median and spread, and the ratio of the means
# over all rounds. On a quiet machine the rounds agree within a few percent; a wider spread means
# the host's load changed within a round.
measured="throughput" together=""
if [ "${TOGETHER:-0}" = 1 ]; then measured="throughput alone (from CPU time a request)" together=", together"; fi
for mode in "${FILTERED_MODES[@]}"; do
  series=""
  for round in $(seq 1 "$ROUNDS"); do
    if [ "${TOGETHER:-0}" = 1 ]; then
      series="$series ${CPU[$mode,$round]} ${CPU[bare,$round]}" # a ratio is the second over the first
    else
      series="$series ${RPS[bare,$round]} ${RPS[$mode,$round]}"
    fi
  done
  awk -v m="$mode" -v what="$measured" -v limit="${SPREAD_LIMIT:-5}" -v desc="$DURATION windows after $WARMUP warm-up, $CONNECTIONS connections, pinned: $PIN$together" '
    BEGIN {
      n = split("'"$series"'", v, " ")
      rounds = n / 2
      for (i = 1; i <= rounds; i++) {
        b = v[2 * i - 1]; f = v[2 * i]; sb += b; sf += f; r[i] = f / b
        line = line sprintf("%s%.2f", i > 1 ? " " : "", r[i])
      }
      for (i = 1; i <= rounds; i++) for (j = i + 1; j <= rounds; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
      median = rounds % 2 ? r[(rounds + 1) / 2] : (r[rounds / 2] + r[rounds / 2 + 1]) / 2
      printf "%s / bare " what ": median of %d rounds %.2fx (rounds: %s), ratio of the means %.2fx (%s)\n", m, rounds, median, line, sf / sb, desc
      spread = (r[rounds] - r[1]) * 100 / r[rounds]
      if (spread > limit) printf "warning: the %s rounds'"'"' ratios differ by %.1f%% (over %s%%): the machine is not quiet, so the ratio is no verdict\n", m, spread, limit
    }'
done
exit
}
