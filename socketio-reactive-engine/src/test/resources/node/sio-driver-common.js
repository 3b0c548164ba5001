// What the socket.io-client drivers (sio-driver.js, sio-v2-driver.js) share: JSON lines
// on stdout, binary values as {"$bin": base64} both ways, the sockets by test id, the
// replies set with autoAck, and the loop that reads JSON commands from stdin.
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

// Print an incoming event and answer it with the reply set by autoAck, if any.
function received(id, event, values, ack) {
  out({ id, type: 'event', event, args: encode(values), ackRequested: ack !== undefined });
  const reply = autoAcks.get(id + '/' + event);
  if (ack !== undefined && reply !== undefined) {
    ack(...decode(reply));
  }
}

const commonCommands = {
  autoAck(cmd) {
    autoAcks.set(cmd.id + '/' + cmd.event, cmd.reply);
    // stdin and the sockets are separate inputs: an event may be read before this command,
    // so the test waits for this line before it makes the server emit.
    out({ id: cmd.id, type: 'autoAck', event: cmd.event });
  },
  disconnect(cmd, socket) {
    socket.disconnect();
  },
  closeEngine(cmd, socket) {
    socket.io.engine.close();
  },
  exit() {
    for (const s of sockets.values()) {
      s.disconnect();
    }
    setTimeout(() => process.exit(0), 50);
  },
};

// Run the commands a driver adds to the common ones, each called with the command and the
// socket of its id, then print {"type":"ready"}.
function run(commands) {
  const all = Object.assign({}, commonCommands, commands);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim()) {
      try {
        const cmd = JSON.parse(line);
        if (Object.hasOwn(all, cmd.cmd)) {
          all[cmd.cmd](cmd, sockets.get(cmd.id));
        }
        else {
          out({ type: 'error', message: 'unknown command ' + cmd.cmd });
        }
      }
      catch (err) {
        out({ type: 'error', message: String(err && err.stack || err) });
      }
    }
  });
  out({ type: 'ready' });
}

module.exports = { sockets, out, encode, decode, received, run };
