// Self-test script for NodeScript. CommonJS on purpose: NODE_PATH only applies to require().
// Usage: node selftest.js <mode> [args...]
//   ok <text>   print one JSON line (proving the pinned npm clients resolve), exit 0
//   echo        print each stdin line back as {"event":"echo","data":<line>} until stdin closes
//   fail        write to stderr and exit 3 without printing anything
//   hang        print nothing and never exit
const mode = process.argv[2];

function emit(event, data) {
  process.stdout.write(JSON.stringify({ event, data }) + "\n");
}

if (mode === "ok") {
  const { io } = require("socket.io-client");
  const eio = require("engine.io-client");
  emit("selftest", { text: process.argv[3], client: typeof io, engineIoProtocol: eio.protocol });
} else if (mode === "echo") {
  const lines = require("readline").createInterface({ input: process.stdin });
  lines.on("line", (line) => emit("echo", line));
  emit("ready", null);
} else if (mode === "fail") {
  process.stderr.write("selftest: failing on purpose\n");
  process.exit(3);
} else if (mode === "hang") {
  setInterval(() => {}, 1000);
} else {
  process.stderr.write("selftest: unknown mode " + mode + "\n");
  process.exit(2);
}
