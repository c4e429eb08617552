import type { LocalDate } from '../time/calendar.ts';
import type { AnswerTopic, Facts } from '../dialogue/types.ts';
import { dueInstallment, offeredIds, pick, topicsOf, type ActContext, type ActWording } from './catalogue.ts';

/**
 * The Chinese wording of facts (CONTRACTS §8 "Answers come from facts"): answers to questions,
 * payments received, a missed installment, a broken plan, the settled account, a moved
 * installment, the notes of a handoff. Every figure comes from the draft's `facts`, worked out
 * by the machine; nothing here computes one. With a plan agreed no sentence suggests another plan.
 */

/** The date words of the catalogue these sentences join (zh-CN.ts), passed in to share them. */
export interface ZhDates {
  day: (date: LocalDate, today?: LocalDate) => string;
  when: (c: ActContext, date: LocalDate) => string;
  idList: (ids: readonly string[]) => string;
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The facts of the draft, or the account's own when a draft carries none. */
function factsOf(c: ActContext): Facts {
  return (
    c.draft.facts ?? {
      owed: c.account.balance,
      overdueDays: c.account.overdueDays,
      planAgreed: false,
      next: null,
      remaining: null,
      offersOpen: false,
      optionIds: [],
      handoffBy: null,
      handoffOverdue: false,
    }
  );
}

export function zhFactWording({ day, when, idList }: ZhDates) {
  /** One sentence per topic; `withNext`: the next installment is stated by another sentence. */
  function sentence(c: ActContext, topic: AnswerTopic, f: Facts, withNext: boolean): string {
    const short = c.detail >= 2 || c.has('offer');
    // "回复分期" only when nothing is on the table, no plan runs and no person owns the case.
    const suggest = !short && !f.planAgreed && !f.offersOpen && f.handoffBy === null;
    const owed = c.money(f.owed);
    const next = f.next;
    const left = f.remaining === null ? owed : c.money(f.remaining);
    const choose = f.offersOpen ? `回复${idList(offeredIds(c.draft))}即可选择方案。` : '';
    const owedLine = (): string =>
      pick(
        c,
        `您目前待还${owed}${f.overdueDays > 0 ? `,已逾期${f.overdueDays}天` : ''}。`,
        `目前待还金额为${owed}${f.overdueDays > 0 ? `,已逾期${f.overdueDays}天` : ''}。`,
      ) + (suggest ? '如需分期,回复“分期”即可。' : choose);
    const settled = pick(c, '您的还款计划已全部还清,感谢!', '计划内的款项已全部还清,谢谢!');
    switch (topic) {
      case 'balance':
      case 'remaining':
        if (!f.planAgreed) return owedLine();
        if (!next) return settled;
        if (withNext) return pick(c, `计划内还剩${left}未还。`, `共还剩${left}。`);
        if (next.due < c.today)
          return `您的还款计划还剩${left}未还,其中第${next.index}期(${day(next.due, c.today)}到期)还差${c.money(next.amount)}。`;
        return pick(
          c,
          `您的还款计划还剩${left}未还,下一期${day(next.due, c.today)}还${c.money(next.amount)}。`,
          `按计划还需还${left},最近一期是${day(next.due, c.today)}的${c.money(next.amount)}。`,
        );
      case 'next_installment':
        if (f.planAgreed && !next) return settled;
        if (next) {
          const which = next.count > 1 ? `第${next.index}期(共${next.count}期)` : '约定的还款';
          if (next.due < c.today)
            return pick(
              c,
              `${which}已于${day(next.due, c.today)}到期,还有${c.money(next.amount)}未还,方便时请尽快安排。`,
              `${which}(${day(next.due, c.today)}到期)还差${c.money(next.amount)},请尽快安排。`,
            );
          return pick(
            c,
            `下一期是${which},${when(c, next.due)}到期,应还${c.money(next.amount)}。`,
            `${which}在${when(c, next.due)}到期,金额${c.money(next.amount)}。`,
          );
        }
        if (f.offersOpen)
          return pick(
            c,
            `目前还没有确认还款计划;${choose.replace(/。$/, '')},每期的日期和金额会发给您。`,
            `还款计划还没确认,${choose.replace(/。$/, '')}后,我们会告诉您每期的日期和金额。`,
          );
        return (
          pick(c, `目前还没有约定还款计划,待还${owed}。`, `您还没有约定还款计划,目前待还${owed}。`) +
          (suggest ? '如需分期,回复“分期”即可。' : '')
        );
      case 'overdue_days':
        return f.planAgreed && next
          ? pick(
              c,
              `您的借款已逾期${f.overdueDays}天;按计划还款即可,下一期${day(next.due, c.today)}。`,
              `借款逾期${f.overdueDays}天,按约定的计划还款就好,下一期${day(next.due, c.today)}。`,
            )
          : owedLine();
      case 'how_to_pay': {
        const own = c.account.howToPay;
        // The lender's own words, verbatim (§8); otherwise the generic sentence.
        const way = own
          ? `${pick(c, '还款方式:', '您可以这样还款:')}${own}${/[。.!!]$/.test(own) ? '' : '。'}`
          : pick(c, '您可以在App内“我的借款”页面还款', '还款可以在App内“我的借款”页面操作');
        if (next && !withNext)
          return `${way}${own ? '' : '。'}${pick(c, '本期', '这一期')}${day(next.due, c.today)}应还${c.money(next.amount)}。`;
        if (own) return way + (suggest && !short ? '也可以回复“分期”与我们协商分期方案。' : '');
        if (suggest)
          return short ? `${way},或回复“分期”协商。` : `${way},也可以回复“分期”与我们协商分期方案。`;
        return `${way}。`;
      }
      case 'who': {
        const tel = c.account.hotline;
        if (tel)
          return pick(
            c,
            `我们是${c.lender}的客服,官方客服电话${tel},如有疑虑可拨打核实。`,
            `这里是${c.lender}客服,您可拨打官方客服电话${tel}核实。`,
          );
        return short
          ? pick(c, `我们是${c.lender}的客服。`, `这里是${c.lender}客服。`)
          : pick(
              c,
              `我们是${c.lender}的客服,就您的借款事宜与您联系。如有疑虑,可通过官方App内公布的客服电话核实。`,
              `这里是${c.lender}客服,联系您是为了借款的事。如不放心,可通过官方App内的客服电话核实。`,
            );
      }
      case 'credit':
        return short
          ? pick(
              c,
              '按时还款或尽早约定还款计划,可以尽量减少对个人征信的影响。',
              '按时还款、尽早约定计划,能尽量减少对征信的影响。',
            )
          : pick(
              c,
              '按时还款,或尽早与我们约定还款计划,可以尽量减少对个人征信的影响。如有困难,可回复我们协商。',
              '按时还款、尽早和我们约定还款计划,都能尽量减少对个人征信的影响。有困难可以回复我们商量。',
            );
      case 'late_fees': {
        // A person decides fees and waivers: say so; the machine flags the conversation.
        const still = f.offersOpen ? '之前的方案仍然有效。' : f.planAgreed ? '您的还款计划照常有效。' : '';
        return (
          pick(
            c,
            '罚息和减免需要由人工专员核定,我们已请专员查看,会尽快回复您。',
            '费用和减免要由人工专员来定,已经请专员看了,会尽快答复您。',
          ) + still
        );
      }
      case 'handoff_eta': {
        const by = f.handoffBy;
        if (by && f.handoffOverdue)
          return pick(
            c,
            '很抱歉让您久等了,专员会尽快与您联系,您的消息我们都已记录。',
            '让您久等了,非常抱歉。专员会尽快联系您。',
          );
        if (by)
          return pick(
            c,
            `专员会在${day(by.date, c.today)}${hhmm(by.minutes)}前与您联系。`,
            `最晚${day(by.date, c.today)}${hhmm(by.minutes)}前,专员会联系您。`,
          );
        const h = c.draft.handoffHours ?? 24;
        return pick(
          c,
          `如需人工服务,请回复“人工”,专员会在${h}小时内与您联系。`,
          `需要人工的话回复“人工”,${h}小时内会有专员联系您。`,
        );
      }
      case 'general':
        return short
          ? pick(c, '感谢您的提问,如需人工服务请回复“人工”。', '谢谢您的消息,需要人工请回复“人工”。')
          : f.planAgreed
            ? pick(
                c,
                '感谢您的提问。您可以回复询问下一期、剩余金额或还款方式;如需人工服务,请回复“人工”。',
                '谢谢您的消息。想了解下一期、剩余金额或还款方式,直接回复即可;需要人工请回复“人工”。',
              )
            : pick(
                c,
                '感谢您的提问。您可以回复询问待还金额、还款方式或分期方案;如需人工服务,请回复“人工”。',
                '谢谢您的消息。想了解待还金额、还款方式或分期方案,直接回复即可;需要人工请回复“人工”。',
              );
    }
  }

  const answer: ActWording = (c) => {
    const f = factsOf(c);
    const topics = topicsOf(c.draft);
    const withNext = f.planAgreed && topics.includes('next_installment');
    // One sentence per fact: 'balance' and 'remaining' say the same thing. Leaner levels answer
    // fewer topics (the first ones asked), so a message asking many still fits.
    const said = topics
      .filter((t, i) => !(t === 'remaining' && topics.slice(0, i).includes('balance')))
      .slice(0, c.detail === 3 ? 1 : c.detail === 2 ? 2 : undefined);
    const order = withNext ? ['next_installment', ...said.filter((t) => t !== 'next_installment')] : said;
    return order.map((t) => sentence(c, t as AnswerTopic, f, withNext && t !== 'next_installment')).join('');
  };

  const paymentReceived: ActWording = (c) => {
    const f = factsOf(c);
    const x = c.draft.payment ? c.money(c.draft.payment) : '';
    const got = pick(c, `已收到您的还款${x},感谢!`, x ? `您的${x}还款已到账,谢谢!` : '您的还款已到账,谢谢!');
    const next = f.next;
    if (f.planAgreed && next && f.remaining !== null && next.due < c.today)
      return `${got}还剩${c.money(f.remaining)}未还,其中第${next.index}期(${day(next.due, c.today)}到期)还差${c.money(next.amount)}。`;
    if (f.planAgreed && next && f.remaining !== null)
      return (
        got +
        pick(
          c,
          `还剩${c.money(f.remaining)}未还,下一期${day(next.due, c.today)}还${c.money(next.amount)}。`,
          `剩余${c.money(f.remaining)},下一期为${day(next.due, c.today)},金额${c.money(next.amount)}。`,
        )
      );
    return (
      got +
      pick(
        c,
        `目前还剩${c.money(f.owed)}待还,如需分期可回复“分期”。`,
        `还剩${c.money(f.owed)}待还,需要分期的话回复“分期”即可。`,
      )
    );
  };

  const closing: ActWording = (c) => {
    const x = c.draft.payment ? c.money(c.draft.payment) : '';
    return pick(
      c,
      `已收到您的还款${x},您的借款已全部结清。感谢您的信任与配合!`,
      `您的最后一笔还款${x}已到账,借款已全部还清,感谢您一直以来的配合!`,
    );
  };

  /** A move the policy does not allow, or a wish to move with no date yet: the limit and the latest date. */
  const reschedule: ActWording = (c) => {
    const ch = c.draft.change;
    if (!ch)
      return pick(
        c,
        '如需调整某一期的日期,请告诉我们是第几期、想改到哪天。',
        '想调整哪一期、改到哪天?告诉我们即可。',
      );
    const which = ch.count > 1 ? `第${ch.index}期` : '约定的还款';
    const from = day(ch.from, c.today);
    if (ch.latest === null)
      return pick(
        c,
        `${which}(${from}到期)的日期已无法再推迟。如确有困难,请回复“人工”,由专员为您处理。`,
        `按规定,${which}(${from})不能再往后推了。实在有困难的话,回复“人工”,专员会帮您看看。`,
      );
    const latest = day(ch.latest, c.today);
    const ask = ch.count > 1 ? `第${ch.index}期改到${latest}` : `改到${latest}`;
    if (ch.kind === 'ask')
      return pick(
        c,
        `可以为您调整:${which}原定${from},最晚可改到${latest}。请告诉我们想改到哪天。`,
        `${which}(${from})可以往后推,最晚到${latest},您想改到哪天?`,
      );
    return pick(
      c,
      `按规定,${which}(原${from}到期)最多推迟${ch.limitDays}天且须早于下一期,最晚可改到${latest}。需要的话回复“${ask}”即可。`,
      `${which}最晚可以推迟到${latest}(原${from})。如需调整,回复“${ask}”或更早的日期即可。`,
    );
  };

  /** The confirmation of a moved installment: the new date, the amount unchanged, the rest unchanged. */
  const moved: ActWording = (c) => {
    const ch = c.draft.change!;
    const to = ch.to ?? ch.from;
    const amount = c.money(c.draft.plan!.installments[ch.index - 1]!.amount);
    const which = ch.count > 1 ? `第${ch.index}期` : '约定的还款';
    const tail = c.detail === 0 ? pick(c, '到期前会短信提醒您。', '到期前我们会提醒您。') : '';
    return (
      pick(
        c,
        `已为您将${which}改到${day(to, c.today)},金额${amount}不变,其余各期日期不变。`,
        `好的,${which}已改为${day(to, c.today)}还${amount}(原${day(ch.from, c.today)}),其他各期不变。`,
      ) + tail
    );
  };

  /** The morning after an installment that was not paid in full: one reminder, no pressure. */
  const installmentMissed: ActWording = (c) => {
    const inst = dueInstallment(c);
    if (!inst) return '您的还款计划有一期还未查到还款,如已还款请忽略。';
    const which = inst.count > 1 ? `第${inst.index}期(共${inst.count}期)` : '约定的还款';
    const seen = `您的还款计划${which}已于${day(inst.due, c.today)}到期,还有${c.money(inst.amount)}未查到到账`;
    const more =
      c.detail === 0
        ? pick(
            c,
            '。如已还款请忽略;如有困难,回复我们可以商量调整日期。',
            '。如已还款请忽略;需要调整日期的话,回复我们即可。',
          )
        : pick(c, ',如已还款请忽略。', ',已还款的话请忽略本短信。');
    return seen + more;
  };

  /** Two installments missed in a row: the plan is off; offers for what is left (or a person) follow. */
  const planBroken: ActWording = (c) => {
    const owed = c.draft.facts ? c.money(c.draft.facts.owed) : null;
    const left = owed ? `,目前待还${owed}` : '';
    if (c.has('handoff')) return `您的还款计划已连续两期未查到还款${left}。`;
    return pick(
      c,
      `您的还款计划已连续两期未查到还款,原计划已不再适用${left}。我们重新为您准备了方案:`,
      `您的还款计划连续两期未还,原计划已失效${left}。重新为您准备的方案:`,
    );
  };

  /** While a person owns the conversation: they will see this message. */
  const handoffNote: ActWording = (c) =>
    c.draft.noteAbout === 'plan'
      ? pick(
          c,
          '您的想法已记下,专员联系您时会一并商量。',
          '收到,专员会看到这条消息,联系您时一起商量具体安排。',
        )
      : pick(c, '收到,您的消息专员会看到,请耐心等候。', '您的这条消息已转给专员,他们会尽快回复您。');

  return {
    answer,
    paymentReceived,
    closing,
    reschedule,
    moved,
    handoffNote,
    installmentMissed,
    planBroken,
  };
}
