import { z } from 'zod';

/**
 * The words every room of the house shares, each defined once as a zod schema with its type by
 * `z.infer`. A room's own vocabulary stays in that room (acts and drafts in dialogue/types.ts,
 * intents in parse/schema.ts, policy fields in planning/policy.ts); what more than one room
 * needs lives here.
 */

/** The conversation's language (CONTRACTS §2, §5, §7): Chinese first, and English. */
export const LocaleSchema = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof LocaleSchema>;

/** Whether a debtor's difficulty is short-lived or lasting (CONTRACTS §2). */
export const HardshipSchema = z.enum(['temporary', 'long_term']);
export type Hardship = z.infer<typeof HardshipSchema>;

/** The SMS channels a conversation can run on. */
export const ChannelSchema = z.enum(['sim', 'twilio', 'gateway'], 'expected sim, twilio or gateway');
export type ChannelName = z.infer<typeof ChannelSchema>;

/** Every archived message's status (CONTRACTS §7), inbound `received` included. */
export const MessageStatusSchema = z.enum(['received', 'queued', 'sent', 'failed', 'deferred', 'blocked']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;
