/**
 * The top of a V8 CPU profile (`node --cpu-prof`): self and inclusive time per function, so a
 * slow figure can be explained without a browser. Usage:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx <script>
 *   npx tsx bench/profile-top.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--filter src/] [--under 'receive src/service']
 * `--under NAME` keeps only the samples whose stack passes through a function whose label starts with NAME.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  fn: string;
  selfMs: number;
  totalMs: number;
}

/** Self and inclusive milliseconds per function (recursion counted once per stack). */
export function profileTop(profile: Profile, under = ''): { totalMs: number; lines: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node): string => {
    const url = n.callFrame.url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/(node_modules\/|src\/|machines\/|bench\/|scripts\/)/, '$1');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    if (under) {
      // Only the samples whose stack passes through a function matching `under`.
      let inside = false;
      for (
        let n: Node | undefined = leaf;
        n && !inside;
        n = parent.has(n.id) ? byId.get(parent.get(n.id)!) : undefined
      )
        inside = label(n).startsWith(under);
      if (!inside) return;
    }
    all += dt;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: Node | undefined = leaf; n; n = parent.has(n.id) ? byId.get(parent.get(n.id)!) : undefined) {
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const lines = [...total.keys()].map((fn) => ({
    fn,
    selfMs: self.get(fn) ?? 0,
    totalMs: total.get(fn) ?? 0,
  }));
  return { totalMs: all, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const top = Number(args[args.indexOf('--top') + 1]) || 30;
  const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1]! : '';
  const under = args.includes('--under') ? args[args.indexOf('--under') + 1]! : '';
  const files = args.filter(
    (a, i) => !a.startsWith('--') && !['--top', '--filter', '--under'].includes(args[i - 1] ?? ''),
  );
  for (const file of files) {
    const { totalMs, lines } = profileTop(JSON.parse(readFileSync(file, 'utf8')) as Profile, under);
    const show = (title: string, key: 'selfMs' | 'totalMs') => {
      console.log(`\n${title} (of ${Math.round(totalMs)} ms sampled)`);
      for (const l of lines
        .filter((x) => x.fn.includes(filter))
        .sort((a, b) => b[key] - a[key])
        .slice(0, top)) {
        console.log(
          `${((l[key] / totalMs) * 100).toFixed(1).padStart(5)}%  ${Math.round(l[key]).toString().padStart(6)} ms  ${l.fn}`,
        );
      }
    };
    console.log(`== ${file}`);
    show('self time', 'selfMs');
    show('inclusive time', 'totalMs');
  }
}
