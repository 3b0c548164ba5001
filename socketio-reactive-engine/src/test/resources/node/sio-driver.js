// Drives npm socket.io-client sockets from JSON commands on stdin; prints what the
// sockets observe as JSON lines on stdout. Binary values travel as {"$bin": base64}.
const { io } = require('socket.io-client');
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
    const values = ackRequested ? args.slice(0, -1) : args;
    out({ id: cmd.id, type: 'event', event, args: encode(values), ackRequested });
    if (ackRequested) {
      const reply = autoAcks.get(cmd.id + '/' + event);
      if (reply !== undefined) {
        last(...decode(reply));
      }
    }
  });
}

function handle(cmd) {
  const socket = sockets.get(cmd.id);
  switch (cmd.cmd) {
    case 'connect':
      connect(cmd);
      break;
    case 'autoAck':
      autoAcks.set(cmd.id + '/' + cmd.event, cmd.reply);
      // stdin and the sockets are separate inputs: an event may be read before this command,
      // so the test waits for this line before it makes the server emit.
      out({ id: cmd.id, type: 'autoAck', event: cmd.event });
      break;
    case 'emit': {
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
      break;
    }
    case 'disconnect':
      socket.disconnect();
      break;
    case 'connectAgain':
      socket.connect();
      break;
    case 'moveTo':
      // Where the next reconnection goes: another node behind the same load balancer.
      socket.io.uri = cmd.url;
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
