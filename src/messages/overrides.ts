import type { AnswerTopic, Facts } from '../dialogue/types.ts';
import {
  dueInstallment,
  offeredIds,
  offersIntroduced,
  overdueStage,
  topicsOf,
  type ActContext,
  type Catalogue,
  type WordedAct,
} from './catalogue.ts';
import {
  PLACEHOLDER_RE,
  type Placeholder,
  type TemplateName,
  type TemplateOverrides,
} from './template-names.ts';

/**
 * A lender's own wording of an act (CONTRACTS §10 `templates`): which template name the act's
 * sentence is in this draft, its placeholders filled from the draft's facts. An override takes
 * the place of the catalogue's sentence only; a wording whose placeholder has no value in this
 * message (a promise without a date, no hotline on file) is not sent half-filled: the catalogue's
 * sentence is. Without an override for the variant asked (the second wording, §8), likewise.
 */

type Values = Partial<Record<Placeholder, string>>;

interface Chosen {
  name: TemplateName;
  values: Values;
}

/** The overriding sentence and whether it names the debtor itself (then no greeting is added). */
export interface Overridden {
  text: string;
  usesName: boolean;
}

/** What every template may say: the debtor's and the lender's names, as the composer cleaned them. */
export interface Names {
  name: string;
  lender: string;
}

const opt = (key: Placeholder, value: string | null | undefined): Values =>
  value === null || value === undefined || value === '' ? {} : { [key]: value };

/** The installment a reminder or a missed-installment notice is about, as placeholders. */
function installmentValues(c: ActContext, words: Catalogue): Values {
  const inst = dueInstallment(c);
  if (!inst) return {};
  return {
    amount: c.money(inst.amount),
    date: words.day(inst.due, c.today),
    index: String(inst.index),
    count: String(inst.count),
  };
}

/** The first reminder's wording by overdue stage. */
function stage(c: ActContext): Chosen {
  return {
    name: `reminder.${overdueStage(c.account.overdueDays)}` as TemplateName,
    values: {
      amount: c.money(c.account.balance),
      days: String(c.account.overdueDays),
      ...opt('hotline', c.account.hotline),
    },
  };
}

/** A follow-up's wording by its reason (catalogue.ts proactiveActs decides the same way). */
function followup(c: ActContext, words: Catalogue): Chosen | null {
  switch (c.draft.proactiveReason) {
    case 'promise_missed': {
      const p = c.draft.promise;
      return {
        name: 'followup.promise',
        values: {
          ...opt('amount', p?.amount != null ? c.money(p.amount) : null),
          ...opt('date', p?.date != null ? words.day(p.date, c.today) : null),
        },
      };
    }
    case 'offer_followup':
      // Beside the restated offers the catalogue's sentence only introduces the list.
      return c.has('offer')
        ? null
        : { name: 'followup.offers', values: { choices: offeredIds(c.draft).join('/') } };
    case 'installment_missed':
      return { name: 'followup.missed', values: installmentValues(c, words) };
    case 'plan_broken':
      return c.has('handoff')
        ? null
        : {
            name: 'followup.planBroken',
            values: opt('amount', c.draft.facts ? c.money(c.draft.facts.owed) : null),
          };
    default:
      return { name: 'followup.silence', values: { amount: c.money(c.account.balance) } };
  }
}

function proactive(act: 'reminder' | 'followup', c: ActContext, words: Catalogue): Chosen | null {
  const reason = c.draft.proactiveReason;
  if (reason === 'installment_due')
    return { name: 'reminder.installment', values: installmentValues(c, words) };
  if (reason === 'first_reminder') return stage(c);
  if (act === 'reminder' && reason === undefined)
    return c.draft.installment
      ? { name: 'reminder.installment', values: installmentValues(c, words) }
      : stage(c);
  return followup(c, words);
}

function confirm(c: ActContext, words: Catalogue): Chosen {
  const { draft } = c;
  if (draft.change?.kind === 'moved' && draft.plan) {
    const ch = draft.change;
    const inst = draft.plan.installments[ch.index - 1];
    return {
      name: 'confirm.moved',
      values: {
        index: String(ch.index),
        date: words.day(ch.to ?? ch.from, c.today),
        from: words.day(ch.from, c.today),
        ...opt('amount', inst ? c.money(inst.amount) : null),
      },
    };
  }
  if (draft.plan) {
    const first = draft.plan.installments[0]!;
    return {
      name: 'confirm',
      values: {
        id: draft.plan.id,
        plan: words.plan(c, draft.plan, c.detail >= 2 ? 2 : 0),
        amount: c.money(first.amount),
        date: words.day(first.due, c.today),
      },
    };
  }
  const p = draft.promise;
  return {
    name: 'confirm.promise',
    values: {
      ...opt('amount', p?.amount != null ? c.money(p.amount) : null),
      ...opt('date', p?.date != null ? words.day(p.date, c.today) : null),
    },
  };
}

/** The template an act's sentence is in this draft, or null when no template covers it. */
function choose(act: WordedAct, c: ActContext, words: Catalogue): Chosen | null {
  const { draft } = c;
  switch (act) {
    case 'reminder':
    case 'followup':
      return proactive(act, c, words);
    case 'empathy':
      return { name: 'empathy', values: {} };
    case 'clarify':
      return { name: draft.askFigure ? 'clarify.figure' : 'clarify', values: {} };
    case 'offer': {
      const offers = draft.offers ?? [];
      // The closest-plan notice and a follow-up's list keep the catalogue's own introduction.
      if (offers.length === 0 || draft.infeasible || offersIntroduced(c)) return null;
      const sep = c.account.locale === 'zh-CN' ? ';' : '; ';
      return {
        name: 'offer',
        values: {
          options: offers.map((o) => `${o.id}. ${words.plan(c, o, c.detail)}`).join(sep),
          choices: offers.map((o) => o.id).join('/'),
        },
      };
    }
    case 'which_option':
      return { name: 'whichOption', values: { choices: offeredIds(draft).join('/') } };
    case 'confirm':
      return confirm(c, words);
    case 'handoff':
      return { name: 'handoff', values: { hours: String(draft.handoffHours ?? 24) } };
    case 'handoff_note':
      return { name: 'handoffNote', values: {} };
    case 'deescalate':
      return { name: 'deescalate', values: {} };
    case 'ack': {
      // Beside other acts, or with a plan running or the account settled, the catalogue's facts.
      const f = draft.facts;
      if (!c.alone || (f && (f.planAgreed || f.owed <= 0))) return null;
      return { name: 'ack', values: {} };
    }
    case 'third_party':
      return { name: 'thirdParty', values: opt('hotline', c.account.hotline) };
    case 'payment_received': {
      const f = draft.facts;
      return {
        name: 'paymentReceived',
        values: {
          ...opt('amount', draft.payment ? c.money(draft.payment) : null),
          ...opt('remaining', f ? c.money(f.remaining ?? f.owed) : null),
        },
      };
    }
    case 'closing':
      return { name: 'closing', values: opt('amount', draft.payment ? c.money(draft.payment) : null) };
    case 'apology':
      return { name: 'apology', values: {} };
    case 'opt_out_confirm':
      return { name: 'optOutConfirm', values: {} };
    // The reading check's yes/no question restates the debtor's own message: the catalogue's.
    case 'answer':
    case 'reschedule':
    case 'check_reading':
    case 'ask_meaning':
      return null;
  }
}

/** The wording of `chosen` for the context's variant with its placeholders filled, or null. */
function fill(chosen: Chosen | null, c: ActContext, templates: TemplateOverrides, names: Names) {
  if (chosen === null) return null;
  const text = templates[chosen.name]?.[c.variant];
  if (text === undefined) return null;
  const values: Values = { ...names, ...chosen.values };
  let missing = false;
  const out = text.replace(PLACEHOLDER_RE, (_, p: string) => {
    const v = values[p as Placeholder];
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : { text: out, usesName: /\{name\}/.test(text) };
}

/** The facts an answer states: the draft's, or the account's own when a draft carries none. */
function factsOf(c: ActContext): Pick<Facts, 'owed' | 'overdueDays' | 'planAgreed' | 'next' | 'remaining'> {
  return (
    c.draft.facts ?? {
      owed: c.account.balance,
      overdueDays: c.account.overdueDays,
      planAgreed: false,
      next: null,
      remaining: null,
    }
  );
}

/** The template an answer's topic is in, with its facts, or null when none covers it. */
function answerTopic(topic: AnswerTopic, c: ActContext, words: Catalogue): Chosen | null {
  const f = factsOf(c);
  const next = f.next;
  switch (topic) {
    case 'balance':
    case 'remaining':
    case 'overdue_days':
      if (!f.planAgreed)
        return { name: 'answer.balance', values: { amount: c.money(f.owed), days: String(f.overdueDays) } };
      if (topic === 'overdue_days' || !next || next.due < c.today) return null;
      return {
        name: 'answer.remaining',
        values: {
          remaining: c.money(f.remaining ?? f.owed),
          date: words.day(next.due, c.today),
          amount: c.money(next.amount),
        },
      };
    case 'next_installment':
      if (!f.planAgreed || !next || next.due < c.today) return null;
      return {
        name: 'answer.nextDue',
        values: {
          date: words.day(next.due, c.today),
          amount: c.money(next.amount),
          index: String(next.index),
          count: String(next.count),
        },
      };
    case 'how_to_pay':
      return { name: 'answer.howToPay', values: opt('howToPay', c.account.howToPay) };
    case 'who':
      return { name: 'answer.who', values: opt('hotline', c.account.hotline) };
    case 'general':
      return { name: 'answer.general', values: {} };
    default:
      return null;
  }
}

const hasAnswerOverride = (t: TemplateOverrides): boolean =>
  Object.keys(t).some((k) => k.startsWith('answer.'));

/**
 * An answer sentence by sentence: each topic in its lender's wording where one covers it, else
 * in the catalogue's (asked about that topic alone). null when no topic has an override, so
 * the catalogue answers as a whole.
 */
function answer(c: ActContext, words: Catalogue, templates: TemplateOverrides, names: Names) {
  if (!hasAnswerOverride(templates)) return null;
  const all = topicsOf(c.draft);
  const topics = all
    .filter((t, i) => !(t === 'remaining' && all.slice(0, i).includes('balance')))
    .slice(0, c.detail === 3 ? 1 : c.detail === 2 ? 2 : undefined);
  let any = false;
  let usesName = false;
  const parts = topics.map((t) => {
    const o = fill(answerTopic(t, c, words), c, templates, names);
    if (o === null) return words.answer({ ...c, draft: { ...c.draft, answerTopic: t, answerTopics: [t] } });
    any = true;
    usesName ||= o.usesName;
    return o.text;
  });
  return any ? { text: parts.join(words.separator), usesName } : null;
}

/** The lender's wording of `act` in this draft, or null: the catalogue's sentence is said. */
export function overrideOf(
  act: WordedAct,
  c: ActContext,
  words: Catalogue,
  templates: TemplateOverrides,
  names: Names,
): Overridden | null {
  if (act === 'answer') return answer(c, words, templates, names);
  return fill(choose(act, c, words), c, templates, names);
}
