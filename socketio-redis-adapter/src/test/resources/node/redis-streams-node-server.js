// A Node socket.io server with @socket.io/redis-streams-adapter on the Redis given as argv[2]
// (a redis:// URL, or "cluster:host:port,host:port,..." for a Redis Cluster client), with
// and the flags after it: "recovery" for connection state recovery (new sockets then join
// "room"), "sharded" for useShardedPubSub.
// It prints a "connection" line for each socket. Commands and output: see cluster-server.js.
const { createAdapter } = require('@socket.io/redis-streams-adapter');
const { out, redisClient, serve, run } = require('./cluster-server');

run(async () => {
  const client = redisClient(process.argv[2]);
  await client.connect();
  const flags = process.argv.slice(3);
  const recovery = flags.includes('recovery');
  const serverOptions = {
    adapter: createAdapter(client, { blockTimeInMs: 1000, useShardedPubSub: flags.includes('sharded') }),
  };
  if (recovery) {
    serverOptions.connectionStateRecovery = { maxDisconnectionDuration: 120000 };
  }
  serve({
    serverOptions,
    onConnection: (socket) => {
      out({ event: 'connection', id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms],
        data: socket.data });
      if (!socket.recovered) {
        socket.data.user = socket.handshake.auth.user;
        socket.data.node = 'node';
        if (recovery) {
          socket.join('room');
        }
      }
    },
    close: () => client.quit(),
  });
});
