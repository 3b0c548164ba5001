// Drives sockets of socket.io-client 2.x (Engine.IO v3) from JSON commands on stdin; prints
// what they observe as JSON lines on stdout, in the line format of sio-driver.js. Binary
// values travel as {"$bin": base64}. The 2.x client has no onAny: incoming events are read
// by wrapping the socket's onevent.
const io = require('socket.io-client-v2');
const { sockets, out, encode, decode, received, run } = require('./sio-driver-common');

function connect(cmd) {
  const socket = io(cmd.url, Object.assign({ forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200 },
    cmd.opts || {}));
  sockets.set(cmd.id, socket);
  const engine = () => socket.io.engine;
  socket.on('connect', () => out({ id: cmd.id, type: 'connect', sid: socket.id, engineId: engine().id,
    transport: engine().transport.name }));
  socket.on('connect_error', (err) => out({ id: cmd.id, type: 'connect_error', message: String(err && err.message || err) }));
  socket.on('error', (data) => out({ id: cmd.id, type: 'sio-error', data: data === undefined ? null : data }));
  socket.on('disconnect', (reason) => out({ id: cmd.id, type: 'disconnect', reason }));
  socket.on('reconnect', (attempt) => out({ id: cmd.id, type: 'reconnect', attempt }));
  socket.io.on('open', () => {
    const opened = engine();
    opened.on('upgrade', (transport) => out({ id: cmd.id, type: 'upgrade', transport: transport.name }));
  });
  socket.onevent = function (packet) {
    const args = packet.data || [];
    received(cmd.id, args[0], args.slice(1), packet.id != null ? this.ack(packet.id) : undefined);
  };
}

run({
  connect,
  emit(cmd, socket) {
    const args = decode(cmd.args || []);
    if (cmd.ack) {
      socket.emit(cmd.event, ...args, (...reply) => out({ id: cmd.id, type: 'ack', tag: cmd.tag, args: encode(reply) }));
    }
    else {
      socket.emit(cmd.event, ...args);
    }
  },
});
