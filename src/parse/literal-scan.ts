/**
 * One scan of a text answers, for every registered gate at once, whether the text holds one of
 * the gate's keys: a key is one, two or three adjacent UTF-16 units, taken from the literals that
 * every match of a pattern must contain (regex-gate.ts). A parse runs about seventy-five
 * patterns over a handful of texts; asking each pattern's engine to fail costs far more than
 * one pass over a 20-character text and a bit test per pattern (issue 14's speed,
 * docs/decisions.md).
 *
 * Keys live in an open-addressed table of 32-bit keys, each with the list of gates it opens. Pair
 * and triple keys are hashes, so two of them may share a key: a shared key opens both lists,
 * which can make a gate pass where it need not, never fail where it must not.
 *
 * The last few texts' answers are remembered (the views of one message are usually the same
 * string): `forgetScans()` drops them, and parse() calls it at the start of every message, so no
 * answer is carried from one message to the next.
 */

/** A gate's number in the scan's answer. */
export type GateId = number;

// Keys are int32 (a larger number would be a heap number in a call): no key is EMPTY.
const EMPTY = -1;

/** The key of one unit, of a unit and the next, or of three in a row. */
const unitKey = (c: number): number => c;
const pairKey = (c1: number, c2: number): number => notEmpty(((c1 & 0x7fff) << 16) | c2 | 0x80000000);
const tripleKey = (c1: number, c2: number, c3: number): number =>
  notEmpty(Math.imul(c1, 0x01000193) ^ Math.imul(c2, 0x85ebca6b) ^ Math.imul(c3, 0xc2b2ae35) ^ 0x10000);
const notEmpty = (k: number): number => (k === EMPTY ? -2 : k);

const hashOf = (key: number, bits: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - bits);

let gates = 0;
const keyGates = new Map<number, GateId[]>();
/** Gates that have no keys: they always pass (a pattern whose matches need no literal). */
const open: GateId[] = [];

// The built table (rebuilt when a gate is added after a scan).
let bits = 4;
let tableKeys = new Int32Array(1 << bits).fill(EMPTY);
let tableStart = new Int32Array(1 << bits);
let tableEnd = new Int32Array(1 << bits);
let lists = new Int32Array(0);
/** Per unit: which kinds of key start with it. */
const starts = new Uint8Array(0x10000);
const UNIT = 1;
const PAIR = 2;
const TRIPLE = 4;
let built = true;

/**
 * Registers a gate opened by any of `keys` (strings of one to three UTF-16 units), or always open
 * when `keys` is null.
 */
export function registerGate(keys: Iterable<string> | null): GateId {
  const id = gates++;
  if (keys === null) open.push(id);
  else
    for (const k of new Set(keys)) {
      if (k.length < 1 || k.length > 3)
        throw new RangeError(`gate key: 1 to 3 units, got ${JSON.stringify(k)}`);
      const c1 = k.charCodeAt(0);
      const key =
        k.length === 1
          ? unitKey(c1)
          : k.length === 2
            ? pairKey(c1, k.charCodeAt(1))
            : tripleKey(c1, k.charCodeAt(1), k.charCodeAt(2));
      const list = keyGates.get(key);
      if (list) list.push(id);
      else keyGates.set(key, [id]);
      starts[c1]! |= k.length === 1 ? UNIT : k.length === 2 ? PAIR : TRIPLE;
    }
  built = false;
  forgetScans();
  return id;
}

function build(): void {
  bits = Math.max(4, Math.ceil(Math.log2(keyGates.size * 2 + 1)));
  tableKeys = new Int32Array(1 << bits).fill(EMPTY);
  tableStart = new Int32Array(1 << bits);
  tableEnd = new Int32Array(1 << bits);
  let total = 0;
  for (const list of keyGates.values()) total += list.length;
  lists = new Int32Array(total);
  let at = 0;
  const mask = (1 << bits) - 1;
  for (const [key, list] of keyGates) {
    let h = hashOf(key, bits);
    while (tableKeys[h] !== EMPTY) h = (h + 1) & mask;
    tableKeys[h] = key;
    tableStart[h] = at;
    for (const id of list) lists[at++] = id;
    tableEnd[h] = at;
  }
  built = true;
}

// The remembered answers: per slot a text, and per gate the stamp of the scan that opened it.
const SLOTS = 8;
const slotText: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const slotStamp = new Float64Array(SLOTS);
let slotOpen: Float64Array[] = [];
let nextSlot = 0;
let stamp = 0;

/** Forget every remembered answer. */
export function forgetScans(): void {
  for (let s = 0; s < SLOTS; s++) slotText[s] = undefined;
  lastText = undefined;
}

/** Whether `text` holds one of the keys of gate `id`. */
export function passes(id: GateId, text: string): boolean {
  if (text === lastText) return lastOpen[id] === lastStamp;
  let s = 0;
  while (s < SLOTS && slotText[s] !== text) s++;
  if (s < SLOTS) {
    lastOpen = slotOpen[s]!;
    lastStamp = slotStamp[s]!;
  } else {
    lastOpen = scan(text);
    lastStamp = stamp;
  }
  lastText = text;
  return lastOpen[id] === lastStamp;
}

// The answer read last: most checks in a row are on one text.
let lastText: string | undefined;
let lastOpen: Float64Array = new Float64Array(0);
let lastStamp = 0;

// Called through the function itself: the texts scanned come in many string representations, and
// \`text.charCodeAt\` looked up on each of them made the look-up megamorphic (most of the scan's time).
const unitAt = String.prototype.charCodeAt;

function scan(text: string): Float64Array {
  if (!built) build();
  if (slotOpen.length === 0 || slotOpen[0]!.length < gates)
    slotOpen = Array.from({ length: SLOTS }, () => new Float64Array(gates));
  const s = nextSlot;
  nextSlot = (nextSlot + 1) % SLOTS;
  const opened = slotOpen[s]!;
  stamp++;
  slotText[s] = text;
  slotStamp[s] = stamp;
  for (let j = 0; j < open.length; j++) opened[open[j]!] = stamp;
  const mask = (1 << bits) - 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c1 = unitAt.call(text, i);
    const st = starts[c1]!;
    if (st === 0) continue;
    if (st & UNIT) mark(unitKey(c1), opened, mask);
    if (i + 1 === n) continue;
    const c2 = unitAt.call(text, i + 1);
    if (st & PAIR) mark(pairKey(c1, c2), opened, mask);
    if (st & TRIPLE && i + 2 < n) mark(tripleKey(c1, c2, unitAt.call(text, i + 2)), opened, mask);
  }
  return opened;
}

function mark(key: number, opened: Float64Array, mask: number): void {
  let h = hashOf(key, bits);
  for (;;) {
    const k = tableKeys[h]!;
    if (k === key) {
      for (let j = tableStart[h]!; j < tableEnd[h]!; j++) opened[lists[j]!] = stamp;
      return;
    }
    if (k === EMPTY) return;
    h = (h + 1) & mask;
  }
}
