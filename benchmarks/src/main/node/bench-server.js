// The bench contract of spec/BENCH-APP.md on the Node reference server (socket.io 4.8.4).
//   node --expose-gc bench-server.js --server.port=PORT --server.address=127.0.0.1
// On SIGUSR2 it collects garbage (with --expose-gc) and writes process.memoryUsage() as JSON to
// $BENCH_STATS_FILE, for the idle-memory scenario.
// --redis.port=N: run on @socket.io/redis-adapter 8.3.0 (redis client 4.7.1), Redis on 127.0.0.1:N, for
// scenario S7 (two nodes on one Redis); it listens only once both Redis connections are up.
// --redis.adapter=redis-streams: @socket.io/redis-streams-adapter 0.3.1 instead.
// --postgres.port=N: run on @socket.io/postgres-adapter 0.5.0 (pg 8.23.1, a pg.Pool with its defaults),
// Postgres on 127.0.0.1:N (user postgres, database postgres), for scenario S7PG; it listens once a
// connection of the pool answered.
'use strict';
const http = require('http');
const fs = require('fs');
const { Server } = require('socket.io');

let port = 3000;
let address = '127.0.0.1';
let redisPort = 0;
let redisAdapter = 'redis';
let postgresPort = 0;
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--server.port=')) port = Number(arg.substring('--server.port='.length));
  else if (arg.startsWith('--server.address=')) address = arg.substring('--server.address='.length);
  else if (arg.startsWith('--redis.port=')) redisPort = Number(arg.substring('--redis.port='.length));
  else if (arg.startsWith('--redis.adapter=')) redisAdapter = arg.substring('--redis.adapter='.length);
  else if (arg.startsWith('--postgres.port=')) postgresPort = Number(arg.substring('--postgres.port='.length));
}

const httpServer = http.createServer();
const io = new Server(httpServer, {
  path: '/socket.io/',
  pingInterval: 25000,
  pingTimeout: 20000,
  maxHttpBufferSize: 1e6,
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
  transports: ['polling', 'websocket'],
});

io.on('connection', (socket) => {
  socket.on('echo', (...args) => socket.emit('echo', ...args));
  socket.on('ack', (...args) => {
    const ack = args.pop();
    if (typeof ack === 'function') ack(...args);
  });
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') ack(room);
  });
  socket.on('broadcast', (room, payload) => io.to(room).emit('msg', payload));
});

process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  const file = process.env.BENCH_STATS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(process.memoryUsage()));
});
process.on('SIGTERM', () => process.exit(0));

async function useRedis() {
  const { createClient } = require('redis');
  if (redisAdapter === 'redis-streams') {
    const client = createClient({ url: `redis://127.0.0.1:${redisPort}` });
    client.on('error', (err) => console.error('redis', err.message));
    await client.connect();
    io.adapter(require('@socket.io/redis-streams-adapter').createAdapter(client));
    return;
  }
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pubClient = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (err) => console.error('redis pub', err.message));
  subClient.on('error', (err) => console.error('redis sub', err.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);
  io.adapter(createAdapter(pubClient, subClient));
}

async function usePostgres() {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: `postgresql://postgres@127.0.0.1:${postgresPort}/postgres` });
  pool.on('error', (err) => console.error('postgres', err.message));
  await pool.query('SELECT 1');
  io.adapter(require('@socket.io/postgres-adapter').createAdapter(pool));
}

const broker = redisPort ? 'Redis' : postgresPort ? 'Postgres' : '';
(redisPort ? useRedis() : postgresPort ? usePostgres() : Promise.resolve()).then(() => {
  httpServer.listen(port, address, () => {
    console.log(`node bench server listening on ${address}:${port}${broker ? ` with the ${broker} adapter` : ''}`);
  });
}, (err) => {
  console.error(`cannot connect to ${broker}`, err);
  process.exit(1);
});
