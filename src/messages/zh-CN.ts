import { addDays, type LocalDate } from '../time/calendar.ts';
import { dateText, describePlan } from '../planning/plan-text.ts';
import type { Option } from '../planning/planner.ts';
import {
  dueInstallment,
  nearDay,
  offeredIds,
  overdueStage,
  offersIntroduced,
  pick,
  planFigures,
  proactiveActs,
  type ActContext,
  type Catalogue,
  type Detail,
} from './catalogue.ts';
import { signatureOf } from './sms-parts.ts';
import { zhFactWording } from './zh-CN-facts.ts';
import { zhCheckWording } from './zh-CN-check.ts';

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

/** Answers, payments, plan changes and handoff notes: worded with this file's dates. */
const zhFacts = zhFactWording({ day, when, idList });

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

/** Unsure readings put back as a question: worded with this file's dates and plans. */
const zhCheck = zhCheckWording({ day, when, idList, planText });

// ---------- the reasons of proactive messages ----------

function firstReminder(c: ActContext): string {
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  const short = c.detail >= 2;
  const overdue = pick(c, `您的借款已逾期${days}天,待还${bal}`, `提醒您,借款已逾期${days}天,待还${bal}`);
  switch (overdueStage(days)) {
    case 'due':
      return short
        ? pick(c, `您的借款待还${bal},请按时还款。`, `提醒您,借款待还${bal},请按时还款。`)
        : pick(
            c,
            `您的借款待还${bal},请按时还款。如有困难,可回复我们协商。`,
            `提醒您,借款待还${bal},请按时还款;如有困难,回复我们即可协商。`,
          );
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
  const ask = past ? '如已还款请忽略' : pick(c, '请按时还款', '记得按时还款');
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
  const tail = short
    ? pick(c, '如已还款请忽略。', '已还款的话请忽略本短信。')
    : pick(
        c,
        '如已还款请忽略;如有变化,回复我们重新商量即可。',
        '如已还款请忽略;计划有变的话,回复我们再约个时间。',
      );
  return `${what}${seen}${tail}`;
}

function offersOpen(c: ActContext): string {
  if (c.has('offer')) return pick(c, '之前为您准备的还款方案仍然有效:', '为您准备的方案还保留着:');
  const ids = idList(offeredIds(c.draft));
  return c.detail >= 2
    ? pick(c, `之前的还款方案仍然有效,回复${ids}即可选择。`, `为您准备的方案还保留着,回复${ids}选择即可。`)
    : pick(
        c,
        `之前为您准备的还款方案仍然有效,回复${ids}即可选择;如都不合适,也可告诉我们每月能还多少。`,
        `为您准备的还款方案还保留着,回复${ids}选择即可;都不合适的话,告诉我们每月能还多少。`,
      );
}

function silence(c: ActContext): string {
  const bal = c.money(c.account.balance);
  return c.detail >= 2
    ? pick(
        c,
        `您的借款待还${bal},如有困难可为您安排分期,回复“分期”即可。`,
        `借款待还${bal},需要分期的话回复“分期”即可。`,
      )
    : pick(
        c,
        `之前的消息您可能还没来得及看。您的借款待还${bal},如暂时有困难,我们可以为您安排分期,回复“分期”或告诉我们每月能还多少即可。`,
        `再和您确认一下:您的借款待还${bal}。如暂时有困难,可以为您安排分期,回复“分期”或告诉我们每月能还多少。`,
      );
}

// ---------- the replies ----------

function empathy(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // Beside a handoff alone (a complaint, a dispute), sympathy for the trouble, not for hardship.
  const general = c.has('handoff') && !c.has('clarify') && !c.has('offer') && hardship === null;
  if (general)
    return short
      ? pick(c, '理解您的感受。', '明白您的感受。')
      : pick(c, '理解您的感受,给您带来不便很抱歉。', '明白您的感受,给您添麻烦了,很抱歉。');
  if (hardship === 'temporary')
    return short
      ? pick(c, '理解您暂时的困难。', '明白这是暂时的困难。')
      : pick(c, '理解,暂时周转不开的情况谁都可能遇到。', '明白,一时周转不开的情况很常见。');
  if (hardship === 'long_term')
    return short
      ? pick(c, '理解您的处境。', '明白您的处境。')
      : pick(c, '非常理解您的处境,长期的困难确实不容易。', '明白您的处境,长期的困难确实很难。');
  return short
    ? pick(c, '理解您的难处。', '明白您的难处。')
    : pick(c, '理解您的难处,现在确实不容易。', '明白您的难处,这段时间确实不容易。');
}

function clarify(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // A refusal without a figure, when a longer plan would change nothing: ask the figure.
  if (c.draft.askFigure)
    return short
      ? pick(c, '每月最多能还多少?', '您每月最多能拿出多少?')
      : pick(
          c,
          '这几个方案都不合适的话,您每月最多能还多少?我们按您能承受的金额重新安排。',
          '想请您说个数:每月最多能还多少?我们按这个金额为您重新安排方案。',
        );
  const why = short ? '' : pick(c, '我们好为您安排合适的方案。', '这样我们能为您安排更合适的方案。');
  const lead = short ? '' : pick(c, '想了解一下,', '方便说一下吗?');
  if (hardship === 'temporary') return `${lead}大概什么时候能周转过来?每月大概能还多少?${why}`;
  if (hardship === 'long_term') {
    return short
      ? pick(c, '每月大概能还多少?少一些也没关系。', '每月能还多少?金额少也可以。')
      : pick(
          c,
          '想了解一下,每月大概能还多少?哪怕少一些也没关系,我们会尽量按您能承受的金额安排分期。',
          '方便说一下每月大概能还多少吗?金额少一些也可以,我们按您能承受的金额安排分期。',
        );
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
  const introduced = offersIntroduced(c);
  const items = offers.map((o) => `${o.id}. ${planText(c, o, d)}`);
  let intro = '';
  if (introduced) {
    // The follow-up's own words introduce the list; what was said about the amount was said before.
  } else if (c.draft.infeasible) {
    const which = one ? '最接近的方案是' : `方案${closest.id}是最接近的`;
    intro =
      d >= 2 ? `您说的金额低于方案允许的最低额,${which}:` : `您说的金额低于方案允许的最低还款额,${which}:`;
  } else {
    intro =
      d >= 2
        ? pick(c, '可选方案:', '方案如下:')
        : one
          ? pick(c, '为您准备了以下方案:', '为您重新准备了一个方案:')
          : pick(c, '为您准备了以下还款方案:', '为您重新准备了几个方案:');
  }
  const choose = one
    ? `回复${ids[0]}确认此方案`
    : pick(c, `回复${idList(ids)}选择`, `选好后回复${idList(ids)}`);
  const outro = d === 0 ? `${choose},也可告诉我们每月能还多少。` : `${choose}。`;
  return `${intro}${items.join(';')};${outro}`;
}

function confirm(c: ActContext): string {
  const { draft } = c;
  const d = c.detail;
  if (draft.change?.kind === 'moved' && draft.plan) return zhFacts.moved(c);
  if (draft.plan) {
    const text = planText(c, draft.plan, d >= 2 ? 2 : 0);
    const done = pick(c, `已为您确认方案${draft.plan.id}`, `方案${draft.plan.id}已为您确认`);
    return d === 0
      ? `${done}:${text}。${pick(c, '到期前我们会短信提醒您,感谢您的配合!', '每期到期前会短信提醒您,谢谢!')}`
      : `${done}:${text}。`;
  }
  const p = draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? when(c, p.date) : null;
  if (!p || (!amount && !date))
    return d === 0
      ? pick(c, '好的,已记录您的还款承诺,感谢您的配合!', '好的,您的还款承诺已记下,谢谢!')
      : pick(c, '好的,已记录您的还款承诺。', '好的,您的还款承诺已记下。');
  const what = amount && date ? `${date}还${amount}` : date ? `${date}还款` : `还${amount},请尽快安排`;
  const more =
    d === 0
      ? date
        ? pick(c, '如到时有困难,请提前告诉我们,感谢您的配合!', '到时如有变化,请提前告诉我们,谢谢!')
        : pick(c, '感谢您的配合!', '谢谢!')
      : '';
  return `${pick(c, '好的,已记录您承诺', '好的,已记下您承诺')}${what}。${more}`;
}

/** The one acknowledgement of a handoff: with the time frame the policy promises (§8). */
function handoff(c: ActContext): string {
  const h = c.draft.handoffHours ?? 24;
  return c.detail >= 2
    ? pick(c, `已转交人工专员,${h}小时内会与您联系。`, `专员会在${h}小时内联系您。`)
    : pick(
        c,
        `已转交人工专员处理,专员会在${h}小时内与您联系,感谢您的耐心。`,
        `您的情况已交给人工专员,${h}小时内会有专员联系您,请留意短信或来电。`,
      );
}

function deescalate(c: ActContext): string {
  // Beside a handoff a person will write next: no "reply when you're ready".
  if (c.has('handoff') || c.has('handoff_note'))
    return pick(c, '理解您现在的心情,如给您带来困扰,我们很抱歉。', '明白您的心情,给您带来困扰,很抱歉。');
  return c.detail >= 2
    ? pick(
        c,
        '理解您的心情,给您带来困扰很抱歉。您方便时回复即可。',
        '明白您的心情,很抱歉给您添了困扰。方便时再回复我们。',
      )
    : pick(
        c,
        '理解您现在的心情,如给您带来困扰,我们很抱歉。我们只希望和您一起找到合适的解决办法,您方便时回复即可。',
        '明白您的心情,给您添了困扰,很抱歉。我们是想和您一起找个合适的办法,您方便的时候再回复就好。',
      );
}

function ack(c: ActContext): string {
  if (!c.alone) return pick(c, '收到,谢谢。', '好的,谢谢。');
  // With a plan running, no word of any new plan: what is next is what matters.
  const next = c.draft.facts?.next;
  if (c.draft.facts && c.draft.facts.owed <= 0)
    return pick(
      c,
      '好的,收到。您的借款已全部结清,感谢您的配合!',
      '不客气,您的借款已经结清,如有需要随时联系我们。',
    );
  if (c.draft.facts?.planAgreed && next && next.due < c.today)
    return pick(
      c,
      `好的,收到。第${next.index}期(${day(next.due, c.today)}到期)还有${c.money(next.amount)}未还,方便时请尽快安排。`,
      `明白。第${next.index}期还差${c.money(next.amount)}(${day(next.due, c.today)}到期),有困难随时回复。`,
    );
  if (c.draft.facts?.planAgreed && next)
    return pick(
      c,
      `好的,收到。下一期${day(next.due, c.today)}还${c.money(next.amount)},到期前会提醒您。`,
      `明白。第${next.index}期${day(next.due, c.today)}到期,金额${c.money(next.amount)},有需要随时回复。`,
    );
  return c.detail >= 2
    ? pick(c, '好的,收到。如有需要随时回复我们。', '明白,有需要随时回复。')
    : pick(
        c,
        '好的,收到。如有任何需要,或还款上有困难,随时回复我们。',
        '明白。之后有任何需要,或还款上遇到困难,随时回复我们就好。',
      );
}

/** A bare yes with several options open: which one? Agrees to nothing (§8). */
function whichOption(c: ActContext): string {
  const ids = idList(offeredIds(c.draft));
  return pick(
    c,
    `请问您选择哪个方案?回复${ids}中的一个字母即可,我们马上为您确认。`,
    `为免弄错,请直接回复您要的方案字母(${ids}),我们再为您确认。`,
  );
}

/**
 * To someone who says they are not the debtor but knows them (a spouse, a friend): no name, no
 * amount, no word of any debt; only "please ask them to contact us" and the official number.
 */
function thirdParty(c: ActContext): string {
  const tel = c.account.hotline;
  return pick(
    c,
    `您好,感谢告知。为保护客户隐私,相关事宜我们只能与本人沟通,请转告本人${tel ? `拨打官方客服电话${tel}` : '直接回复此号码'}与我们联系。`,
    `您好,出于隐私保护,我们只能与本人沟通,麻烦请本人${tel ? `拨打官方客服电话${tel}` : '回复此号码'}联系我们。`,
  );
}

export const zhCN: Catalogue = {
  ...proactiveActs({
    firstReminder,
    installmentDue,
    promiseMissed,
    installmentMissed: zhFacts.installmentMissed,
    planBroken: zhFacts.planBroken,
    offersOpen,
    silence,
  }),
  empathy,
  clarify,
  offer,
  confirm,
  handoff,
  deescalate,
  ack,
  which_option: whichOption,
  check_reading: zhCheck.check_reading,
  ask_meaning: zhCheck.ask_meaning,
  third_party: thirdParty,
  payment_received: zhFacts.paymentReceived,
  closing: zhFacts.closing,
  reschedule: zhFacts.reschedule,
  handoff_note: zhFacts.handoffNote,
  answer: zhFacts.answer,
  // To a wrong party: no name, no amount, no word of any debt.
  apology: (c) =>
    pick(c, '抱歉打扰,我们会更正号码,不再给您发送短信。', '打扰了,很抱歉,我们会更正号码,不再发送短信。'),
  opt_out_confirm: (c) => pick(c, '已为您退订,此后不再发送短信。', '退订已生效,今后不再给您发送短信。'),
  header: signatureOf,
  // 张伟您好,已记录… rather than 张伟您好,好的,已记录…
  greet: (name, body) => `${name}您好,${body.replace(/^好的,/, '')}`,
  close: '祝您生活愉快!',
  closeAgain: '祝您一切顺利!',
  separator: '',
  day,
  plan: planText,
};
