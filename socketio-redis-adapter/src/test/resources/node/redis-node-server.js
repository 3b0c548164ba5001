// A Node socket.io server with @socket.io/redis-adapter on the Redis given as argv[2] (with
// argv[3] "sharded-cluster": createShardedAdapter on the Redis Cluster whose nodes argv[2]
// lists as host:port,...). Commands and output: see cluster-server.js; "allRooms" as well.
const { createAdapter, createShardedAdapter } = require('@socket.io/redis-adapter');
const { out, redisClient, serve, run } = require('./cluster-server');

run(async () => {
  const sharded = process.argv[3] === 'sharded-cluster';
  const pubClient = redisClient(sharded ? 'cluster:' + process.argv[2] : process.argv[2]);
  const subClient = pubClient.duplicate();
  subClient.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  await Promise.all([pubClient.connect(), subClient.connect()]);
  const adapter = sharded ? createShardedAdapter(pubClient, subClient)
    : createAdapter(pubClient, subClient, { requestsTimeout: 3000 });
  serve({
    serverOptions: { adapter },
    commands: {
      allRooms: async (cmd, target, io) => ({ event: 'names', names: [...await io.of('/').adapter.allRooms()] }),
    },
    close: () => Promise.allSettled([pubClient.quit(), subClient.quit()]),
  });
});
