// A Node socket.io server with @socket.io/postgres-adapter on the Postgres given as argv[2]
// (a pg connection string). Its clients join rooms with a "join" event (acknowledged).
// Commands on stdin (one JSON object a line) act on the cluster; it prints one JSON
// object a line on stdout.
const http = require('http');
const readline = require('readline');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/postgres-adapter');
const { Pool } = require('pg');

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// Binary values cross stdin/stdout as {"$bin": base64}, as the test driver writes them.
function decode(value) {
  if (Array.isArray(value)) {
    return value.map(decode);
  }
  if (value && typeof value === 'object') {
    if (typeof value.$bin === 'string') {
      return Buffer.from(value.$bin, 'base64');
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

function encode(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { $bin: Buffer.from(value).toString('base64') };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

const pool = new Pool({ connectionString: process.argv[2] });
pool.on('error', (err) => out({ event: 'pg-error', message: String(err) }));
// The adapter 0.5.0 listens on a client it checks out of the pool and handles its "end"
// but not its "error": without a listener of the application's, a Postgres restart
// crashes the process (an unhandled 'error' event). The pool's own 'error' event covers
// idle clients only.
pool.on('connect', (client) => client.on('error', (err) => out({ event: 'pg-client-error', message: String(err) })));
const httpServer = http.createServer();
const io = new Server(httpServer, { adapter: createAdapter(pool) });
io.on('connection', (socket) => {
  socket.data.node = 'node';
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') {
      ack('joined');
    }
  });
});
io.on('hello', (arg, ack) => {
  if (typeof ack === 'function') {
    ack('from-node');
  }
});
// Answers with what it got, binary included.
io.on('echo', (arg, ack) => {
  out({ event: 'server-side-emit', arg: encode(arg) });
  if (typeof ack === 'function') {
    ack(arg);
  }
});

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  if (!line.trim()) {
    return;
  }
  const cmd = JSON.parse(line);
  try {
    const target = cmd.rooms ? io.to(cmd.rooms) : io;
    switch (cmd.cmd) {
      case 'emit':
        target.emit(cmd.event, ...decode(cmd.args || []));
        out({ event: 'emitted', tag: cmd.tag });
        break;
      case 'fetch': {
        const sockets = await target.fetchSockets();
        out({ event: 'fetched', tag: cmd.tag, ids: sockets.map((socket) => socket.id) });
        break;
      }
      case 'serverSideEmitWithAck': {
        const responses = await io.serverSideEmitWithAck(cmd.event, ...decode(cmd.args || []));
        out({ event: 'server-acks', tag: cmd.tag, responses: encode(responses) });
        break;
      }
      case 'count':
        out({ event: 'count', tag: cmd.tag, count: await io.of('/').adapter.serverCount() });
        break;
      case 'exit':
        io.close();
        await pool.end();
        process.exit(0);
        break;
      default:
        out({ event: 'error', message: 'unknown command ' + cmd.cmd });
    }
  }
  catch (err) {
    out({ event: 'failed', tag: cmd.tag, message: String(err && err.message || err) });
  }
});

httpServer.listen(0, '127.0.0.1', () => out({ event: 'ready', port: httpServer.address().port }));
