// A Node socket.io server with @socket.io/redis-streams-adapter on the Redis given as argv[2]
// (a redis:// URL, or "cluster:host:port,host:port,..." for a Redis Cluster client)
// (connection state recovery on when argv[3] is "recovery"). Its clients join rooms with a
// "join" event (acknowledged). Commands on stdin (one JSON object a
// line) make it act on the cluster; it prints one JSON object a line on stdout.
const http = require('http');
const readline = require('readline');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-streams-adapter');
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
  const target = process.argv[2];
  const redisClient = target.startsWith('cluster:')
    ? createCluster({ rootNodes: target.slice('cluster:'.length).split(',').map((node) => ({ url: 'redis://' + node })) })
    : createClient({ url: target });
  redisClient.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  await redisClient.connect();

  const httpServer = http.createServer();
  const options = { adapter: createAdapter(redisClient, { blockTimeInMs: 1000 }) };
  if (process.argv[3] === 'recovery') {
    options.connectionStateRecovery = { maxDisconnectionDuration: 120000 };
  }
  const io = new Server(httpServer, options);
  io.on('connection', (socket) => {
    out({ event: 'connection', id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms],
      data: socket.data });
    if (!socket.recovered) {
      socket.data.user = socket.handshake.auth.user;
      socket.data.node = 'node';
      if (process.argv[3] === 'recovery') {
        socket.join('room');
      }
    }
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
        case 'disconnectSockets':
          target.disconnectSockets(!!cmd.close);
          out({ event: 'done', tag: cmd.tag });
          break;
        case 'count':
          out({ event: 'count', tag: cmd.tag, count: await io.of('/').adapter.serverCount() });
          break;
        case 'exit':
          io.close();
          await Promise.allSettled([redisClient.quit()]);
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
