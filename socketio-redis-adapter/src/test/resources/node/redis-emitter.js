// @socket.io/redis-emitter on the Redis given as argv[2]: commands on stdin (one JSON object
// a line) publish to the cluster; each is confirmed with one JSON line on stdout.
const readline = require('readline');
const { Emitter } = require('@socket.io/redis-emitter');
const { createClient } = require('redis');

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const redisClient = createClient({ url: process.argv[2] });
  redisClient.on('error', (err) => out({ event: 'redis-error', message: String(err) }));
  await redisClient.connect();
  const emitter = new Emitter(redisClient);

  readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    if (!line.trim()) {
      return;
    }
    const cmd = JSON.parse(line);
    let target = emitter.of(cmd.nsp || '/');
    if (cmd.rooms) {
      target = target.to(cmd.rooms);
    }
    if (cmd.except) {
      target = target.except(cmd.except);
    }
    switch (cmd.cmd) {
      case 'emit':
        target.emit(cmd.event, ...(cmd.args || []));
        break;
      case 'socketsJoin':
        target.socketsJoin(cmd.join);
        break;
      case 'serverSideEmit':
        emitter.of(cmd.nsp || '/').serverSideEmit(cmd.event, ...(cmd.args || []));
        break;
      case 'disconnectSockets':
        target.disconnectSockets(!!cmd.close);
        break;
      case 'exit':
        await redisClient.quit();
        process.exit(0);
        return;
      default:
        out({ event: 'error', message: 'unknown command ' + cmd.cmd });
        return;
    }
    out({ event: 'done', tag: cmd.tag });
  });
  out({ event: 'ready' });
}

main().catch((err) => {
  out({ event: 'error', message: String(err && err.stack || err) });
  process.exit(1);
});
