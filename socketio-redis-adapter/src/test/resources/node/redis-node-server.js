// A Node socket.io server with @socket.io/redis-adapter on the Redis given as argv[2] (with
// argv[3] "sharded-cluster": createShardedAdapter on the Redis Cluster whose nodes argv[2]
// lists as host:port,...). Its
// clients join rooms with a "join" event (acknowledged). Commands on stdin (one JSON object a
// line) make it act on the cluster; it prints one JSON object a line on stdout.
const http = require('http');
const readline = require('readline');
const { Server } = require('socket.io');
const { createAdapter, createShardedAdapter } = require('@socket.io/redis-adapter');
const { createClient, createCluster } = require('redis');

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
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

function describe(socket) {
  return { id: socket.id, rooms: [...socket.rooms], data: socket.data,
    auth: socket.handshake.auth, query: socket.handshake.query };
}

async function main() {
  const sharded = process.argv[3] === 'sharded-cluster';
  const pubClient = sharded
    ? createCluster({ rootNodes: process.argv[2].split(',').map((node) => ({ url: 'redis://' + node })) })
    : createClient({ url: process.argv[2] });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  subClient.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const httpServer = http.createServer();
  const adapter = sharded ? createShardedAdapter(pubClient, subClient)
    : createAdapter(pubClient, subClient, { requestsTimeout: 3000 });
  const io = new Server(httpServer, { adapter });
  io.on('connection', (socket) => {
    socket.data.user = socket.handshake.auth.user;
    socket.data.node = 'node';
    socket.on('join', (room, ack) => {
      socket.join(room);
      if (typeof ack === 'function') {
        ack('joined');
      }
    });
  });
  io.on('hello', (arg, ack) => {
    out({ event: 'server-side-emit', arg });
    if (typeof ack === 'function') {
      ack({ node: 'node' });
    }
  });

  readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    if (!line.trim()) {
      return;
    }
    const cmd = JSON.parse(line);
    try {
      let target = io;
      if (cmd.rooms) {
        target = target.to(cmd.rooms);
      }
      if (cmd.except) {
        target = target.except(cmd.except);
      }
      switch (cmd.cmd) {
        case 'emit':
          target.emit(cmd.event, ...decode(cmd.args || []));
          out({ event: 'emitted', tag: cmd.tag });
          break;
        case 'emitWithAck': {
          const responses = await target.timeout(cmd.timeout).emitWithAck(cmd.event, ...decode(cmd.args || []));
          out({ event: 'acks', tag: cmd.tag, responses });
          break;
        }
        case 'fetch': {
          const sockets = await target.fetchSockets();
          out({ event: 'fetched', tag: cmd.tag, sockets: sockets.map(describe) });
          break;
        }
        case 'serverSideEmitWithAck': {
          const responses = await io.serverSideEmitWithAck(cmd.event, ...(cmd.args || []));
          out({ event: 'server-acks', tag: cmd.tag, responses });
          break;
        }
        case 'socketsJoin':
          target.socketsJoin(cmd.join);
          out({ event: 'done', tag: cmd.tag });
          break;
        case 'socketsLeave':
          target.socketsLeave(cmd.leave);
          out({ event: 'done', tag: cmd.tag });
          break;
        case 'allRooms':
          out({ event: 'names', tag: cmd.tag, names: [...await io.of('/').adapter.allRooms()] });
          break;
        case 'count':
          out({ event: 'count', tag: cmd.tag, count: await io.of('/').adapter.serverCount() });
          break;
        case 'exit':
          io.close();
          await Promise.allSettled([pubClient.quit(), subClient.quit()]);
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
}

main().catch((err) => {
  out({ event: 'error', message: String(err && err.stack || err) });
  process.exit(1);
});
