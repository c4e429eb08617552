/**
 * `npm run --silent parse`: JSONL in (stdin) → JSONL out (stdout), CONTRACTS §2. One output line
 * per input line, in order; a bad line gets {"id", "error"} and the stream goes on.
 */
import { createInterface } from 'node:readline';
import { createLogger } from '../src/log.ts';
import { answerLine as answer } from './parse-line.ts';

const log = createLogger('parse');

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
let count = 0;
rl.on('line', (line) => {
  out.push(answer(line));
  count++;
  if (out.length >= 512) process.stdout.write(out.splice(0).join('\n') + '\n');
});
rl.on('close', () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  log.debug({ lines: count }, 'parse done');
});
