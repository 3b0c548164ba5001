// A Node socket.io server with @socket.io/postgres-adapter on the Postgres given as argv[2]
// (a pg connection string). Commands and output: see cluster-server.js.
const { createAdapter } = require('@socket.io/postgres-adapter');
const { Pool } = require('pg');
const { out, serve, run } = require('./cluster-server');

run(async () => {
  const pool = new Pool({ connectionString: process.argv[2] });
  pool.on('error', (err) => out({ event: 'pg-error', message: String(err) }));
  // The adapter 0.5.0 listens on a client it checks out of the pool and handles its "end"
  // but not its "error": without a listener of the application's, a Postgres restart
  // crashes the process (an unhandled 'error' event). The pool's own 'error' event covers
  // idle clients only.
  pool.on('connect', (client) => client.on('error', (err) => out({ event: 'pg-client-error', message: String(err) })));
  serve({
    serverOptions: { adapter: createAdapter(pool) },
    close: () => pool.end(),
  });
});
