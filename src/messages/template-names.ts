import { z } from 'zod';

/**
 * The messages a lender may reword (CONTRACTS §10 `templates`), by a stable name, and the
 * placeholders each may use. A name is one wording of the catalogue (zh-CN.ts, en-US.ts): an act,
 * or one branch of an act (the first reminder by overdue stage, an answer by its topic). An
 * override rewords only the act's own sentence: the signature 【lender】 (or "Lender: "), the
 * greeting, the courtesy close and the opt-out hint are still the composer's, so no override can
 * leave them out. The README's table is this file.
 */

export const TEMPLATE_NAMES = [
  'reminder.due',
  'reminder.gentle',
  'reminder.consequences',
  'reminder.plan',
  'reminder.installment',
  'followup.promise',
  'followup.offers',
  'followup.silence',
  'followup.missed',
  'followup.planBroken',
  'empathy',
  'clarify',
  'clarify.figure',
  'offer',
  'whichOption',
  'confirm',
  'confirm.promise',
  'confirm.moved',
  'handoff',
  'handoffNote',
  'deescalate',
  'ack',
  'thirdParty',
  'paymentReceived',
  'closing',
  'apology',
  'optOutConfirm',
  'answer.nextDue',
  'answer.remaining',
  'answer.howToPay',
  'answer.who',
  'answer.balance',
  'answer.general',
] as const;
export const TemplateNameSchema = z.enum(TEMPLATE_NAMES);
export type TemplateName = z.infer<typeof TemplateNameSchema>;

export const PLACEHOLDER_NAMES = [
  'name',
  'lender',
  'amount',
  'days',
  'date',
  'index',
  'count',
  'choices',
  'options',
  'plan',
  'id',
  'from',
  'hours',
  'hotline',
  'howToPay',
  'remaining',
] as const;
export type Placeholder = (typeof PLACEHOLDER_NAMES)[number];

/** What each placeholder stands for, for the README and the error messages. */
export const PLACEHOLDER_MEANING: Readonly<Record<Placeholder, string>> = {
  name: "the debtor's name (the greeting is then left out)",
  lender: "the lender's name",
  amount: 'an amount, formatted (what it is depends on the template)',
  days: 'days overdue',
  date: 'a due date, formatted (12月4日 / Dec 4)',
  index: 'the installment number (2 of 4: 2)',
  count: 'the number of installments',
  choices: 'the option letters to reply with (A/B/C)',
  options: 'the offered plans, one per option',
  plan: 'the agreed plan in words',
  id: "the agreed option's letter",
  from: "a moved installment's old date",
  hours: 'the handoff time frame in hours (policy handoffResponseHours)',
  hotline: "the lender's official number",
  howToPay: "the lender's payment instructions",
  remaining: 'what is left to pay, formatted',
};

export interface TemplateSpec {
  /** When the template is used, in words (the README's column). */
  readonly when: string;
  readonly placeholders: readonly Placeholder[];
  /** Placeholders the wording must use: the fact CONTRACTS §4/§8 say the message states. */
  readonly required?: readonly (readonly Placeholder[])[];
}

const named = ['name', 'lender'] as const;

export const TEMPLATES: Readonly<Record<TemplateName, TemplateSpec>> = {
  'reminder.due': { when: 'first reminder, not yet overdue', placeholders: [...named, 'amount', 'hotline'] },
  'reminder.gentle': { when: 'first reminder, 1–3 days overdue', placeholders: [...named, 'amount', 'days'] },
  'reminder.consequences': {
    when: 'first reminder, 4–6 days overdue',
    placeholders: [...named, 'amount', 'days'],
  },
  'reminder.plan': { when: 'first reminder, 7+ days overdue', placeholders: [...named, 'amount', 'days'] },
  'reminder.installment': {
    when: 'an installment of the agreed plan falls due',
    placeholders: [...named, 'amount', 'date', 'index', 'count'],
  },
  'followup.promise': {
    when: 'a promised payment (amount and date) did not arrive',
    placeholders: [...named, 'amount', 'date'],
  },
  'followup.offers': { when: 'offers sent earlier are still open', placeholders: [...named, 'choices'] },
  'followup.silence': { when: 'no answer to the reminder', placeholders: [...named, 'amount'] },
  'followup.missed': {
    when: 'the morning after an installment not paid in full',
    placeholders: [...named, 'amount', 'date', 'index', 'count'],
  },
  'followup.planBroken': {
    when: 'two installments missed: the plan is off (new offers follow)',
    placeholders: [...named, 'amount'],
  },
  empathy: { when: 'sympathy before a question or offers', placeholders: [...named] },
  clarify: { when: 'the clarifying question after "no money"', placeholders: [...named] },
  'clarify.figure': { when: 'a refusal without a figure: the most a month?', placeholders: [...named] },
  offer: {
    when: 'concrete offers',
    placeholders: [...named, 'options', 'choices'],
    required: [['options']],
  },
  whichOption: { when: 'a bare yes with several options open', placeholders: [...named, 'choices'] },
  confirm: {
    when: 'an accepted offer is confirmed',
    placeholders: [...named, 'id', 'plan', 'amount', 'date'],
    required: [['plan'], ['amount', 'date']],
  },
  'confirm.promise': {
    when: 'a promise to pay (amount and date) is recorded',
    placeholders: [...named, 'amount', 'date'],
  },
  'confirm.moved': {
    when: 'one installment moved to a later date',
    placeholders: [...named, 'index', 'date', 'amount', 'from'],
    required: [['date']],
  },
  handoff: {
    when: 'the one handoff acknowledgement',
    placeholders: [...named, 'hours'],
    required: [['hours']],
  },
  handoffNote: { when: 'a message while a person owns the conversation', placeholders: [...named] },
  deescalate: { when: 'an upset or abusive message', placeholders: [...named] },
  ack: { when: 'an acknowledgement with no plan running', placeholders: [...named] },
  thirdParty: {
    when: 'someone who knows the debtor writes (no name, no debt)',
    placeholders: ['lender', 'hotline'],
  },
  paymentReceived: {
    when: 'a payment recorded, more to pay',
    placeholders: [...named, 'amount', 'remaining'],
  },
  closing: { when: 'the last payment: the account is settled', placeholders: [...named, 'amount'] },
  apology: { when: 'a wrong number (no name, no debt)', placeholders: ['lender'] },
  optOutConfirm: { when: 'the one opt-out confirmation', placeholders: ['lender'] },
  'answer.nextDue': {
    when: 'asked the next installment, with a plan',
    placeholders: [...named, 'date', 'amount', 'index', 'count'],
  },
  'answer.remaining': {
    when: 'asked what is left, with a plan',
    placeholders: [...named, 'remaining', 'date', 'amount'],
  },
  'answer.howToPay': { when: 'asked how to pay', placeholders: [...named, 'howToPay'] },
  'answer.who': { when: 'asked who is writing / is it a scam', placeholders: [...named, 'hotline'] },
  'answer.balance': { when: 'asked the balance, no plan agreed', placeholders: [...named, 'amount', 'days'] },
  'answer.general': { when: 'any other question', placeholders: [...named] },
};

/** `{name}` and the like, as a template writes them. */
export const PLACEHOLDER_RE = /\{([A-Za-z]+)\}/g;

/** The placeholders a wording uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]!))];
}

/**
 * One or two wordings: the second is sent where the first would repeat the last text (§8 "never
 * the same text twice in a row"); without one, the catalogue's own second wording is.
 */
export const TemplateTextSchema = z
  .union([z.string(), z.array(z.string()).min(1).max(2)])
  .transform((t) => (typeof t === 'string' ? [t] : t))
  .pipe(
    z
      .array(z.string().trim().min(1, 'expected a wording').max(300, 'at most 300 characters'))
      .refine((t) => t.length < 2 || t[0] !== t[1], 'the two wordings must differ'),
  );

/** One locale's overrides, by name: `{ "offer": ["…{options}…", "…"] }`, each checked against TEMPLATES. */
export const LocaleTemplatesSchema = z.record(z.string(), TemplateTextSchema).superRefine((t, ctx) => {
  for (const [key, wordings] of Object.entries(t)) {
    const parsed = TemplateNameSchema.safeParse(key);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown template name (known: ${TEMPLATE_NAMES.join(', ')})`,
      });
      continue;
    }
    const spec = TEMPLATES[parsed.data];
    wordings.forEach((text, i) => {
      const path = wordings.length > 1 ? [key, i] : [key];
      const used = placeholdersIn(text);
      const unknown = used.filter((p) => !(spec.placeholders as readonly string[]).includes(p));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')} (this template knows ${spec.placeholders.map((p) => `{${p}}`).join(', ')})`,
        });
      const required = spec.required;
      if (required && !required.some((set) => set.every((p) => used.includes(p))))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `must use ${required.map((set) => set.map((p) => `{${p}}`).join(' and ')).join(' or ')}`,
        });
    });
  }
});

/** A locale's overrides after validation. */
export type TemplateOverrides = Partial<Record<TemplateName, readonly string[]>>;
