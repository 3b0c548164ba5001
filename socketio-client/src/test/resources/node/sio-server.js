// The Node reference server (socket.io 4.8.4) for the client's interop tests.
// Usage: node sio-server.js '{"recovery":false}'
// Prints {"event":"listening","port":N} first, then one JSON line per server-side event.
const { createServer } = require("http");
const { Server } = require("socket.io");

const options = JSON.parse(process.argv[2] || "{}");
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const ackOf = (args) => (typeof args[args.length - 1] === "function") ? args.pop() : () => {};

const httpServer = createServer();
const io = new Server(httpServer, {
	pingInterval: options.pingInterval || 25000,
	pingTimeout: options.pingTimeout || 20000,
	connectionStateRecovery: options.recovery
		? { maxDisconnectionDuration: 60000, skipMiddlewares: true }
		: undefined,
});

function handlers(nsp) {
	nsp.on("connection", (socket) => {
		print({ event: "connection", nsp: nsp.name, id: socket.id, recovered: socket.recovered,
			transport: socket.conn.transport.name });
		socket.conn.on("upgrade", (transport) => print({ event: "upgrade", id: socket.id, transport: transport.name }));
		if (!socket.recovered) {
			socket.emit("auth", socket.handshake.auth);
		}
		socket.on("message", (...args) => socket.emit("message-back", ...args));
		socket.on("message-with-ack", (...args) => {
			const ack = ackOf(args);
			ack(...args);
		});
		socket.on("ask", (event, ...args) => {
			socket.timeout(5000).emit(event, ...args, (err, ...reply) => {
				socket.emit("answer", err ? { error: err.message } : reply);
			});
		});
		socket.on("join", (room, ...args) => {
			socket.join(room);
			ackOf(args)("joined");
		});
		socket.on("to-room", (room, ...args) => {
			const ack = ackOf(args);
			nsp.to(room).emit("news", ...args);
			ack("sent");
		});
		socket.on("transport", (...args) => ackOf(args)(socket.conn.transport.name));
		socket.on("engine-id", (...args) => ackOf(args)(socket.conn.id));
		socket.on("handshake", (...args) => ackOf(args)({
			query: socket.handshake.query.room || null,
			header: socket.handshake.headers["x-test"] || null,
		}));
		socket.on("drop", (room) => {
			// Emitted once the server has seen the socket go: kept for connection state recovery
			socket.once("disconnect", () => nsp.to(room).emit("news", "while-away"));
			socket.conn.close();
		});
		socket.on("kick", () => socket.disconnect());
		socket.on("disconnect", (reason) => print({ event: "disconnect", nsp: nsp.name, id: socket.id, reason }));
	});
}

handlers(io.of("/"));
handlers(io.of("/custom"));
io.of("/refuse").use((socket, next) => {
	const error = new Error("Not allowed");
	error.data = { code: "E42" };
	next(error);
});

httpServer.listen(0, "127.0.0.1", () => print({ event: "listening", port: httpServer.address().port }));
process.stdin.on("end", () => {
	io.close();
	process.exit(0);
});
process.stdin.resume();
