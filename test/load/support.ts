import { zonedParts } from '../../src/time/timezone.ts';
import { generateAccounts, type AccountInput } from '../../bench/messages.ts';
import { ADMIN_TOKEN, GATEWAY_SECRET } from '../server/support.ts';
import { inspect } from '../support/inspector.ts';
import { gatewaySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/channels/gateway.ts';

/** Helpers for the load and fault tests: loopback only, bounded, each test cleans up after itself. */

export { generateAccounts, type AccountInput };

export const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** Import accounts in chunks through the API. */
export async function importAccounts(url: string, accounts: AccountInput[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += 1000) {
    const res = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(accounts.slice(i, i + 1000)),
    });
    const body = (await res.json()) as { imported: number; errors: unknown[] };
    if (res.status !== 200 || body.errors.length > 0)
      throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

/** POST one signed gateway callback, with the server's clock in seconds; resolves to status and body. */
export async function postInbound(
  url: string,
  body: { messageId: string; from: string; text: string },
  serverSeconds: number,
): Promise<{ status: number; body: string }> {
  const raw = JSON.stringify({ ...body, to: '10690000' });
  const ts = String(Math.floor(serverSeconds));
  const res = await fetch(`${url}/sms/gateway`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: ts,
      [SIGNATURE_HEADER]: gatewaySignature(GATEWAY_SECRET, ts, raw),
    },
    body: raw,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: await res.text() };
}

export interface ArchivedRow {
  id: number;
  conversation_id: string | null;
  seq: number;
  direction: 'in' | 'out';
  at: number;
  status: string;
  kind: string | null;
  in_reply_to: number | null;
  provider_message_id: string | null;
}

/** A look at what the server committed to its database (a SQLite file, read-only beside the server's WAL, or PostgreSQL). */
export async function readArchive(db: string) {
  const { all } = inspect(db);
  const [messages, outbox, pending] = await Promise.all([
    all<ArchivedRow>(
      'SELECT id, conversation_id, seq, direction, at, status, kind, in_reply_to, provider_message_id FROM messages ORDER BY id',
    ),
    all<{ id: number; message_id: number; status: string }>('SELECT id, message_id, status FROM outbox'),
    all<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'"),
  ]);
  return { messages, outbox, pending: pending[0]!.n };
}

/** Minutes since local midnight and the local date of an instant in a zone. */
export function localTime(ms: number, tz: string): { date: string; minutes: number } {
  const p = zonedParts(ms, tz);
  return { date: p.date, minutes: p.minutes };
}

/** Default quiet hours (CONTRACTS §3): 21:00–08:00 local. */
export const inQuietHours = (ms: number, tz: string): boolean => {
  const { minutes } = localTime(ms, tz);
  return minutes >= 21 * 60 || minutes < 8 * 60;
};
