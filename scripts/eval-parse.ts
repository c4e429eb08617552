/**
 * `npm run eval:parse [-- PATH] [--misses] [--json]`: per-field accuracy, per-intent
 * precision/recall/F1 and the confusion pairs of the parser on a labelled set
 * (default test/fixtures/parse-dev.jsonl).
 */
import { evaluate, loadLabelled } from '../src/parse/evaluate.ts';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/parse-dev.jsonl';
const set = loadLabelled(path);
const ev = evaluate(set);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

if (args.includes('--json')) {
  console.log(
    JSON.stringify(
      { path, total: ev.total, accuracy: ev.accuracy, perIntent: ev.perIntent, confusions: ev.confusions },
      null,
      2,
    ),
  );
} else {
  console.log(`${path}: ${ev.total} messages\n`);
  console.log('field          accuracy');
  for (const [k, v] of Object.entries(ev.accuracy)) console.log(`${k.padEnd(14)} ${pct(v).padStart(7)}`);
  console.log('\nintent                support  precision  recall     F1');
  for (const [intent, s] of Object.entries(ev.perIntent)) {
    console.log(
      `${intent.padEnd(21)} ${String(s.support).padStart(7)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)}`,
    );
  }
  console.log('\nconfusions (expected → got)');
  for (const c of ev.confusions.slice(0, 20))
    console.log(`${String(c.count).padStart(4)}  ${c.expected} → ${c.got}`);
  if (args.includes('--misses')) {
    console.log('\nmisses');
    for (const m of ev.misses)
      console.log(
        `${m.id} [${m.context}] ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}  ${JSON.stringify(m.text)}`,
      );
  }
}
