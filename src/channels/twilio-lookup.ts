import { z } from 'zod';
import { describeIssues, parseJsonObject } from './channel.ts';
import type { PostResponse } from './http-post.ts';

/**
 * Finding a message we may have sent through Twilio, when the answer to our request never got
 * recorded (a crash between the send and its commit, a timeout, a 5xx after Twilio created it).
 * Twilio's create call takes no idempotency key, so the only way to know is to look: list the
 * messages from our number to the debtor's (GET …/Messages.json?To=…&From=…&DateSent>=…) and match
 * the body and the time. Used by TwilioSender.reconcile (twilio.ts).
 */

/** The fields of one listed message the match reads; Twilio's other fields pass through. */
export const TwilioListedMessageSchema = z.looseObject({
  sid: z.string().min(1),
  to: z.string().nullable(),
  from: z.string().nullable(),
  body: z.string().nullable(),
  direction: z.string(),
  /** RFC 2822, e.g. "Mon, 23 Nov 2026 02:00:00 +0000". */
  date_created: z.string().nullable(),
  messaging_service_sid: z.string().nullable().optional(),
});
export type TwilioListedMessage = z.infer<typeof TwilioListedMessageSchema>;

/** One page of Twilio's Messages list. */
export const TwilioMessagePageSchema = z.looseObject({
  messages: z.array(TwilioListedMessageSchema),
  next_page_uri: z.string().nullable().optional(),
});

/** Pages of sent messages read at most (50 each): a debtor gets a few messages a day. */
const MAX_PAGES = 5;
const PAGE_SIZE = '50';

export interface LookupTarget {
  /** GET a path (with its query) under Twilio's API base, authenticated. */
  get(pathAndQuery: string): Promise<PostResponse>;
  /** /2010-04-01/Accounts/{AccountSid}/Messages.json */
  messagesPath: string;
  /** Our number (E.164) or Messaging Service SID ("MG…"), as the sender sends with it. */
  from: string;
}

export interface LookedFor {
  to: string;
  text: string;
  /** Epoch ms: a message created before this is an older one with the same text, not ours. */
  createdFrom: number;
}

/** Twilio's SID of the message we are looking for, or null when Twilio does not list it. Rejects when Twilio cannot be asked. */
export async function findSentMessage(target: LookupTarget, wanted: LookedFor): Promise<string | null> {
  const base = new URLSearchParams({ To: wanted.to });
  const service = /^MG[0-9a-fA-F]{32}$/.test(target.from);
  if (!service) base.set('From', target.from);
  base.set('PageSize', PAGE_SIZE);

  // Sent ones first, filtered by Twilio on the day they were sent (GMT, the filter's unit) …
  const sent = new URLSearchParams(base);
  sent.set('DateSent>', new Date(wanted.createdFrom).toISOString().slice(0, 10));
  let next: string | null = `${target.messagesPath}?${sent.toString()}`;
  for (let page = 0; next !== null && page < MAX_PAGES; page++) {
    const { messages, next_page_uri } = await readPage(target, next);
    const hit = messages.find((m) => matches(m, wanted, target.from, service));
    if (hit) return hit.sid;
    next = next_page_uri ?? null;
  }
  // … then the newest page unfiltered: a message still queued at Twilio has no date_sent yet.
  const { messages } = await readPage(target, `${target.messagesPath}?${base.toString()}`);
  return messages.find((m) => matches(m, wanted, target.from, service))?.sid ?? null;
}

async function readPage(target: LookupTarget, pathAndQuery: string) {
  const res = await target.get(pathAndQuery);
  if (res.status < 200 || res.status >= 300) {
    const json = parseJsonObject(res.text);
    const code = typeof json?.['code'] === 'number' ? ` error ${json['code']}` : '';
    throw new Error(`twilio: listing messages: HTTP ${res.status}${code}`);
  }
  const parsed = TwilioMessagePageSchema.safeParse(parseJsonObject(res.text));
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues).map((i) => `${i.path}: ${i.message}`);
    throw new Error(`twilio: listing messages: unexpected answer (${issues.join('; ')})`);
  }
  return parsed.data;
}

/** Same text compared after NFC: Twilio stores the body it was given, in whichever normal form. */
const sameText = (a: string, b: string): boolean => a.normalize('NFC') === b.normalize('NFC');

function matches(m: TwilioListedMessage, wanted: LookedFor, from: string, service: boolean): boolean {
  if (!m.direction.startsWith('outbound')) return false;
  if (m.to !== wanted.to || m.body === null || !sameText(m.body, wanted.text)) return false;
  if (service ? m.messaging_service_sid !== from : m.from !== from) return false;
  const created = m.date_created === null ? NaN : Date.parse(m.date_created);
  return Number.isFinite(created) && created >= wanted.createdFrom;
}
