// Drives sockets of socket.io-client 2.x (Engine.IO v3) from JSON commands on stdin; prints
// what they observe as JSON lines on stdout, in the line format of sio-driver.js. Binary
// values travel as {"$bin": base64}. The 2.x client has no onAny: incoming events are read
// by wrapping the socket's onevent.
const io = require('socket.io-client-v2');
const readline = require('readline');

const sockets = new Map();
const autoAcks = new Map();

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function encode(value) {
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : value).toString('base64') };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value && typeof value === 'object') {
    const result = {};
    for (const [k, v] of Object.entries(value)) {
      result[k] = encode(v);
    }
    return result;
  }
  return value;
}

function decode(value) {
  if (Array.isArray(value)) {
    return value.map(decode);
  }
  if (value && typeof value === 'object') {
    if (typeof value.$bin === 'string') {
      return Buffer.from(value.$bin, 'base64');
    }
    const result = {};
    for (const [k, v] of Object.entries(value)) {
      result[k] = decode(v);
    }
    return result;
  }
  return value;
}

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
    const ackRequested = packet.id != null;
    out({ id: cmd.id, type: 'event', event: args[0], args: encode(args.slice(1)), ackRequested });
    if (ackRequested) {
      const reply = autoAcks.get(cmd.id + '/' + args[0]);
      if (reply !== undefined) {
        this.ack(packet.id)(...decode(reply));
      }
    }
  };
}

function handle(cmd) {
  const socket = sockets.get(cmd.id);
  switch (cmd.cmd) {
    case 'connect':
      connect(cmd);
      break;
    case 'autoAck':
      autoAcks.set(cmd.id + '/' + cmd.event, cmd.reply);
      out({ id: cmd.id, type: 'autoAck', event: cmd.event });
      break;
    case 'emit': {
      const args = decode(cmd.args || []);
      if (cmd.ack) {
        socket.emit(cmd.event, ...args, (...reply) => out({ id: cmd.id, type: 'ack', tag: cmd.tag, args: encode(reply) }));
      }
      else {
        socket.emit(cmd.event, ...args);
      }
      break;
    }
    case 'disconnect':
      socket.disconnect();
      break;
    case 'closeEngine':
      socket.io.engine.close();
      break;
    case 'exit':
      for (const s of sockets.values()) {
        s.disconnect();
      }
      setTimeout(() => process.exit(0), 50);
      break;
    default:
      out({ type: 'error', message: 'unknown command ' + cmd.cmd });
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim()) {
    try {
      handle(JSON.parse(line));
    }
    catch (err) {
      out({ type: 'error', message: String(err && err.stack || err) });
    }
  }
});
out({ type: 'ready' });
