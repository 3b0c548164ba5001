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

const pool = new Pool({ connectionString: process.argv[2] });
pool.on('error', (err) => out({ event: 'pg-error', message: String(err) }));
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

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  if (!line.trim()) {
    return;
  }
  const cmd = JSON.parse(line);
  try {
    const target = cmd.rooms ? io.to(cmd.rooms) : io;
    switch (cmd.cmd) {
      case 'emit':
        target.emit(cmd.event, ...(cmd.args || []));
        out({ event: 'emitted', tag: cmd.tag });
        break;
      case 'fetch': {
        const sockets = await target.fetchSockets();
        out({ event: 'fetched', tag: cmd.tag, ids: sockets.map((socket) => socket.id) });
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
