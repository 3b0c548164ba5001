// A Node socket.io server with @socket.io/redis-streams-adapter on the Redis given as argv[2]
// (a redis:// URL, or "cluster:host:port,host:port,..." for a Redis Cluster client), with
// connection state recovery on when argv[3] is "recovery" (new sockets then join "room").
// It prints a "connection" line for each socket. Commands and output: see cluster-server.js.
const { createAdapter } = require('@socket.io/redis-streams-adapter');
const { out, redisClient, serve, run } = require('./cluster-server');

run(async () => {
  const client = redisClient(process.argv[2]);
  await client.connect();
  const recovery = process.argv[3] === 'recovery';
  const serverOptions = { adapter: createAdapter(client, { blockTimeInMs: 1000 }) };
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
