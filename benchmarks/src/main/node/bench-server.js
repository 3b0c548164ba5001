// The bench contract of spec/BENCH-APP.md on the Node reference server (socket.io 4.8.4).
//   node --expose-gc bench-server.js --server.port=PORT --server.address=127.0.0.1
// On SIGUSR2 it collects garbage (with --expose-gc) and writes process.memoryUsage() as JSON to
// $BENCH_STATS_FILE, for the idle-memory scenario.
'use strict';
const http = require('http');
const fs = require('fs');
const { Server } = require('socket.io');

let port = 3000;
let address = '127.0.0.1';
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--server.port=')) port = Number(arg.substring('--server.port='.length));
  else if (arg.startsWith('--server.address=')) address = arg.substring('--server.address='.length);
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

httpServer.listen(port, address, () => {
  console.log(`node bench server listening on ${address}:${port}`);
});
