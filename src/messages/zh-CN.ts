import { addDays, type LocalDate } from '../time/calendar.ts';
import { dateText, describePlan } from '../planning/plan-text.ts';
import type { Option } from '../planning/planner.ts';
import {
  dueInstallment,
  nearDay,
  offeredIds,
  overdueStage,
  planFigures,
  proactiveActs,
  type ActContext,
  type Catalogue,
  type Detail,
} from './catalogue.ts';
import { signatureOf } from './sms-parts.ts';

/**
 * The Chinese wording, act by act. Punctuation follows the seeds and src/planning/plan-text.ts:
 * half-width , : ; ? ! ( ) inside sentences, 。 at their ends.
 */

const day = (date: LocalDate, today?: LocalDate): string => dateText(date, 'zh-CN', today);

/** A date with 今天/明天 when it is one of those. */
function when(c: ActContext, date: LocalDate): string {
  const near = nearDay(date, c.today);
  if (near === 'today') return `今天(${day(date, c.today)})`;
  if (near === 'tomorrow') return `明天(${day(date, c.today)})`;
  return day(date, c.today);
}

/** Option ids as the reply instruction names them: A/B/C. */
const idList = (ids: readonly string[]): string => ids.join('/');

function planText(c: ActContext, option: Pick<Option, 'installments'>, detail: Detail): string {
  const f = planFigures(option, detail);
  if (f === null)
    return describePlan(option, { currency: c.account.currency, locale: 'zh-CN', today: c.today });
  const first = day(f.first.due, c.today);
  if (detail === 3) return `首期${first}还${c.money(f.first.amount)},共${f.count}期`;
  const tail = f.namesLast ? `,末期${c.money(f.last)}` : '';
  const monthly = `每月${f.approx ? (f.even ? '约' : '最多') : ''}还${c.money(f.mid)}`;
  return f.steady
    ? `${first}起${monthly}${tail},共${f.count}期`
    : `首期${first}还${c.money(f.first.amount)},之后${monthly}${tail},共${f.count}期`;
}

// ---------- the reasons of proactive messages ----------

function firstReminder(c: ActContext): string {
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  const short = c.detail >= 2;
  const overdue = `您的借款已逾期${days}天,待还${bal}`;
  switch (overdueStage(days)) {
    case 'due':
      return short
        ? `您的借款待还${bal},请按时还款。`
        : `您的借款待还${bal},请按时还款。如有困难,可回复我们协商。`;
    case 'gentle':
      if (short) return `${overdue},方便时请尽快还款,如有困难可回复协商。`;
      return c.detail === 0
        ? `温馨提醒,${overdue}。可能是一时忘记了,方便时请尽快还款,如有困难可回复我们协商。`
        : `温馨提醒,${overdue},方便时请尽快还款,如有困难可回复我们协商。`;
    case 'consequences':
      return short
        ? `${overdue},持续逾期会产生罚息并可能影响征信,如有困难请回复协商。`
        : `${overdue}。持续逾期会产生罚息,并可能影响个人征信。如有困难请回复我们,一起商量还款方案。`;
    case 'plan':
      return short
        ? `${overdue},可为您安排分期:回复“分期”或告诉我们每月能还多少。`
        : `${overdue},逾期期间会持续产生罚息,并可能影响个人征信。我们可以为您安排分期还款,回复“分期”或告诉我们每月能还多少。`;
  }
}

/** `installment.index` is 1-based: 第2期(共4期) is index 2 of count 4. */
function installmentDue(c: ActContext): string {
  const inst = dueInstallment(c);
  if (!inst) return '您的还款计划有一期即将到期,请留意按时还款。';
  const past = inst.due < c.today;
  const which =
    inst.count > 1 && inst.index >= 1 ? `您的还款计划第${inst.index}期(共${inst.count}期)` : '您约定的还款';
  const due = past
    ? `已于${day(inst.due, c.today)}到期`
    : inst.due <= addDays(c.today, 1)
      ? `${when(c, inst.due)}到期`
      : `将于${day(inst.due, c.today)}到期`;
  const ask = past ? '如已还款请忽略' : '请按时还款';
  const more = c.detail === 0 ? (past ? ';如有困难,请回复我们商量。' : ',如有困难请提前回复我们。') : '。';
  return `${which}${due},金额${c.money(inst.amount)},${ask}${more}`;
}

function promiseMissed(c: ActContext): string {
  const p = c.draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? day(p.date, c.today) : null;
  const short = c.detail >= 2;
  const what =
    amount && date
      ? `您之前约定${date}还${amount}`
      : date
        ? `您之前约定${date}还款`
        : amount
          ? `您之前约定还${amount}`
          : '您之前约定的还款';
  const seen = amount || date ? ',目前还未查到这笔还款。' : '目前还未查到。';
  return `${what}${seen}${short ? '如已还款请忽略。' : '如已还款请忽略;如有变化,回复我们重新商量即可。'}`;
}

function offersOpen(c: ActContext): string {
  if (c.has('offer')) return '之前为您准备的还款方案仍然有效:';
  const ids = idList(offeredIds(c.draft));
  return c.detail >= 2
    ? `之前的还款方案仍然有效,回复${ids}即可选择。`
    : `之前为您准备的还款方案仍然有效,回复${ids}即可选择;如都不合适,也可告诉我们每月能还多少。`;
}

function silence(c: ActContext): string {
  const bal = c.money(c.account.balance);
  return c.detail >= 2
    ? `您的借款待还${bal},如有困难可为您安排分期,回复“分期”即可。`
    : `之前的消息您可能还没来得及看。您的借款待还${bal},如暂时有困难,我们可以为您安排分期,回复“分期”或告诉我们每月能还多少即可。`;
}

// ---------- the replies ----------

function empathy(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // Beside a handoff alone (a complaint, a dispute), sympathy for the trouble, not for hardship.
  const general = c.has('handoff') && !c.has('clarify') && !c.has('offer') && hardship === null;
  if (general) return short ? '理解您的感受。' : '理解您的感受,给您带来不便很抱歉。';
  if (hardship === 'temporary') return short ? '理解您暂时的困难。' : '理解,暂时周转不开的情况谁都可能遇到。';
  if (hardship === 'long_term') return short ? '理解您的处境。' : '非常理解您的处境,长期的困难确实不容易。';
  return short ? '理解您的难处。' : '理解您的难处,现在确实不容易。';
}

function clarify(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  const why = short ? '' : '我们好为您安排合适的方案。';
  const lead = short ? '' : '想了解一下,';
  if (hardship === 'temporary') return `${lead}大概什么时候能周转过来?每月大概能还多少?${why}`;
  if (hardship === 'long_term') {
    return short
      ? '每月大概能还多少?少一些也没关系。'
      : '想了解一下,每月大概能还多少?哪怕少一些也没关系,我们会尽量按您能承受的金额安排分期。';
  }
  return `${lead}是暂时周转不开,还是长期困难?每月大概能还多少?${why}`;
}

function offer(c: ActContext): string {
  const offers = c.draft.offers ?? [];
  const d = c.detail;
  if (offers.length === 0) return '请告诉我们每月大概能还多少,我们为您安排合适的方案。';
  const ids = offers.map((o) => o.id);
  const one = offers.length === 1;
  const closest = offers.find((o) => o.kind === 'closest') ?? offers[0]!;
  const introduced = c.has('followup') && c.draft.proactiveReason === 'offer_followup';
  const items = offers.map((o) => `${o.id}. ${planText(c, o, d)}`);
  let intro = '';
  if (introduced) {
    // The follow-up's own words introduce the list; what was said about the amount was said before.
  } else if (c.draft.infeasible) {
    const which = one ? '最接近的方案是' : `方案${closest.id}是最接近的`;
    intro =
      d >= 2 ? `您说的金额低于方案允许的最低额,${which}:` : `您说的金额低于方案允许的最低还款额,${which}:`;
  } else {
    intro = d >= 2 ? '可选方案:' : one ? '为您准备了以下方案:' : '为您准备了以下还款方案:';
  }
  const choose = one ? `回复${ids[0]}确认此方案` : `回复${idList(ids)}选择`;
  const outro = d === 0 ? `${choose},也可告诉我们每月能还多少。` : `${choose}。`;
  return `${intro}${items.join(';')};${outro}`;
}

function confirm(c: ActContext): string {
  const { draft } = c;
  const d = c.detail;
  if (draft.plan) {
    const text = planText(c, draft.plan, d >= 2 ? 2 : 0);
    return d === 0
      ? `已为您确认方案${draft.plan.id}:${text}。到期前我们会短信提醒您,感谢您的配合!`
      : `已为您确认方案${draft.plan.id}:${text}。`;
  }
  const p = draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? when(c, p.date) : null;
  if (!p || (!amount && !date))
    return d === 0 ? '好的,已记录您的还款承诺,感谢您的配合!' : '好的,已记录您的还款承诺。';
  const what = amount && date ? `${date}还${amount}` : date ? `${date}还款` : `还${amount},请尽快安排`;
  const more = d === 0 ? (date ? '如到时有困难,请提前告诉我们,感谢您的配合!' : '感谢您的配合!') : '';
  return `好的,已记录您承诺${what}。${more}`;
}

function answer(c: ActContext): string {
  // Beside offers, the offers are the way forward: no "reply 分期" suggestion.
  const short = c.detail >= 2 || c.has('offer');
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  switch (c.draft.answerTopic ?? 'general') {
    case 'balance':
      return `您目前待还${bal}${days > 0 ? `,已逾期${days}天` : ''}。${short ? '' : '如需分期,回复“分期”即可。'}`;
    case 'how_to_pay':
      return short
        ? '您可以在App内“我的借款”页面还款,或回复“分期”协商。'
        : '您可以在App内“我的借款”页面还款,也可以回复“分期”与我们协商分期方案。';
    case 'who':
      return short
        ? `我们是${c.lender}的客服。`
        : `我们是${c.lender}的客服,就您的借款事宜与您联系。如有疑问可随时回复。`;
    case 'credit':
      return short
        ? '按时还款或尽早约定还款计划,可以尽量减少对个人征信的影响。'
        : '按时还款,或尽早与我们约定还款计划,可以尽量减少对个人征信的影响。如有困难,可回复我们协商。';
    // New topics (issue 13) keep the general answer until the machine supplies their facts.
    case 'next_installment':
    case 'remaining':
    case 'overdue_days':
    case 'late_fees':
    case 'handoff_eta':
    case 'general':
      return short
        ? '感谢您的提问,如需人工服务请回复“人工”。'
        : '感谢您的提问。您可以回复询问待还金额、还款方式或分期方案;如需人工服务,请回复“人工”。';
  }
}

function handoff(c: ActContext): string {
  return c.detail >= 2
    ? '已转交人工专员处理,会尽快与您联系。'
    : '已转交人工专员处理,会尽快与您联系,感谢您的耐心。';
}

function deescalate(c: ActContext): string {
  // Beside a handoff a person will write next: no "reply when you're ready".
  if (c.has('handoff')) return '理解您现在的心情,如给您带来困扰,我们很抱歉。';
  return c.detail >= 2
    ? '理解您的心情,给您带来困扰很抱歉。您方便时回复即可。'
    : '理解您现在的心情,如给您带来困扰,我们很抱歉。我们只希望和您一起找到合适的解决办法,您方便时回复即可。';
}

function ack(c: ActContext): string {
  if (!c.alone) return '收到,谢谢。';
  return c.detail >= 2
    ? '好的,收到。如有需要随时回复我们。'
    : '好的,收到。如有任何需要,或还款上有困难,随时回复我们。';
}

export const zhCN: Catalogue = {
  ...proactiveActs({ firstReminder, installmentDue, promiseMissed, offersOpen, silence }),
  empathy,
  clarify,
  offer,
  confirm,
  answer,
  handoff,
  deescalate,
  ack,
  // To a wrong party: no name, no amount, no word of any debt.
  apology: () => '抱歉打扰,我们会更正号码,不再给您发送短信。',
  opt_out_confirm: () => '已为您退订,此后不再发送短信。',
  header: signatureOf,
  // 张伟您好,已记录… rather than 张伟您好,好的,已记录…
  greet: (name, body) => `${name}您好,${body.replace(/^好的,/, '')}`,
  close: '祝您生活愉快!',
  separator: '',
  day,
};
