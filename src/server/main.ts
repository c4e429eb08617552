/**
 * `npm start`: the bot with embedded defaults (SQLite file store, the local SMS simulator, HTTP
 * on PORT). Configuration comes from the environment (src/config.ts); a bad value stops start-up
 * with a message naming the variable.
 */
import { ConfigError } from '../config.ts';
import { startHuikuan, type Running } from './huikuan-server.ts';

let running: Running;
try {
  running = await startHuikuan(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`huikuan: configuration error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
process.stdout.write(
  `Huikuan is listening on ${running.url}  (health: /healthz, simulator: POST /sim/inbound)\n`,
);
const stop = (): void => {
  void running.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
