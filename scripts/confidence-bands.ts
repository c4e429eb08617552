/**
 * `npm run eval:confidence [-- PATH...]`: how often the parser's intent is right per band of its
 * confidence, over the labelled fixtures (default every test/fixtures/parse-*.jsonl), and what
 * each candidate threshold of the dialogue's reading check (machines/reading-check.ts) would
 * catch: the wrong action readings it questions and the right ones it questions needlessly.
 * An action reading is one the dialogue acts on (accept, promise_to_pay, request_extension with a
 * plan agreed, dispute, already_paid). Prints markdown tables for docs/decisions.md.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_BELOW } from '../machines/reading-check.ts';
import { loadLabelled } from '../src/parse/evaluate.ts';
import { parse, type Intent } from '../src/parse/index.ts';

const ACTIONS: ReadonlySet<Intent> = new Set([
  'accept',
  'promise_to_pay',
  'request_extension',
  'dispute',
  'already_paid',
]);
const BANDS = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 1.01];
const CANDIDATES = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

const dir = 'test/fixtures';
const args = process.argv.slice(2);
const paths = args.length
  ? args
  : readdirSync(dir)
      .filter((f) => /^parse-.*\.jsonl$/.test(f))
      .sort()
      .map((f) => join(dir, f));

interface Row {
  confidence: number;
  right: boolean;
  action: boolean;
}
const rows: Row[] = [];
for (const path of paths)
  for (const m of loadLabelled(path)) {
    const p = parse(m.text, { context: m.context, locale: m.locale, now: m.now });
    rows.push({
      confidence: p.confidence,
      right: p.intent === m.expect.intent,
      action: ACTIONS.has(p.intent),
    });
  }

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);
const band = (lo: number, hi: number): string =>
  hi > 1 ? `${lo.toFixed(2)}–1.00` : `${lo.toFixed(2)}–${hi.toFixed(2)}`;

console.log(`${rows.length} labelled messages from ${paths.length} files\n`);
console.log('| confidence | messages | intent right | action readings | of them wrong |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (let i = 0; i + 1 < BANDS.length; i++) {
  const lo = BANDS[i]!;
  const hi = BANDS[i + 1]!;
  const inBand = rows.filter((r) => r.confidence >= lo && r.confidence < hi);
  const acts = inBand.filter((r) => r.action);
  const wrong = acts.filter((r) => !r.right).length;
  console.log(
    `| ${band(lo, hi)} | ${inBand.length} | ${pct(inBand.filter((r) => r.right).length, inBand.length)} | ${acts.length} | ${wrong} |`,
  );
}

const acts = rows.filter((r) => r.action);
const wrongActs = acts.filter((r) => !r.right).length;
console.log('\n| asked below | wrong actions asked about | right actions asked about |');
console.log('| ---: | ---: | ---: |');
for (const t of CANDIDATES) {
  const asked = acts.filter((r) => r.confidence < t);
  const wrong = asked.filter((r) => !r.right).length;
  const mark = t === CHECK_BELOW ? ' (chosen)' : '';
  console.log(
    `| ${t.toFixed(2)}${mark} | ${wrong} of ${wrongActs} | ${asked.length - wrong} of ${acts.length - wrongActs} |`,
  );
}
