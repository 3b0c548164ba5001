// Echo round trip with the official engine.io-client, for EngineIoClientInteropIntegrationTests.
// CommonJS on purpose: NODE_PATH only applies to require().
// Usage: node eio-echo.js <url> <transports> <waitForUpgrade>
//   url             for example http://127.0.0.1:8080 (the path is /engine.io/)
//   transports      comma-separated, for example "polling", "websocket", "polling,websocket"
//   waitForUpgrade  "true" to send only once the client has upgraded to WebSocket
// Prints one JSON line per event: open, upgrade, message (text or binary), close, error.
// Sends "hello" and the bytes 01 02 03 04, closes the socket once both came back, and exits.
const { Socket } = require("engine.io-client");

const [url, transports, waitForUpgrade] = process.argv.slice(2);

function emit(event, data) {
  process.stdout.write(JSON.stringify({ event, ...data }) + "\n");
}

const socket = new Socket(url, {
  path: "/engine.io/",
  transports: transports.split(","),
});

let received = 0;

function sendAll() {
  socket.send("hello");
  socket.send(Buffer.from([1, 2, 3, 4]));
}

socket.on("open", () => {
  emit("open", { sid: socket.id, transport: socket.transport.name });
  if (waitForUpgrade !== "true") {
    sendAll();
  }
});

socket.on("upgrade", (transport) => {
  emit("upgrade", { transport: transport.name });
  if (waitForUpgrade === "true") {
    sendAll();
  }
});

socket.on("message", (data) => {
  const transport = socket.transport.name;
  if (typeof data === "string") {
    emit("message", { transport, text: data });
  } else {
    emit("message", { transport, binary: Array.from(new Uint8Array(data)) });
  }
  received++;
  if (received === 2) {
    socket.close();
  }
});

socket.on("error", (err) => {
  emit("error", { message: String(err && err.message ? err.message : err) });
});

socket.on("close", (reason) => {
  emit("close", { reason });
  setTimeout(() => process.exit(0), 10);
});

setTimeout(() => {
  emit("error", { message: "timeout" });
  process.exit(1);
}, 20000);
