import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../config.ts';
import { checkLenderTemplates } from './check.ts';
import { LenderConfigSchema, type LenderBook } from './schema.ts';

/**
 * The edge that reads `HUIKUAN_CONFIG` (CONTRACTS §10): the file once at start-up, YAML or JSON,
 * validated (schema.ts) and its wording checked by the guard (check.ts). Anything wrong stops
 * start-up with every problem, each naming the file, the key path and the reason. The core
 * never reads the file: what this returns is injected.
 */

export class LenderConfigError extends ConfigError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super('HUIKUAN_CONFIG', problems.map((p) => `${file}: ${p}`).join('\n'));
    this.name = 'LenderConfigError';
  }
}

/** `lenders.安心贷.policy.quietHours: …`, one line per zod issue (each unknown key on its own). */
function describe(error: z.ZodError): string[] {
  const lines = error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => `${[...path, k].join('.')}: unknown key`);
    return [`${path.join('.') || '(top level)'}: ${issue.message}`];
  });
  // A field's own check and the legal-floor check over the whole policy may say the same thing.
  return [...new Set(lines)];
}

/** The parsed document: JSON for `.json`, YAML (a superset of JSON) otherwise. */
function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LenderConfigError(file, [
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    ]);
  }
  try {
    return file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const kind = file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
    throw new LenderConfigError(file, [`not valid ${kind}: ${(err as Error).message.split('\n')[0]}`]);
  }
}

/** The lenders of a parsed document, checked; throws a LenderConfigError naming every problem. */
export function lendersFrom(document: unknown, file: string): LenderBook {
  const r = LenderConfigSchema.safeParse(document);
  if (!r.success) throw new LenderConfigError(file, describe(r.error));
  const issues = checkLenderTemplates(r.data.lenders);
  if (issues.length > 0)
    throw new LenderConfigError(
      file,
      issues.map((i) =>
        i.rule === 'unused'
          ? `${i.path}: ${i.reason}`
          : `${i.path}: blocked by the guard's rule ${i.rule}: ${i.reason}`,
      ),
    );
  return r.data.lenders;
}

/** Read, validate and check the lender configuration file. */
export function loadLenderConfig(file: string): LenderBook {
  return lendersFrom(readDocument(file), file);
}
