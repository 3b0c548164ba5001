#!/usr/bin/env bash
# Side-by-side benchmark of the bench servers of spec/BENCH-APP.md (see docs/benchmarks.md).
#
#   benchmarks/run.sh                      # build, 3 repetitions of S1..S6 and S2U on every server, report
#   REPS=5 SCENARIOS="S2 S3" benchmarks/run.sh
#   SERVERS="spring node" SCENARIOS=S7 benchmarks/run.sh   # two nodes on one Redis (not in the default run)
#   SERVERS="spring node" SCENARIOS=S7PG benchmarks/run.sh # two nodes on one Postgres (not in the default run)
#   SCENARIOS=S8 SERVERS="spring node" benchmarks/run.sh  # 19 000 idle clients, one broadcast
#
# Settings (environment):
#   REPS=3                 repetitions; servers are interleaved A B C, C B A, ... per scenario
#   SERVERS="spring engine node netty-socketio raw"
#                          also `spring-metrics`: the Spring bench server with the Socket.IO meters bound
#                          to Boot's simple MeterRegistry (--socketio.metrics.enabled=true; `spring`
#                          runs with them off), for the metrics overhead:
#                          SERVERS="spring spring-metrics" SCENARIOS=S2 REPS=8 REPORT_DOC= benchmarks/run.sh
#   SCENARIOS="S1 S2 S2U S3 S4 S5 S5C S6"
#                          S5C: S5 with a new TCP connection per request (Connection: close), as the
#                          official Node client polls with its default agent
#                          S7 (only when asked): broadcast fan-out across two nodes of the same server sharing
#                          one Redis (spring, spring-metrics, engine and node take part): a fresh redis-server on
#                          a free loopback port, node A on PORT, node B on PORT2, all three stopped by pid
#                          S7PG (only when asked): S7 with Postgres as the broker (the Postgres adapter; Node's
#                          @socket.io/postgres-adapter 0.5.0): a fresh Postgres cluster (initdb in a temporary
#                          folder, no fsync) on a free loopback port, stopped by pid after the two nodes
#                          S2U: S2 over sessions that open with polling and upgrade to a WebSocket, the
#                          official clients' default (no raw ceiling: it has no polling)
#                          S8 (only when asked): S8_CONNECTIONS idle WebSocket clients in one room, then one
#                          broadcast to all of them: RSS and heap per connection, time to the last delivery
#   PORT=39217 PORT2=PORT+1  the server ports (PORT2: the second node of S7 and S7PG)
#   S8_CONNECTIONS=19000   S8's client count (times SCALE). The per-process fd hard limit of the machine
#                          (`ulimit -Hn`, 20000 here) caps it: the server holds one fd per client
#   S8_SOURCES=4           S8's client source addresses, 127.0.0.2 and up (one ephemeral port range each)
#   S8_RATE=2000           S8's connections started per second (at most 128 handshakes in flight)
#   S7_ADAPTER=redis       S7's adapter: redis (pub/sub, @socket.io/redis-adapter for Node) or redis-streams
#                          (@socket.io/redis-streams-adapter 0.3.1 for Node), see docs/adapters.md
#   REDIS_SERVER=          a redis-server binary for S7; by default the one inside the embedded-redis artifact
#                          (copied to target/redis/ by the build), else `redis-server` on the PATH
#   PG_BIN=                the folder of S7PG's postgres and initdb; by default `pg_config --bindir`, else the
#                          newest /usr/lib/postgresql/*/bin (Debian's postgresql package). As root, both run as
#                          PG_USER (default: postgres if that user exists, else nobody): Postgres refuses root
#   XMX=1g                 -Xmx of every JVM (servers and the load generator)
#   WARMUP=20 MEASURE=4    seconds of warm-up and of each measured window (with 8 s the JVM servers' C2
#                          compiler was still busy in S5's window on 2 shared cores, up to a third of the
#                          server's CPU; see docs/benchmarks.md, "This round")
#   SCALE=1                multiplies the connection counts of S1, S3, S4 and S8 (1 = the spec's)
#   BUILD_DIR=target       Maven output folder (-Dbuild.dirname); SKIP_BUILD=1 to reuse it
#   MVN_ARGS="-o"          extra Maven arguments
#   SERVER_JAVA_OPTS=      extra options for the JVM servers (e.g. JFR)
#   SERVER_CPUS=           CPUs the server may run on (`taskset -c` list, e.g. 0 for one core); empty: all.
#                          The JVM then sees that many processors, so the Spring server's loop count follows
#   IO_THREADS=            empty (the default): every server as it ships, its own event loop count (the Spring
#                          starter: one per core; plain Reactor Netty: at least 4; netty-socketio: 2 per core).
#                          IO_THREADS=N is a tuned run: N loops
#                          for every JVM server (-Dreactor.netty.ioWorkerCount for spring, engine and raw,
#                          worker threads for netty-socketio); name such figures as tuned. Node has one.
#   REPORT_DOC=docs/benchmarks.md  where the results section goes ("" to skip)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
REPS=${REPS:-3}
SERVERS=${SERVERS:-"spring engine node netty-socketio raw"}
SCENARIOS=${SCENARIOS:-"S1 S2 S2U S3 S4 S5 S5C S6"}
XMX=${XMX:-1g}
WARMUP=${WARMUP:-20}
MEASURE=${MEASURE:-4}
SCALE=${SCALE:-1}
BUILD_DIR=${BUILD_DIR:-target}
MVN_ARGS=${MVN_ARGS:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
SERVER_CPUS=${SERVER_CPUS:-}
IO_THREADS=${IO_THREADS-}
if [[ -n "$IO_THREADS" ]]; then
	SERVER_JAVA_OPTS="-Dreactor.netty.ioWorkerCount=$IO_THREADS -Dbench.workerThreads=$IO_THREADS $SERVER_JAVA_OPTS"
fi
REPORT_DOC=${REPORT_DOC-docs/benchmarks.md}
PORT=${PORT:-39217}
PORT2=${PORT2:-$((PORT + 1))}
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
SERVER_PID=""   # the last server started
PIDS=()         # every process of the current scenario run (servers, broker), stopped by stop_all
BROKER_PID=""   # Redis (S7) or the Postgres postmaster (S7PG), stopped after the servers
REDIS_PORT=""
PG_PORT=""
PG_DATA=""      # S7PG's temporary data folder, removed by stop_all

listening() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Whether a server could bind the port now: ports in the ephemeral range may be held by any client
# socket of the machine (other test runs), which a listener cannot bind over. True without python3.
bindable() {
	command -v python3 >/dev/null || return 0
	python3 -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', int(sys.argv[1])))" "$1" 2>/dev/null
}

# The first bindable port from $1 on (at most 20 tries), else $1
free_port_from() {
	local port
	for ((port = $1; port < $1 + 20; port++)); do
		if [[ "$port" != "$PORT" ]] && bindable "$port"; then
			echo "$port"
			return
		fi
	done
	echo "$1"
}

# start_server NAME [PORT [EXTRA ARGUMENTS...]]: start one server, wait until it listens
start_server() {
	local name=$1 port=${2:-$PORT} log="$RUN_DIR/$1.log"
	shift $(($# < 2 ? $# : 2))
	local args=(--server.port="$port" --server.address=127.0.0.1 "$@")
	local pin=()
	if [[ -n "$SERVER_CPUS" ]]; then
		pin=(taskset -c "$SERVER_CPUS")
	fi
	case "$name" in
		spring) "${pin[@]}" java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server.jar" "${args[@]}" >>"$log" 2>&1 & ;;
		spring-metrics) "${pin[@]}" java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server.jar" "${args[@]}" --socketio.metrics.enabled=true >>"$log" 2>&1 & ;;
		engine) "${pin[@]}" java -Xmx"$XMX" $SERVER_JAVA_OPTS -jar "$T/bench-server-engine.jar" "${args[@]}" >>"$log" 2>&1 & ;;
		netty-socketio) "${pin[@]}" java -Xmx"$XMX" $SERVER_JAVA_OPTS -cp "$T/classes:$T/netty-socketio-lib/*" dev.realtime.socketio.benchmarks.peer.NettySocketIoBenchServer "${args[@]}" >>"$log" 2>&1 & ;;
		raw) "${pin[@]}" java -Xmx"$XMX" $SERVER_JAVA_OPTS -cp "$CP" dev.realtime.socketio.benchmarks.peer.RawWebSocketBenchServer "${args[@]}" >>"$log" 2>&1 & ;;
		node) NODE_PATH="$ROOT/test-clients/node_modules" BENCH_STATS_FILE="$STATS_FILE" "${pin[@]}" node --expose-gc benchmarks/src/main/node/bench-server.js "${args[@]}" >>"$log" 2>&1 & ;;
		*) echo "unknown server $name" >&2; return 1 ;;
	esac
	SERVER_PID=$!
	PIDS+=("$SERVER_PID")
	await_listen "$name" "$port" "$SERVER_PID" "$log"
}

# await_listen NAME PORT PID LOG
await_listen() {
	for _ in $(seq 1 600); do
		if listening "$2"; then
			return 0
		fi
		if ! kill -0 "$3" 2>/dev/null; then
			echo "$1 exited; see $4" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "$1 did not listen on $2 within 60 s" >&2
	return 1
}

stop_pid() {
	local pid=$1
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}

# Stop the servers first, then the broker (Postgres: SIGTERM, a smart shutdown once the nodes are gone)
stop_all() {
	local pid
	for pid in "${PIDS[@]}"; do
		if [[ "$pid" != "$BROKER_PID" ]]; then
			stop_pid "$pid"
		fi
	done
	stop_pid "$BROKER_PID"
	if [[ -n "$PG_DATA" ]]; then
		rm -rf "$PG_DATA"
	fi
	PIDS=()
	SERVER_PID=""
	BROKER_PID=""
	PG_DATA=""
}
trap stop_all EXIT

# The redis-server of S7: $REDIS_SERVER, else the linux binary inside the embedded-redis artifact, else PATH.
redis_binary() {
	if [[ -n "${REDIS_SERVER:-}" ]]; then
		echo "$REDIS_SERVER"
		return
	fi
	local jar="$T/redis/embedded-redis.jar" entry
	case "$(uname -m)" in
		x86_64 | amd64) entry=redis-server-6.2.6-v5-linux-amd64 ;;
		aarch64 | arm64) entry=redis-server-6.2.7-linux-arm64 ;;
		i?86) entry=redis-server-6.2.7-linux-386 ;;
		*) entry="" ;;
	esac
	if [[ -f "$jar" && -n "$entry" ]]; then
		if [[ ! -x "$T/redis/$entry" ]]; then
			(cd "$T/redis" && unzip -o -q embedded-redis.jar "$entry" 2>/dev/null || jar xf embedded-redis.jar "$entry")
			chmod +x "$T/redis/$entry"
		fi
		echo "$T/redis/$entry"
	else
		command -v redis-server
	fi
}

# A fresh Redis on a free loopback port (no persistence), for one scenario run
start_redis() {
	local binary log="$RUN_DIR/redis.log"
	binary=$(redis_binary) || { echo "no redis-server (set REDIS_SERVER)" >&2; return 1; }
	for _ in 1 2 3 4 5; do
		REDIS_PORT=$((20000 + RANDOM % 20000))
		if listening "$REDIS_PORT" || ! bindable "$REDIS_PORT" || [[ "$REDIS_PORT" == "$PORT" || "$REDIS_PORT" == "$PORT2" ]]; then
			continue
		fi
		"$binary" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >>"$log" 2>&1 &
		BROKER_PID=$!
		PIDS+=("$BROKER_PID")
		if await_listen redis "$REDIS_PORT" "$BROKER_PID" "$log"; then
			return 0
		fi
		stop_pid "$BROKER_PID"
		BROKER_PID=""
	done
	return 1
}

# The folder of S7PG's postgres and initdb: $PG_BIN, else pg_config's, else the newest Debian one
pg_bin() {
	local dir
	if [[ -n "${PG_BIN:-}" ]]; then
		echo "$PG_BIN"
		return
	fi
	dir=$(pg_config --bindir 2>/dev/null || true)
	if [[ -n "$dir" && -x "$dir/postgres" ]]; then
		echo "$dir"
		return
	fi
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [[ -n "$dir" && -x "$dir/postgres" ]]; then
		echo "$dir"
		return
	fi
	return 1
}

# A fresh Postgres cluster in a temporary folder on a free loopback port (trust authentication for the
# user postgres, no fsync: nothing is kept), for one scenario run. BROKER_PID is the postmaster's pid:
# setpriv executes postgres in place, so $! is the postmaster, and its backends are its children.
start_postgres() {
	local bin log="$RUN_DIR/postgres.log" as=()
	bin=$(pg_bin) || { echo "no postgres (set PG_BIN, or install Debian's postgresql)" >&2; return 1; }
	PG_DATA=$(mktemp -d /tmp/bench-postgres.XXXXXX)
	if [[ "$(id -u)" == 0 ]]; then
		local user=${PG_USER:-}
		if [[ -z "$user" ]]; then
			if id postgres >/dev/null 2>&1; then user=postgres; else user=nobody; fi
		fi
		chown "$user" "$PG_DATA"
		as=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups)
	fi
	if ! "${as[@]}" "$bin/initdb" -D "$PG_DATA/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >>"$log" 2>&1; then
		echo "initdb failed; see $log" >&2
		return 1
	fi
	for _ in 1 2 3 4 5; do
		PG_PORT=$((20000 + RANDOM % 20000))
		if listening "$PG_PORT" || ! bindable "$PG_PORT" || [[ "$PG_PORT" == "$PORT" || "$PG_PORT" == "$PORT2" ]]; then
			continue
		fi
		"${as[@]}" "$bin/postgres" -D "$PG_DATA/data" -p "$PG_PORT" -c listen_addresses=127.0.0.1 \
			-c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off >>"$log" 2>&1 &
		BROKER_PID=$!
		PIDS+=("$BROKER_PID")
		if await_listen postgres "$PG_PORT" "$BROKER_PID" "$log"; then
			return 0
		fi
		stop_pid "$BROKER_PID"
		BROKER_PID=""
	done
	return 1
}

# The arguments that put a server on the Postgres adapter; fails for servers that have none
postgres_args() {
	case "$1" in
		spring | spring-metrics) echo "--socketio.adapter.type=postgres --spring.autoconfigure.exclude= --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres --spring.datasource.username=postgres" ;;
		engine | node) echo "--postgres.port=$PG_PORT" ;;
		*) return 1 ;;
	esac
}

# broker_args SCENARIO SERVER: the adapter arguments of S7 (Redis) or S7PG (Postgres)
broker_args() {
	if [[ "$1" == S7PG ]]; then postgres_args "$2"; else redis_args "$2"; fi
}

# The arguments that put a server on the Redis adapter; fails for servers that have none
redis_args() {
	case "$1" in
		spring | spring-metrics) echo "--socketio.adapter.type=${S7_ADAPTER:-redis} --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT" ;;
		engine | node) echo "--redis.port=$REDIS_PORT --redis.adapter=${S7_ADAPTER:-redis}" ;;
		*) return 1 ;;
	esac
}

read -r -a FORWARD <<<"$SERVERS"
BACKWARD=()
for ((i = ${#FORWARD[@]} - 1; i >= 0; i--)); do BACKWARD+=("${FORWARD[i]}"); done

START=$(date +%s)
for ((rep = 1; rep <= REPS; rep++)); do
	for scenario in $SCENARIOS; do
		if ((rep % 2 == 1)); then order=("${FORWARD[@]}"); else order=("${BACKWARD[@]}"); fi
		for server in "${order[@]}"; do
			if [[ "$server" == raw && ( "$scenario" == S5 || "$scenario" == S5C || "$scenario" == S2U ) ]]; then
				continue # the ceiling speaks websocket only
			fi
			kind=jvm
			[[ "$server" == node ]] && kind=node
			two_nodes=()
			if [[ "$scenario" == S7 || "$scenario" == S7PG ]]; then
				broker_args "$scenario" "$server" >/dev/null || continue # no adapter for this server
			fi
			echo "== rep $rep $scenario $server ($(($(date +%s) - START)) s)"
			if [[ "$scenario" == S7 || "$scenario" == S7PG ]]; then
				# Two nodes of the same server on one fresh Redis (S7) or Postgres (S7PG)
				if [[ "$scenario" == S7PG ]]; then
					if ! start_postgres; then stop_all; continue; fi
				else
					if ! start_redis; then stop_all; continue; fi
				fi
				read -r -a extra <<<"$(broker_args "$scenario" "$server")"
				if ! start_server "$server" "$PORT" "${extra[@]}"; then stop_all; continue; fi
				pid_a=$SERVER_PID
				# Node B: PORT2 or the next bindable port, up to three tries (a port of the ephemeral range
				# may be taken by another process's client socket while the server starts)
				port_b=""
				for try in 0 1 2; do
					candidate=$(free_port_from $((PORT2 + try)))
					if start_server "$server" "$candidate" "${extra[@]}"; then
						port_b=$candidate
						break
					fi
				done
				if [[ -z "$port_b" ]]; then stop_all; continue; fi
				two_nodes=(--port2="$port_b" --broker-pid="$BROKER_PID")
				pids="$pid_a,$SERVER_PID"
			else
				if ! start_server "$server"; then stop_all; continue; fi
				pids=$SERVER_PID
			fi
			s8=()
			if [[ "$scenario" == S8 ]]; then
				s8=(--connections="${S8_CONNECTIONS:-19000}" --sources="${S8_SOURCES:-4}" --connect-rate="${S8_RATE:-2000}")
			fi
			java -Xmx"$XMX" -cp "$CP" dev.realtime.socketio.benchmarks.load.LoadGenerator \
				--scenario="$scenario" --server="$server" --rep="$rep" --port="$PORT" --pid="$pids" \
				--kind="$kind" --stats-file="$STATS_FILE" --scale="$SCALE" --warmup="$WARMUP" \
				--measure="$MEASURE" --out="$RESULTS" "${two_nodes[@]}" "${s8[@]}" 2>>"$RUN_DIR/generator.log" | cut -c1-240 || echo "generator failed"
			stop_all
		done
	done
done
echo "== done in $(($(date +%s) - START)) s; results in $RESULTS"

MACHINE="Run $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/{print $2}') GB RAM, $(java -version 2>&1 | head -1), Node $(node -v), \
REPS=$REPS WARMUP=$WARMUP MEASURE=$MEASURE SCALE=$SCALE XMX=$XMX IO_THREADS=${IO_THREADS:-default} SERVER_CPUS=${SERVER_CPUS:-all}, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
ARGS=("$RESULTS")
if [[ -n "$REPORT_DOC" ]]; then
	ARGS+=("$REPORT_DOC" "${REPORT_DOC%.md}-ratios.svg" "$MACHINE")
fi
java -cp "$CP" dev.realtime.socketio.benchmarks.report.BenchReport "${ARGS[@]}"
