// What the Node servers of the cluster tests share (the Redis and the Postgres adapter
// modules add this folder to their test resources): a socket.io server on a random loopback
// port whose clients join rooms with a "join" event (acknowledged), that answers the
// server-side event "hello" with {node: 'node'} and "echo" with its argument, and acts on
// the cluster by commands on stdin (one JSON object a line, with a "tag" its answer
// repeats); it prints one JSON object a line on stdout. Binary values cross stdin/stdout as
// {"$bin": base64}.
const http = require('http');
const readline = require('readline');
const { Server } = require('socket.io');

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

function describe(socket) {
  return { id: socket.id, rooms: [...socket.rooms], data: socket.data,
    auth: socket.handshake.auth, query: socket.handshake.query };
}

// A redis 4 client: "cluster:host:port,host:port,..." for a Redis Cluster, else a redis:// URL.
function redisClient(target) {
  const { createClient, createCluster } = require('redis');
  const client = target.startsWith('cluster:')
    ? createCluster({ rootNodes: target.slice('cluster:'.length).split(',').map((node) => ({ url: 'redis://' + node })) })
    : createClient({ url: target });
  client.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  return client;
}

// Start the server. options: serverOptions (adapter and the like), onConnection(socket)
// before the "join" handler is set, commands ({name: async (cmd, target, io) => answer}),
// and close() to release the Redis clients on "exit".
function serve(options) {
  const httpServer = http.createServer();
  const io = new Server(httpServer, options.serverOptions);
  io.on('connection', (socket) => {
    (options.onConnection || ((s) => {
      s.data.user = s.handshake.auth.user;
      s.data.node = 'node';
    }))(socket);
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
  io.on('echo', (arg, ack) => {
    out({ event: 'server-side-emit', arg: encode(arg) });
    if (typeof ack === 'function') {
      ack(arg);
    }
  });
  const commands = Object.assign({
    emit: async (cmd, target) => {
      target.emit(cmd.event, ...decode(cmd.args || []));
      return { event: 'emitted' };
    },
    emitWithAck: async (cmd, target) => ({ event: 'acks',
      responses: await target.timeout(cmd.timeout).emitWithAck(cmd.event, ...decode(cmd.args || [])) }),
    fetch: async (cmd, target) => ({ event: 'fetched', sockets: (await target.fetchSockets()).map(describe) }),
    serverSideEmitWithAck: async (cmd) => ({ event: 'server-acks',
      responses: encode(await io.serverSideEmitWithAck(cmd.event, ...decode(cmd.args || []))) }),
    socketsJoin: async (cmd, target) => {
      target.socketsJoin(cmd.join);
      return { event: 'done' };
    },
    socketsLeave: async (cmd, target) => {
      target.socketsLeave(cmd.leave);
      return { event: 'done' };
    },
    disconnectSockets: async (cmd, target) => {
      target.disconnectSockets(!!cmd.close);
      return { event: 'done' };
    },
    count: async () => ({ event: 'count', count: await io.of('/').adapter.serverCount() }),
    exit: async () => {
      io.close();
      await Promise.allSettled([options.close ? options.close() : Promise.resolve()]);
      process.exit(0);
    },
  }, options.commands || {});

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
      const command = commands[cmd.cmd];
      if (!command) {
        out({ event: 'error', message: 'unknown command ' + cmd.cmd });
        return;
      }
      out({ ...await command(cmd, target, io), tag: cmd.tag });
    }
    catch (err) {
      out({ event: 'failed', tag: cmd.tag, message: String(err && err.message || err) });
    }
  });

  httpServer.listen(0, '127.0.0.1', () => out({ event: 'ready', port: httpServer.address().port }));
  return io;
}

// Run an async main, printing what it throws.
function run(main) {
  main().catch((err) => {
    out({ event: 'error', message: String(err && err.stack || err) });
    process.exit(1);
  });
}

module.exports = { out, decode, encode, describe, redisClient, serve, run };
