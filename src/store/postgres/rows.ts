/**
 * What the PostgreSQL store adds to the rows it shares with SQLite (`../sqlite/rows.ts`): the
 * change notices instances send each other. Pure.
 *
 * A notice is `<instance> <id>\t<id>…`: the sender (so it ignores its own) and the conversations
 * one transaction changed. NOTIFY payloads stop short of 8000 bytes, so a large transaction (an
 * import) sends several.
 */

export const CHANGES_CHANNEL = 'huikuan_changes';
const MAX_PAYLOAD = 7000;

export function encodeChanges(instance: string, conversationIds: Iterable<string>): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 0;
  for (const id of conversationIds) {
    if (cur.length > 0 && size + id.length + 1 > MAX_PAYLOAD) {
      out.push(`${instance} ${cur.join('\t')}`);
      cur = [];
      size = 0;
    }
    cur.push(id);
    size += Buffer.byteLength(id) + 1;
  }
  if (cur.length > 0) out.push(`${instance} ${cur.join('\t')}`);
  return out;
}

export function decodeChanges(payload: string): { instance: string; conversations: string[] } | null {
  const space = payload.indexOf(' ');
  if (space <= 0) return null;
  return {
    instance: payload.slice(0, space),
    conversations: payload
      .slice(space + 1)
      .split('\t')
      .filter(Boolean),
  };
}
