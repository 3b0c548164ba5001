#!/usr/bin/env bash
# Side-by-side benchmark of the bench servers of spec/BENCH-APP.md (see docs/benchmarks.md).
#
#   benchmarks/run.sh                      # build, 3 repetitions of S1..S6 on every server, report
#   REPS=5 SCENARIOS="S2 S3" benchmarks/run.sh
#
# Settings (environment):
#   REPS=3                 repetitions; servers are interleaved A B C, C B A, ... per scenario
#   SERVERS="spring engine node netty-socketio raw"
#                          also `spring-metrics`: the Spring bench server with the Socket.IO meters bound
#                          to Boot's simple MeterRegistry (--socketio.metrics.enabled=true; `spring`
#                          runs with them off), for the metrics overhead:
#                          SERVERS="spring spring-metrics" SCENARIOS=S2 REPS=8 REPORT_DOC= benchmarks/run.sh
#   SCENARIOS="S1 S2 S3 S4 S5 S6"
#   XMX=1g                 -Xmx of every JVM (servers and the load generator)
#   WARMUP=2 MEASURE=4     seconds of warm-up and of each measured window
#   SCALE=1                multiplies the connection counts of S1, S3, S4 (1 = the spec's)
#   BUILD_DIR=target       Maven output folder (-Dbuild.dirname); SKIP_BUILD=1 to reuse it
#   MVN_ARGS="-o"          extra Maven arguments
#   SERVER_JAVA_OPTS=      extra options for the JVM servers (e.g. JFR)
#   REPORT_DOC=docs/benchmarks.md  where the results section goes ("" to skip)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
REPS=${REPS:-3}
SERVERS=${SERVERS:-"spring engine node netty-socketio raw"}
SCENARIOS=${SCENARIOS:-"S1 S2 S3 S4 S5 S6"}
XMX=${XMX:-1g}
WARMUP=${WARMUP:-2}
MEASURE=${MEASURE:-4}
SCALE=${SCALE:-1}
BUILD_DIR=${BUILD_DIR:-target}
MVN_ARGS=${MVN_ARGS:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
REPORT_DOC=${REPORT_DOC-docs/benchmarks.md}
PORT=${PORT:-39217}
T="$ROOT/benchmarks/$BUILD_DIR"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	echo "== building (mvn package -pl benchmarks -am, -Dbuild.dirname=$BUILD_DIR)"
	mvn -q -B $MVN_ARGS -Dbuild.dirname="$BUILD_DIR" -DskipTests -pl benchmarks -am package
fi
CP="$T/classes:$(cat "$T/runtime-classpath.txt")"

# Thousands of sockets per process: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" || true
echo "== fd limit $(ulimit -n), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

RUN_DIR="$T/bench-results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
RESULTS="$RUN_DIR/results.jsonl"
STATS_FILE="$RUN_DIR/node-stats.json"
SERVER_PID=""

start_server() {
	local name=$1 log="$RUN_DIR/$1.log"
	case "$name" in
		spring) java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server.jar" --server.port="$PORT" --server.address=127.0.0.1 >>"$log" 2>&1 & ;;
		spring-metrics) java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server.jar" --server.port="$PORT" --server.address=127.0.0.1 --socketio.metrics.enabled=true >>"$log" 2>&1 & ;;
		engine) java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server-engine.jar" --server.port="$PORT" --server.address=127.0.0.1 >>"$log" 2>&1 & ;;
		netty-socketio) java -Xmx"$XMX" $SERVER_JAVA_OPTS -cp "$T/classes:$T/netty-socketio-lib/*" dev.realtime.socketio.benchmarks.peer.NettySocketIoBenchServer --server.port="$PORT" --server.address=127.0.0.1 >>"$log" 2>&1 & ;;
		raw) java -Xmx"$XMX" $SERVER_JAVA_OPTS -cp "$CP" dev.realtime.socketio.benchmarks.peer.RawWebSocketBenchServer --server.port="$PORT" --server.address=127.0.0.1 >>"$log" 2>&1 & ;;
		node) NODE_PATH="$ROOT/test-clients/node_modules" BENCH_STATS_FILE="$STATS_FILE" node --expose-gc benchmarks/src/main/node/bench-server.js --server.port="$PORT" --server.address=127.0.0.1 >>"$log" 2>&1 & ;;
		*) echo "unknown server $name" >&2; return 1 ;;
	esac
	SERVER_PID=$!
	for _ in $(seq 1 600); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
			return 0
		fi
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "$name exited; see $log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "$name did not listen on $PORT within 60 s" >&2
	return 1
}

stop_server() {
	if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID"
		for _ in $(seq 1 100); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=""
}
trap stop_server EXIT

read -r -a FORWARD <<<"$SERVERS"
BACKWARD=()
for ((i = ${#FORWARD[@]} - 1; i >= 0; i--)); do BACKWARD+=("${FORWARD[i]}"); done

START=$(date +%s)
for ((rep = 1; rep <= REPS; rep++)); do
	for scenario in $SCENARIOS; do
		if ((rep % 2 == 1)); then order=("${FORWARD[@]}"); else order=("${BACKWARD[@]}"); fi
		for server in "${order[@]}"; do
			if [[ "$server" == raw && "$scenario" == S5 ]]; then
				continue # the ceiling speaks websocket only
			fi
			kind=jvm
			[[ "$server" == node ]] && kind=node
			echo "== rep $rep $scenario $server ($(($(date +%s) - START)) s)"
			start_server "$server" || continue
			java -Xmx"$XMX" -cp "$CP" dev.realtime.socketio.benchmarks.load.LoadGenerator \
				--scenario="$scenario" --server="$server" --rep="$rep" --port="$PORT" --pid="$SERVER_PID" \
				--kind="$kind" --stats-file="$STATS_FILE" --scale="$SCALE" --warmup="$WARMUP" \
				--measure="$MEASURE" --out="$RESULTS" 2>>"$RUN_DIR/generator.log" | cut -c1-240 || echo "generator failed"
			stop_server
		done
	done
done
echo "== done in $(($(date +%s) - START)) s; results in $RESULTS"

MACHINE="Run $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/{print $2}') GB RAM, $(java -version 2>&1 | head -1), Node $(node -v), \
REPS=$REPS WARMUP=$WARMUP MEASURE=$MEASURE SCALE=$SCALE XMX=$XMX, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
ARGS=("$RESULTS")
if [[ -n "$REPORT_DOC" ]]; then
	ARGS+=("$REPORT_DOC" "${REPORT_DOC%.md}-ratios.svg" "$MACHINE")
fi
java -cp "$CP" dev.realtime.socketio.benchmarks.report.BenchReport "${ARGS[@]}"
