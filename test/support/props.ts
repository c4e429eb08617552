/**
 * How many runs each fast-check property gets. `npm test` keeps the default small so the
 * suite stays quick on 2 cores; `npm run test:props` sets HUIKUAN_PROP_RUNS=10000 for the
 * dedicated deep run.
 */
export function propRuns(defaultRuns = 200): number {
  const n = Number(process.env.HUIKUAN_PROP_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}
