// A socket.io-client 4.8.4 with socket.io-msgpack-parser 3.0.2, for the msgpack interop test.
// Usage: node msgpack-client.js <url> <polling|websocket>
// Prints one JSON line per thing it saw: connected, welcome, ack, joined, room; binary as byte arrays.
const { io } = require("socket.io-client");
const parser = require("socket.io-msgpack-parser");

const [url, transport] = process.argv.slice(2);
const socket = io(url, { parser, transports: [transport], forceNew: true, reconnection: false });

function emit(event, data) {
  process.stdout.write(JSON.stringify({ event, data }) + "\n");
}
const bytes = (value) => (value == null ? null : Array.from(new Uint8Array(value)));

socket.on("welcome", (text, bin) => emit("welcome", { text, bin: bytes(bin), transport: socket.io.engine.transport.name }));
socket.on("room", (payload, bin) => emit("room", { payload, bin: bytes(bin) }));
socket.on("connect_error", (err) => emit("connect_error", { message: err.message }));
socket.on("connect", () => {
  emit("connected", { id: socket.id });
  socket.emit("echo", { a: 1, b: "é€😀", c: [true, null, 2.5] }, Buffer.from([1, 2, 3]), (reply, bin) => {
    emit("ack", { reply, bin: bytes(bin) });
    socket.emit("join", "r1", () => emit("joined", { transport: socket.io.engine.transport.name }));
  });
});
setTimeout(() => process.exit(4), 20000).unref();
