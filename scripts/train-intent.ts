/**
 * `npm run train:intent [-- --check] [--cv] [--out PATH]`: trains the intent classifier from the
 * labelled sets, with --cv measures it by leave-one-file-out cross-validation against the rules
 * (slow: one fit per file pair), and writes
 * src/parse/classifier/model.json (weights, pinyin table, hybrid thresholds, training metadata).
 *
 * Deterministic: the same files give a byte-identical model.json (`--check` verifies that the
 * committed file is what the data makes, and exits 1 otherwise). Timings go to stdout only,
 * never into the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { loadLabelled } from '../src/parse/evaluate.ts';
import { MAX_ANALYSED_CHARS, normalize, parseByRules } from '../src/parse/index.ts';
import { INTENTS, type Intent } from '../src/parse/schema.ts';
import {
  chooseThresholds,
  hybridIntents,
  leaveOneFileOut,
  score,
  THRESHOLD_GRID,
  type EvalMessage,
  type Fit,
} from '../src/parse/classifier/cross-validation.ts';
import { featureIndices } from '../src/parse/classifier/features.ts';
import {
  encodeWeights,
  loadPredictor,
  ModelFileSchema,
  type HybridThresholds,
  type ModelFile,
} from '../src/parse/classifier/model-file.ts';
import { decodePinyinTable, encodePinyinTable } from '../src/parse/classifier/pinyin-table.ts';
import { DEFAULT_HYPER, trainSoftmax } from '../src/parse/classifier/train.ts';

const FILES = [
  'test/fixtures/parse-dev.jsonl',
  'test/fixtures/parse-holdout.jsonl',
  'test/fixtures/parse-blind-3.jsonl',
  'test/fixtures/parse-batch-yue-tw.jsonl',
  'test/fixtures/parse-batch-stories.jsonl',
  'test/fixtures/parse-batch-typos-en.jsonl',
  'test/fixtures/parse-batch-en-2.jsonl',
  'test/fixtures/parse-batch-yue-tw-2.jsonl',
  'test/fixtures/parse-batch-mainland-2.jsonl',
  'test/fixtures/parse-batch-en-4.jsonl',
  'test/fixtures/parse-batch-en-5.jsonl',
  // read and tuned on (test/fixtures/README.md); en-3, en-6, en-9, en-12, en-16, zh-3, zh-8, mixed-4,
  // mixed-5, yue-tw-3 and yue-tw-8 stay unread and untrained
  'test/fixtures/parse-batch-en-7.jsonl',
  'test/fixtures/parse-batch-en-8.jsonl',
  'test/fixtures/parse-batch-zh-5.jsonl',
  'test/fixtures/parse-batch-en-10.jsonl',
  'test/fixtures/parse-batch-en-11.jsonl',
  'test/fixtures/parse-batch-zh-6.jsonl',
  'test/fixtures/parse-batch-yue-tw-4.jsonl',
  'test/fixtures/parse-batch-en-13.jsonl',
  'test/fixtures/parse-batch-yue-tw-5.jsonl',
  'test/fixtures/parse-batch-yue-tw-6.jsonl',
  'test/fixtures/parse-batch-en-14.jsonl',
  'test/fixtures/parse-batch-mixed-6.jsonl',
  'test/fixtures/parse-batch-yue-tw-7.jsonl',
  'test/fixtures/parse-batch-en-15.jsonl',
  'test/fixtures/parse-batch-zh-7.jsonl',
  'test/fixtures/parse-batch-en-17.jsonl',
  'test/fixtures/parse-batch-yue-tw-9.jsonl',
  'test/fixtures/parse-batch-yue-tw-10.jsonl',
  'test/fixtures/parse-batch-yue-tw-11.jsonl',
  'test/fixtures/parse-batch-yue-tw-12.jsonl',
  'test/fixtures/parse-batch-en-18.jsonl',
  'test/fixtures/parse-batch-en-19.jsonl',
  'test/fixtures/parse-batch-yue-tw-13.jsonl',
  'test/fixtures/parse-batch-en-20.jsonl',
  'test/fixtures/parse-batch-en-21.jsonl',
  'test/fixtures/parse-batch-yue-tw-14.jsonl',
  'test/fixtures/parse-batch-en-22.jsonl',
  'test/fixtures/parse-batch-en-23.jsonl',
];
/** Buckets whose largest |weight| is under this are dropped from the file (measured: no accuracy lost). */
const PRUNE_BELOW = 0.02;
const HYPER = DEFAULT_HYPER;

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outPath = outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : 'src/parse/classifier/model.json';
const log = (line: string): void => console.error(line);
const t0 = performance.now();

// pinyin-pro, frozen into a table: one toneless reading per character.
const pinyinData = encodePinyinTable((ch) => {
  const [reading] = pinyin(ch, { toneType: 'none', type: 'array' });
  return reading && /^[a-zü]+$/.test(reading) ? reading : undefined;
});
const table = decodePinyinTable(pinyinData);

const labelled = FILES.flatMap((file) => loadLabelled(file).map((m) => ({ file, m })));
const msgs: EvalMessage[] = labelled.map(({ file, m }) => {
  const rules = parseByRules(m.text, { context: m.context, locale: m.locale, now: m.now });
  return {
    file,
    normText: normalize(m.text.slice(0, MAX_ANALYSED_CHARS)),
    context: m.context,
    gold: m.expect.intent,
    rules: rules.intent,
    rulesConfidence: rules.confidence,
  };
});
const label = new Map<Intent, number>(INTENTS.map((intent, i) => [intent, i]));
const indicesOf = new Map(msgs.map((m) => [m, featureIndices(m.normText, m.context, table)]));

const NO_THRESHOLDS: HybridThresholds = { otherAt: 1.01, overrideAt: null };
let fits = 0;
const fitWeights = (training: readonly EvalMessage[]) => {
  fits++;
  return trainSoftmax(
    training.map((m) => ({ indices: indicesOf.get(m)!, label: label.get(m.gold)! })),
    INTENTS.length,
    HYPER,
  );
};
// Folds are scored through the shipped encoding (pruned, int8), so the table measures the real model.
const fit: Fit = (training) => {
  const encoded = {
    classes: [...INTENTS],
    hybrid: NO_THRESHOLDS,
    ...encodeWeights(fitWeights(training).model, PRUNE_BELOW),
  };
  const predictor = loadPredictor(encoded, table);
  return (m) => predictor.predict(m.normText, m.context);
};

// Leave-one-file-out takes (files × files) fits: minutes on 2 cores, so only with --cv.
const cv = args.includes('--cv') ? leaveOneFileOut(msgs, FILES, fit, log) : null;
/**
 * The shipped thresholds are fixed, not chosen here: the rules are tuned to every file above, so a
 * choice on these files' out-of-fold predictions favours the rules (they are in-sample). They
 * were chosen on the four batches the classifier had not been trained on (typos-en, en-2,
 * yue-tw-2, mainland-2; the last three at their first, blind scoring): naming what the rules
 * called `other` at p ≥ 0.4 was right 32 times where the rules were wrong, and wrong 4 times where
 * they were right; overriding a rules intent at p ≥ 0.97 gained 14 and lost 5, at
 * 0.9 ≤ p < 0.97 gained 9 and lost 8, below 0.9 gained 25 and lost 37.
 */
const SHIPPED: HybridThresholds = { otherAt: 0.4, overrideAt: 0.97 };
const inSampleChoice = cv ? chooseThresholds(msgs, cv.predictions) : null;
const shipped = SHIPPED;
const cvSeconds = (performance.now() - t0) / 1000;

const tFinal = performance.now();
const final = fitWeights(msgs);
const trainSeconds = (performance.now() - tFinal) / 1000;

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const file: ModelFile = ModelFileSchema.parse({
  format: 'huikuan-intent-softmax/1',
  classes: [...INTENTS],
  featureBits: 18,
  ...encodeWeights(final.model, PRUNE_BELOW),
  hybrid: shipped,
  pinyin: pinyinData,
  training: {
    script: 'scripts/train-intent.ts',
    files: FILES.map((path) => ({
      path,
      sha256: sha256(path),
      messages: msgs.filter((m) => m.file === path).length,
    })),
    perIntent: Object.fromEntries(INTENTS.map((i) => [i, msgs.filter((m) => m.gold === i).length])),
    hyper: { ...HYPER, pruneBelow: PRUNE_BELOW },
    randomness: 'none: full-batch L-BFGS from zero weights over the files in the order listed',
    iterations: final.report.iterations,
    objective: Number(final.report.objective.toPrecision(12)),
    featuresSeen: final.report.features,
    pinyinSource: `pinyin-pro ${JSON.parse(readFileSync('node_modules/pinyin-pro/package.json', 'utf8')).version}, toneType none, first reading`,
  },
});
const json = JSON.stringify(file) + '\n';

// --- report -----------------------------------------------------------------------------------
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const cell = (s: { accuracy: number; macroF1: number }): string => `${pct(s.accuracy)} / ${pct(s.macroF1)}`;
const short = (f: string): string => f.replace('test/fixtures/', '');
const fmtT = (t: HybridThresholds): string =>
  `other ≥ ${t.otherAt > 1 ? 'never' : t.otherAt}, override ≥ ${t.overrideAt ?? 'never'}`;

if (cv) {
  const { folds, predictions } = cv;
  console.log('\nLeave-one-file-out: intent accuracy / macro-F1 on the held-out file\n');
  console.log(
    '| held-out file | n | rules only | classifier only | hybrid | hybrid changed (right) | thresholds (inner CV) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const f of folds)
    console.log(
      `| ${short(f.file)} | ${f.messages} | ${cell(f.rules)} | ${cell(f.classifier)} | ${cell(f.hybrid)} | ${f.changed} (${f.changedRight}) | ${fmtT(f.thresholds)} |`,
    );
  const all = (pick: (i: number) => Intent): string =>
    cell(
      score(
        msgs.map((m) => m.gold),
        msgs.map((_, i) => pick(i)),
      ),
    );
  const foldHybrid = new Map<string, Intent[]>(
    folds.map((f) => {
      const idx = msgs.flatMap((m, i) => (m.file === f.file ? [i] : []));
      const hyb = hybridIntents(
        idx.map((i) => msgs[i]!),
        idx.map((i) => predictions[i]!),
        f.thresholds,
      );
      return [f.file, hyb];
    }),
  );
  const pooledHybrid: Intent[] = [];
  {
    const pos = new Map<string, number>();
    for (const m of msgs) {
      const k = pos.get(m.file) ?? 0;
      pooledHybrid.push(foldHybrid.get(m.file)![k]!);
      pos.set(m.file, k + 1);
    }
  }
  console.log(
    `| all (pooled) | ${msgs.length} | ${all((i) => msgs[i]!.rules)} | ${all((i) => predictions[i]!.intent)} | ${all((i) => pooledHybrid[i]!)} | | |`,
  );

  // Descriptive only, never used to choose: how the held-out batches respond to the thresholds.
  console.log(
    '\nSensitivity on the held-out batches (descriptive; thresholds are chosen by inner CV, not here)\n',
  );
  const batches = FILES.filter((f) => f.includes('batch'));
  console.log(`| thresholds | ${batches.map(short).join(' | ')} |`);
  console.log(`| --- | ${batches.map(() => '---').join(' | ')} |`);
  for (const t of THRESHOLD_GRID.filter(
    (t) => [1.01, 0.5, 0].includes(t.otherAt) && [null, 0.95, 0.8].includes(t.overrideAt),
  )) {
    const cells = batches.map((b) => {
      const idx = msgs.flatMap((m, i) => (m.file === b ? [i] : []));
      const sub = idx.map((i) => msgs[i]!);
      return cell(
        score(
          sub.map((m) => m.gold),
          hybridIntents(
            sub,
            idx.map((i) => predictions[i]!),
            t,
          ),
        ),
      );
    });
    console.log(`| ${fmtT(t)} | ${cells.join(' | ')} |`);
  }
}

// Predict cost of the shipped encoding, on the labelled messages (already normalised).
const predictor = loadPredictor(file, table);
for (const m of msgs) predictor.predict(m.normText, m.context);
const reps = 20;
const tp = performance.now();
for (let r = 0; r < reps; r++) for (const m of msgs) predictor.predict(m.normText, m.context);
const predictUs = ((performance.now() - tp) * 1000) / (reps * msgs.length);
// The rules on the same messages and the same (shared, noisy) machine: the ratio is what travels.
const tr = performance.now();
for (let r = 0; r < reps; r++)
  for (const { m } of labelled) parseByRules(m.text, { context: m.context, locale: m.locale, now: m.now });
const parseUs = ((performance.now() - tr) * 1000) / (reps * labelled.length);

console.log(
  `\nshipped thresholds (fixed from the blind batches): ${fmtT(shipped)}${inSampleChoice ? `; in-sample CV would choose ${fmtT(inSampleChoice)}` : ''}`,
);
console.log(
  `model: ${file.training.featuresSeen} features seen, ${Buffer.from(file.scales, 'base64').length / 4} buckets kept, ${(json.length / 1024).toFixed(0)} KiB; final fit ${final.report.iterations} iterations in ${trainSeconds.toFixed(1)} s; ${cv ? `cross-validation ${fits - 1} fits in ${cvSeconds.toFixed(0)} s` : 'no cross-validation (--cv)'}`,
);
console.log(
  `predict: ${predictUs.toFixed(2)} µs per message (featurise + score + softmax, one core); parse() on the same messages ${parseUs.toFixed(2)} µs (predict = ${(predictUs / parseUs).toFixed(2)} × parse)`,
);

if (args.includes('--check')) {
  const committed = readFileSync(outPath, 'utf8');
  if (committed !== json) {
    console.error(`${outPath} differs from what the data makes: retrain with npm run train:intent`);
    // An exit code, not process.exit(), as in replay.ts: the report above drains through a pipe.
    process.exitCode = 1;
  } else console.log(`${outPath} is reproduced byte for byte`);
} else {
  writeFileSync(outPath, json);
  console.log(`wrote ${outPath}`);
}
