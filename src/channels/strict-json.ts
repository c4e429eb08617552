/**
 * What a lenient JSON reading hides, for signed bodies where it matters: bytes that are not
 * UTF-8 (Buffer#toString turns them into U+FFFD, so the text we act on is not the text that was
 * signed) and duplicate keys (JSON.parse keeps the last, while the aggregator's shim, or a log
 * or a filter in between, may read the first: two readers, two different messages).
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or null when they are not valid UTF-8 (a BOM is kept, as JSON.parse sees it). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** A duplicate key: where its object is ("" for the top level, else `a.0.b`) and the key. */
export interface DuplicateKey {
  path: string;
  key: string;
}

type Frame = { keys: Set<string>; key: string | null } | { keys: null; index: number };

/**
 * The first key that appears twice in one object of `text`, at any depth, or null. `text` must
 * be valid JSON (call JSON.parse first): this only follows its structure. Keys are compared
 * after unescaping ("te\u0078t" is "text"). Iterative, so deep nesting cannot overflow the stack.
 */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top && top.keys) {
        const raw = text.slice(i, j + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) return { path: pathOf(stack), key };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), key: null });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: null, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/** The path to the innermost object: each enclosing frame's current key or index. */
function pathOf(stack: Frame[]): string {
  return stack
    .slice(0, -1)
    .map((f) => (f.keys ? f.key : String(f.index)))
    .join('.');
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where the parsed body holds a string (a value or a key) that is not Unicode text, or null.
 * Valid UTF-8 bytes can still spell "\ud800" in an escape: JSON.parse gives a lone surrogate,
 * which no SMS can carry and which each later reader (the store, a log, the panel) would turn
 * into something else. The path is as findDuplicateKey gives it ("text", "meta.0.b"). Iterative.
 */
export function findUnpairedSurrogate(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNPAIRED_SURROGATE.test(v)) return path || 'body';
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, path ? `${path}.${i}` : String(i)]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (UNPAIRED_SURROGATE.test(k)) return at;
        stack.push([x, at]);
      }
    }
  }
  return null;
}
