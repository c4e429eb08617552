import type { Option } from '../planning/planner.ts';
import { normalize } from './normalize.ts';

const ORDINAL: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  '1': 0,
  '2': 1,
  '3': 2,
  first: 0,
  second: 1,
  third: 2,
  '1st': 0,
  '2nd': 1,
  '3rd': 2,
};

/**
 * Which of the offered plans an acceptance picks: by letter (A, 方案B, option C), by position
 * (第二个, the second one), by what it says (每月还500那个, the 3-payment one), else the first.
 */
export function selectOption(
  text: string,
  offers: Option[],
  amountMajor: number | null,
  installments: number | null,
): Option | null {
  if (offers.length === 0) return null;
  const t = normalize(text);
  const byId = (id: string) => offers.find((o) => o.id === id.toUpperCase()) ?? null;
  const letter = /(?:^|[^a-z])([abc])(?:$|[^a-z])/.exec(t.replace(/\b(?:a|an) (?=[a-z]{2})/g, ' '));
  if (letter && (t.length <= 3 || /方案|选|option|plan|choice|第|号|个/.test(t))) {
    const o = byId(letter[1]!);
    if (o) return o;
  }
  const ord =
    /第([一二三123])(?:个|种|号)?|([123一二三])号?(?:方案|选项)|\b(first|second|third|1st|2nd|3rd)\b|(?:option|plan|choice)\s*([123])/.exec(
      t,
    );
  if (ord) {
    const key = ord[1] ?? ord[2] ?? ord[3] ?? ord[4]!;
    const o = offers[ORDINAL[key]!];
    if (o) return o;
  }
  if (installments !== null) {
    const o = offers.find((x) => x.installments.length === installments);
    if (o) return o;
  }
  if (amountMajor !== null) {
    const minor = Math.round(amountMajor * 100);
    const o = offers.find((x) => x.installments.some((i) => i.amount === minor));
    if (o) return o;
  }
  return offers[0]!;
}
