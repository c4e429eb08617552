import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md is the map a newcomer trusts, so it is held true here: each room's "May
 * import" sentence is read from the page and every import of every file in the room is checked
 * against it; the rule under all of them (the core imports no Botkit, no I/O library, nothing
 * of the edge) is checked on every core file; and every path the page names exists.
 */

const DOC = readFileSync('docs/architecture.md', 'utf8');

/** Every file under a folder, as repo-relative POSIX paths. */
function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = posix.join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

const SOURCE = /\.(ts|js)$/;
const sources = [
  ...filesUnder('src', SOURCE),
  ...filesUnder('machines', SOURCE),
  ...filesUnder('panel', /\.js$/),
];

/** A room or an allowed import as the page writes it (`parse/`, `money.ts`, `dialogue/types`) → a repo path test. */
function fullPath(token: string): string {
  const full = /^(src|machines|panel)\//.test(token) ? token : `src/${token}`;
  return full.endsWith('/') || /\.(ts|js)$/.test(full) ? full : `${full}.ts`;
}
function target(token: string): (path: string) => boolean {
  const full = fullPath(token);
  return full.endsWith('/') ? (path) => path.startsWith(full) : (path) => path === full;
}

interface Room {
  heading: string;
  /** The room's own paths: folders or files. */
  own: ((path: string) => boolean)[];
  /** null: "May import everything". */
  allowed: ((path: string) => boolean)[] | null;
  tokens: string[];
}

const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const isPath = (t: string): boolean =>
  /^[a-z][\w.-]*(\/[\w.-]*)*$/i.test(t) && (t.includes('/') || /\.(ts|js|json|md)$/.test(t));

/** The room paragraphs: a bold heading naming the rooms in backticks, then the text. */
const paragraphs = DOC.split(/\n\s*\n/);
const rooms: Room[] = paragraphs
  .filter((p) => p.startsWith('**`'))
  .map((p) => {
    const heading = /^\*\*(.+?)\*\*/s.exec(p)![1]!;
    const mayImport = /May\s+import\s+([\s\S]*?)\.(?=\s|$)/.exec(p)?.[1] ?? null;
    return {
      heading,
      own: backticked(heading).filter(isPath).map(target),
      allowed:
        mayImport === null
          ? []
          : /^everything\b/.test(mayImport)
            ? null
            : backticked(mayImport).filter(isPath).map(target),
      tokens: mayImport === null ? [] : backticked(mayImport),
    };
  });

const roomOf = (path: string): Room | undefined => rooms.find((r) => r.own.some((own) => own(path)));

/** Every module a file imports, resolved to a repo path when it is ours, else the package name. */
function importsOf(file: string): { spec: string; path: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specs.map((spec) => ({
    spec,
    path: spec.startsWith('.') ? posix.normalize(join(dirname(file), spec)) : null,
  }));
}

const CORE = [
  'src/parse/',
  'src/planning/',
  'src/time/',
  'src/messages/',
  'src/compliance/',
  'src/dialogue/',
  'machines/',
];
const CORE_FILES = ['src/money.ts', 'src/vocabulary.ts'];
const isCore = (path: string): boolean => CORE.some((c) => path.startsWith(c)) || CORE_FILES.includes(path);
/** Botkit, the HTTP framework, the logger, the database drivers, the network. */
const EDGE_PACKAGES =
  /^(botkit|express|pino|better-sqlite3|pg|postgres)(\/|$)|^(node:)?(http|https|net|tls|dgram|child_process)$/;
/** The core's only reads: its committed data (the classifier's model, labelled sets for the scripts). */
const CORE_FILE_READERS = ['src/parse/classifier/model.ts', 'src/parse/evaluate.ts'];

describe('docs/architecture.md, the map of the house', () => {
  it('has a paragraph for every folder and top-level file of src/, for machines/ and panel/', () => {
    const named = [
      ...readdirSync('src').map((n) => (statSync(`src/${n}`).isDirectory() ? `src/${n}/` : `src/${n}`)),
      'machines/',
      'panel/',
    ];
    const missing = named.filter(
      (n) => !rooms.some((r) => r.own.some((own) => own(n.endsWith('/') ? `${n}x.ts` : n))),
    );
    expect(missing).toEqual([]);
  });

  it('says what every room may import', () => {
    const silent = rooms.filter((r) => !/May\s+import/.test(paragraphs.find((p) => p.includes(r.heading))!));
    expect(silent.map((r) => r.heading)).toEqual([]);
  });

  it('names in its "May import" sentences only paths that exist', () => {
    const missing = rooms.flatMap((r) =>
      r.tokens
        .filter(isPath)
        .filter((t) => !existsSync(fullPath(t)))
        .map((t) => `${r.heading}: ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('holds every import of every room to its "May import" sentence', () => {
    const broken: string[] = [];
    for (const file of sources) {
      const room = roomOf(file);
      if (!room) {
        broken.push(`${file}: in no room of the page`);
        continue;
      }
      for (const { spec, path } of importsOf(file)) {
        if (path === null) continue;
        if (!existsSync(path)) broken.push(`${file}: imports ${spec}, which does not exist`);
        else if (room.own.some((own) => own(path))) continue;
        else if (room.allowed !== null && !room.allowed.some((ok) => ok(path)))
          broken.push(`${file} (${room.heading}) imports ${path}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the core free of Botkit, the HTTP framework, the logger, the databases and the network', () => {
    const broken: string[] = [];
    for (const file of sources.filter(isCore))
      for (const { spec, path } of importsOf(file)) {
        if (path === null && EDGE_PACKAGES.test(spec)) broken.push(`${file} imports ${spec}`);
        if (path === null && /^(node:)?fs(\/|$)/.test(spec) && !CORE_FILE_READERS.includes(file))
          broken.push(`${file} reads files (${spec})`);
        if (path !== null && /^src\/(server|service|store|channels)\//.test(path))
          broken.push(`${file} imports ${path}`);
      }
    expect(broken).toEqual([]);
  });

  it('lets only server/botkit-edge.ts import Botkit', () => {
    const all = [...sources, ...filesUnder('scripts', /\.ts$/), ...filesUnder('bench', /\.ts$/)];
    const importers = all.filter((f) => importsOf(f).some(({ spec }) => /^botkit(\/|$)/.test(spec)));
    expect(importers).toEqual(['src/server/botkit-edge.ts']);
  });

  it('names only paths that exist', () => {
    const missing: string[] = [];
    const diagram = /```\n([\s\S]*?)```/.exec(DOC)![1]!;
    for (const t of diagram.match(/\b(src|machines|panel)\/[\w./-]+/g) ?? [])
      if (!existsSync(t.replace(/\/$/, ''))) missing.push(t);
    for (const p of paragraphs) {
      const room = p.startsWith('**`') ? rooms.find((r) => p.includes(r.heading)) : undefined;
      const inRoom = room ? sources.filter((f) => room.own.some((own) => own(f))) : [];
      for (const t of backticked(p).filter(isPath)) {
        const plain = t.replace(/\/$/, '');
        if ([plain, `src/${plain}`, `${plain}.ts`, `src/${plain}.ts`].some((c) => existsSync(c))) continue;
        // A room's paragraph names its files by their path inside the room (`sqlite/rows.ts`).
        const inside = inRoom.some(
          (f) => f.endsWith(`/${plain}`) || f.endsWith(`/${plain}.ts`) || f.includes(`/${plain}/`),
        );
        if (!inside) missing.push(t);
      }
    }
    expect(missing).toEqual([]);
  });
});
