// Drives npm socket.io-client sockets from JSON commands on stdin; prints what the
// sockets observe as JSON lines on stdout. Binary values travel as {"$bin": base64}.
const { io } = require('socket.io-client');
const { sockets, out, encode, decode, received, run } = require('./sio-driver-common');

function connect(cmd) {
  const socket = io(cmd.url, Object.assign({ forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200 }, cmd.opts || {}));
  sockets.set(cmd.id, socket);
  socket.on('connect', () => out({ id: cmd.id, type: 'connect', sid: socket.id, recovered: socket.recovered,
    pid: socket._pid === undefined ? null : socket._pid, transport: socket.io.engine.transport.name }));
  socket.on('connect_error', (err) => out({ id: cmd.id, type: 'connect_error', message: err.message,
    data: err.data === undefined ? null : err.data }));
  socket.on('disconnect', (reason) => out({ id: cmd.id, type: 'disconnect', reason }));
  socket.io.engine && socket.io.on('open', () => {
    socket.io.engine.on('upgrade', (transport) => out({ id: cmd.id, type: 'upgrade', transport: transport.name }));
  });
  socket.onAny((event, ...args) => {
    const last = args[args.length - 1];
    const ackRequested = typeof last === 'function';
    received(cmd.id, event, ackRequested ? args.slice(0, -1) : args, ackRequested ? last : undefined);
  });
}

run({
  connect,
  emit(cmd, socket) {
    const args = decode(cmd.args || []);
    if (cmd.ack) {
      const target = cmd.timeout ? socket.timeout(cmd.timeout) : socket;
      const callback = cmd.timeout
        ? (err, ...reply) => err ? out({ id: cmd.id, type: 'ack-error', tag: cmd.tag, message: err.message })
          : out({ id: cmd.id, type: 'ack', tag: cmd.tag, args: encode(reply) })
        : (...reply) => out({ id: cmd.id, type: 'ack', tag: cmd.tag, args: encode(reply) });
      target.emit(cmd.event, ...args, callback);
    }
    else {
      (cmd.volatile ? socket.volatile : socket).emit(cmd.event, ...args);
    }
  },
  connectAgain(cmd, socket) {
    socket.connect();
  },
  moveTo(cmd, socket) {
    // Where the next reconnection goes: another node behind the same load balancer.
    socket.io.uri = cmd.url;
  },
});
