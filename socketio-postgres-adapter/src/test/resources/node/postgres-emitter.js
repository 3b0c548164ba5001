// @socket.io/postgres-emitter on the Postgres given as argv[2] (a pg connection string):
// emits to the room argv[3] a small event and one over the 8000-byte threshold, then stays
// until its stdin closes.
const { Emitter } = require('@socket.io/postgres-emitter');
const { Pool } = require('pg');

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

const pool = new Pool({ connectionString: process.argv[2] });
pool.on('error', (err) => out({ event: 'pg-error', message: String(err) }));
const emitter = new Emitter(pool);
emitter.to(process.argv[3]).emit('from-emitter', 'hi', { n: 1 });
emitter.to(process.argv[3]).emit('large-from-emitter', 'y'.repeat(10000));
out({ event: 'sent' });
process.stdin.on('end', () => pool.end().then(() => process.exit(0)));
process.stdin.resume();
