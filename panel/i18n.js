/* global document, localStorage, navigator */
/**
 * The panel's words, in Chinese and English. `t(key, vars)` looks a key up in the current
 * language (falling back to English, then to the key itself) and fills `{name}` placeholders.
 * The language defaults from navigator.language and is remembered in localStorage.
 */

const STORAGE_KEY = 'huikuan.lang';

export const LANGS = /** @type {const} */ (['zh', 'en']);

const zh = {
  'app.title': '回款 Huikuan · 坐席助手',
  'app.product': '回款',
  'app.productLatin': 'Huikuan',
  'app.subtitle': '坐席助手',
  'tab.inbox': '收件箱',
  'tab.metrics': '指标',
  'tabs.label': '视图',
  'lang.toggle': 'EN',
  'lang.toggleLabel': 'Switch to English',
  logout: '退出登录',
  'live.on': '实时',
  'live.off': '连接中断，正在重连…',
  'live.connecting': '连接中…',
  'live.label': '实时更新状态',

  'login.title': '坐席登录',
  'login.intro': '此服务器需要管理员令牌（HUIKUAN_ADMIN_TOKEN）。',
  'login.token': '管理员令牌',
  'login.submit': '登录',
  'login.wrong': '令牌不正确，请重试。',
  'login.expired': '会话已失效，请重新输入令牌。',
  'login.unreachable': '无法连接服务器：{error}',
  'login.empty': '请输入令牌。',

  'inbox.title': '会话',
  'inbox.filters': '筛选',
  'inbox.search': '搜索姓名或手机号',
  'inbox.searchLabel': '搜索会话（按 / 聚焦）',
  'inbox.empty': '没有符合条件的会话。',
  'inbox.count': '{n} 个会话',
  'inbox.count1': '1 个会话',
  'inbox.loading': '加载中…',
  'inbox.you': '我方：',
  'inbox.noMessages': '尚无消息',
  'filter.all': '全部',
  'filter.needs_person': '需人工',
  'filter.negotiating': '协商中',
  'filter.agreed': '已达成',
  'filter.opted_out': '已退订',
  'filter.wrong_party': '非本人',

  'conv.empty.title': '选择一个会话',
  'conv.empty.body': '从左侧收件箱选择会话，或在右侧模拟器中以债务人身份发送短信。',
  'conv.lender': '出借方',
  'conv.balance': '欠款',
  'conv.overdue': '逾期',
  'conv.channel': '渠道',
  'conv.phone': '手机',
  'conv.paused': '人工接管中',
  'conv.notFound': '找不到该会话。',
  'conv.plan.agreed': '已达成的还款计划',
  'conv.plan.offers': '当前方案',
  'conv.plan.none': '暂无方案。',
  'conv.plan.title': '谈判桌上的方案',
  'conv.plan.promise': '承诺还款',
  'conv.plan.capacity': '每月可还',
  'conv.plan.hardship': '困难',
  'conv.plan.rounds': '协商轮次',
  'conv.plan.handoff': '转人工原因',
  'conv.messages': '消息记录',
  'conv.noMessages': '还没有消息。',
  'conv.suggestions': '建议回复',
  'conv.noSuggestions': '当前没有建议回复。',
  'conv.export': '导出',
  'conv.exportLabel': '导出会话文件（可用 npm run replay 回放）',
  'conv.exported': '已导出 {file}',
  'conv.takeover': '接管',
  'conv.takeoverHint': '机器人停止自动回复',
  'conv.handback': '交还机器人',
  'conv.handbackHint': '机器人从当前状态继续',
  'conv.resolve': '结案',
  'conv.resolution': '处理结果',
  'conv.resolveHint': '仅在“转人工”状态下可结案',
  'conv.resolved': '已结案，机器人恢复。',
  'conv.notHandoff': '该会话不在“转人工”状态。',
  'conv.tookOver': '已接管：机器人不会再自动回复。',
  'conv.handedBack': '已交还机器人。',
  'resolution.dispute_settled': '争议已解决',
  'resolution.payment_confirmed': '已确认还款',
  'resolution.other': '其他',

  'author.bot': '机器人',
  'author.agent': '坐席',
  'author.debtor': '债务人',
  'status.received': '已接收',
  'status.queued': '排队中',
  'status.sent': '已发送',
  'status.failed': '发送失败',
  'status.deferred': '延后发送',
  'status.blocked': '已拦截',
  'status.until': '至 {time}',
  'msg.offers': '附 {n} 个方案',
  'msg.plan': '附还款计划',

  'chip.intent': '意图',
  'chip.amount': '金额',
  'chip.date': '日期',
  'chip.installments': '期数',
  'chip.hardship': '困难',
  'chip.installmentsValue': '{n} 期',
  'chip.parsed': '解析结果',

  'plan.caption': '方案 {id}',
  'plan.n': '#',
  'plan.due': '到期日',
  'plan.amount': '金额',
  'plan.total': '合计',

  'sugg.sendAsIs': '直接发送',
  'sugg.edit': '编辑',
  'sugg.deferred': '因免打扰时段，将延后至 {time}',
  'sugg.label': '建议 {n}',

  'composer.label': '坐席消息',
  'composer.placeholder': '输入你要发给债务人的短信…',
  'composer.send': '发送',
  'composer.hint': 'Ctrl/⌘ + Enter 发送 · 发送前经过合规检查',
  'composer.chars': '{n} 字',
  'composer.empty': '消息不能为空。',
  'composer.queued': '已加入发送队列。',
  'composer.deferred': '处于免打扰时段，将于 {time} 发送。',
  'composer.sending': '发送中…',
  'guard.title': '合规检查拦截了这条消息，未发送：',

  'sim.title': '短信模拟器',
  'sim.intro': '以债务人身份发短信，观察机器人的回复。',
  'sim.debtor': '债务人',
  'sim.choose': '选择债务人…',
  'sim.new': '新建演示债务人',
  'sim.newDone': '已创建演示债务人 {name}',
  'sim.phone': '完整手机号',
  'sim.phoneHint': '收件箱中的号码已脱敏，请输入完整号码（E.164）。',
  'sim.input': '短信内容',
  'sim.placeholder': '输入短信，例如：没钱',
  'sim.send': '发送',
  'sim.sendLabel': '以债务人身份发送',
  'sim.empty': '还没有短信。',
  'sim.pick': '先选择一个债务人。',
  'sim.noPhone': '请先填写完整手机号。',
  'sim.open': '在面板中打开',
  'sim.held': '免打扰时段：回复将于 {time} 送达',
  'sim.status': '短信状态',

  'metrics.title': '运营指标',
  'metrics.rates': '转化率',
  'metrics.segments': '客群分层',
  'metrics.chart': '每日趋势',
  'metrics.totals': '总量',
  'metrics.empty': '暂无数据。',
  'metrics.chartUnavailable': '图表库未加载（/vendor/uplot）。',
  'rate.reply': '回复率',
  'rate.promiseToPay': '承诺还款率',
  'rate.agreement': '达成率',
  'rate.promisesKept': '承诺兑现率',
  'rate.complaint': '投诉率',
  'rate.optOut': '退订率',
  'total.debtors': '债务人',
  'total.contacted': '已触达',
  'total.replied': '已回复',
  'total.promised': '承诺还款',
  'total.agreed': '达成计划',
  'total.promisesDue': '到期承诺',
  'total.promisesKept': '兑现承诺',
  'total.complaints': '投诉',
  'total.optedOut': '退订',
  'total.payments': '还款笔数',
  'count.replied': '已回复 {n}',
  'count.contacted': '已触达 {n}',
  'count.promised': '承诺 {n}',
  'count.agreed': '达成 {n}',
  'count.promisesKept': '兑现 {n}',
  'count.promisesDue': '到期 {n}',
  'count.complaints': '投诉 {n}',
  'count.optedOut': '退订 {n}',
  'segment.prompt': '积极还款型',
  'segment.hesitant': '犹豫观望型',
  'segment.unreachable': '完全失联型',
  'segment.promptHint': '承诺或达成计划，并按时还款',
  'segment.hesitantHint': '有回复，但尚未兑现',
  'segment.unreachableHint': '触达后从未回复',
  'segment.share': '占比 {p}',
  'series.date': '日期',
  'series.sent': '发送',
  'series.received': '接收',
  'series.agreed': '达成',
  'series.promised': '承诺',
  'series.payments': '还款',

  'error.network': '网络错误：{error}',
  'error.server': '服务器错误（{status}）：{error}',
  'error.notFound': '接口不存在（{path}）',
  dismiss: '关闭',
  days: '{n} 天',
  overdueDays: '逾期 {n} 天',
  overdueShort: '逾期 {n} 天',
  'row.paused': '人工',
  'tag.demo': '演示',
};

/** @type {typeof zh} */
const en = {
  'app.title': 'Huikuan · agent assist',
  'app.product': '回款',
  'app.productLatin': 'Huikuan',
  'app.subtitle': 'Agent assist',
  'tab.inbox': 'Inbox',
  'tab.metrics': 'Metrics',
  'tabs.label': 'Views',
  'lang.toggle': '中文',
  'lang.toggleLabel': '切换到中文',
  logout: 'Log out',
  'live.on': 'Live',
  'live.off': 'Disconnected, reconnecting…',
  'live.connecting': 'Connecting…',
  'live.label': 'Live updates status',

  'login.title': 'Agent sign-in',
  'login.intro': 'This server requires the admin token (HUIKUAN_ADMIN_TOKEN).',
  'login.token': 'Admin token',
  'login.submit': 'Sign in',
  'login.wrong': 'That token is not right. Try again.',
  'login.expired': 'Your session has ended. Enter the token again.',
  'login.unreachable': 'Cannot reach the server: {error}',
  'login.empty': 'Enter the token.',

  'inbox.title': 'Conversations',
  'inbox.filters': 'Filters',
  'inbox.search': 'Search name or phone',
  'inbox.searchLabel': 'Search conversations (press / to focus)',
  'inbox.empty': 'No conversations match.',
  'inbox.count': '{n} conversations',
  'inbox.count1': '1 conversation',
  'inbox.loading': 'Loading…',
  'inbox.you': 'Us: ',
  'inbox.noMessages': 'No messages yet',
  'filter.all': 'All',
  'filter.needs_person': 'Needs a person',
  'filter.negotiating': 'Negotiating',
  'filter.agreed': 'Agreed',
  'filter.opted_out': 'Opted out',
  'filter.wrong_party': 'Wrong party',

  'conv.empty.title': 'Pick a conversation',
  'conv.empty.body':
    'Choose one in the inbox on the left, or text as a debtor in the simulator on the right.',
  'conv.lender': 'Lender',
  'conv.balance': 'Balance',
  'conv.overdue': 'Overdue',
  'conv.channel': 'Channel',
  'conv.phone': 'Phone',
  'conv.paused': 'Agent in control',
  'conv.notFound': 'This conversation was not found.',
  'conv.plan.agreed': 'Agreed plan',
  'conv.plan.offers': 'Current offers',
  'conv.plan.none': 'Nothing on the table yet.',
  'conv.plan.title': 'On the table',
  'conv.plan.promise': 'Promise',
  'conv.plan.capacity': 'Can pay monthly',
  'conv.plan.hardship': 'Hardship',
  'conv.plan.rounds': 'Rounds',
  'conv.plan.handoff': 'Handoff reason',
  'conv.messages': 'Messages',
  'conv.noMessages': 'No messages yet.',
  'conv.suggestions': 'Suggested replies',
  'conv.noSuggestions': 'No suggestions right now.',
  'conv.export': 'Export',
  'conv.exportLabel': 'Export the conversation file (replay with npm run replay)',
  'conv.exported': 'Exported {file}',
  'conv.takeover': 'Take over',
  'conv.takeoverHint': 'The bot stops replying',
  'conv.handback': 'Hand back',
  'conv.handbackHint': 'The bot resumes from the current state',
  'conv.resolve': 'Resolve',
  'conv.resolution': 'Resolution',
  'conv.resolveHint': 'Only a handoff can be resolved',
  'conv.resolved': 'Resolved; the bot resumes.',
  'conv.notHandoff': 'This conversation is not in handoff.',
  'conv.tookOver': 'Taken over: the bot will not reply on its own.',
  'conv.handedBack': 'Handed back to the bot.',
  'resolution.dispute_settled': 'Dispute settled',
  'resolution.payment_confirmed': 'Payment confirmed',
  'resolution.other': 'Other',

  'author.bot': 'Bot',
  'author.agent': 'Agent',
  'author.debtor': 'Debtor',
  'status.received': 'received',
  'status.queued': 'queued',
  'status.sent': 'sent',
  'status.failed': 'failed',
  'status.deferred': 'deferred',
  'status.blocked': 'blocked',
  'status.until': 'until {time}',
  'msg.offers': '{n} offers attached',
  'msg.plan': 'plan attached',

  'chip.intent': 'Intent',
  'chip.amount': 'Amount',
  'chip.date': 'Date',
  'chip.installments': 'Installments',
  'chip.hardship': 'Hardship',
  'chip.installmentsValue': '{n} installments',
  'chip.parsed': 'Parsed meaning',

  'plan.caption': 'Option {id}',
  'plan.n': '#',
  'plan.due': 'Due',
  'plan.amount': 'Amount',
  'plan.total': 'Total',

  'sugg.sendAsIs': 'Send as is',
  'sugg.edit': 'Edit',
  'sugg.deferred': 'Quiet hours: would be sent at {time}',
  'sugg.label': 'Suggestion {n}',

  'composer.label': 'Agent message',
  'composer.placeholder': 'Write your own SMS to the debtor…',
  'composer.send': 'Send',
  'composer.hint': 'Ctrl/⌘ + Enter sends · checked by the compliance guard',
  'composer.chars': '{n} chars',
  'composer.empty': 'The message is empty.',
  'composer.queued': 'Queued for sending.',
  'composer.deferred': 'Quiet hours: it will be sent at {time}.',
  'composer.sending': 'Sending…',
  'guard.title': 'The compliance guard blocked this message; it was not sent:',

  'sim.title': 'SMS simulator',
  'sim.intro': 'Text as a debtor and watch the bot answer.',
  'sim.debtor': 'Debtor',
  'sim.choose': 'Choose a debtor…',
  'sim.new': 'New demo debtor',
  'sim.newDone': 'Created demo debtor {name}',
  'sim.phone': 'Full phone number',
  'sim.phoneHint': 'The inbox masks phones; enter the full number (E.164).',
  'sim.input': 'SMS text',
  'sim.placeholder': 'Type an SMS, e.g. I have no money',
  'sim.send': 'Send',
  'sim.sendLabel': 'Send as the debtor',
  'sim.empty': 'No messages yet.',
  'sim.pick': 'Choose a debtor first.',
  'sim.noPhone': 'Enter the full phone number first.',
  'sim.open': 'Open in panel',
  'sim.held': 'Quiet hours: a reply arrives at {time}',
  'sim.status': 'SMS status',

  'metrics.title': 'Metrics',
  'metrics.rates': 'Rates',
  'metrics.segments': 'Segments',
  'metrics.chart': 'Daily activity',
  'metrics.totals': 'Totals',
  'metrics.empty': 'No data yet.',
  'metrics.chartUnavailable': 'The chart library did not load (/vendor/uplot).',
  'rate.reply': 'Reply rate',
  'rate.promiseToPay': 'Promise-to-pay rate',
  'rate.agreement': 'Agreement rate',
  'rate.promisesKept': 'Promises kept',
  'rate.complaint': 'Complaint rate',
  'rate.optOut': 'Opt-out rate',
  'total.debtors': 'Debtors',
  'total.contacted': 'Contacted',
  'total.replied': 'Replied',
  'total.promised': 'Promised',
  'total.agreed': 'Agreed',
  'total.promisesDue': 'Promises due',
  'total.promisesKept': 'Promises kept',
  'total.complaints': 'Complaints',
  'total.optedOut': 'Opted out',
  'total.payments': 'Payments',
  'count.replied': '{n} replied',
  'count.contacted': '{n} contacted',
  'count.promised': '{n} promised',
  'count.agreed': '{n} agreed',
  'count.promisesKept': '{n} kept',
  'count.promisesDue': '{n} due',
  'count.complaints': '{n} complaints',
  'count.optedOut': '{n} opted out',
  'segment.prompt': 'Prompt payers',
  'segment.hesitant': 'Hesitant',
  'segment.unreachable': 'Unreachable',
  'segment.promptHint': 'Promised or agreed, and paid on time',
  'segment.hesitantHint': 'Replied, but has not followed through',
  'segment.unreachableHint': 'Contacted, never replied',
  'segment.share': '{p} of debtors',
  'series.date': 'Date',
  'series.sent': 'Sent',
  'series.received': 'Received',
  'series.agreed': 'Agreed',
  'series.promised': 'Promised',
  'series.payments': 'Payments',

  'error.network': 'Network error: {error}',
  'error.server': 'Server error ({status}): {error}',
  'error.notFound': 'Endpoint not found ({path})',
  dismiss: 'Dismiss',
  days: '{n} days',
  overdueDays: '{n} days overdue',
  overdueShort: '{n}d overdue',
  'row.paused': 'Agent',
  'tag.demo': 'demo',
};

/** Names of the closed vocabularies the server uses (intents, states, acts, guard rules). */
const vocab = {
  zh: {
    intent: {
      opt_out: '退订',
      wrong_party: '非本人',
      dispute: '有争议',
      already_paid: '已还款',
      complaint: '投诉',
      abusive: '辱骂',
      request_human: '要求人工',
      accept: '接受',
      decline: '拒绝',
      promise_to_pay: '承诺还款',
      offer_amount: '提出金额',
      request_installment: '要求分期',
      request_extension: '要求延期',
      no_money: '没钱',
      question: '提问',
      other: '其他',
    },
    state: {
      idle: '未开始',
      reminded: '已提醒',
      clarify: '了解情况',
      offer: '提出方案',
      promised: '已承诺',
      agreed: '已达成',
      handoff: '转人工',
      opted_out: '已退订',
      wrong_party: '非本人',
    },
    act: {
      reminder: '提醒',
      followup: '跟进',
      empathy: '共情',
      clarify: '了解情况',
      offer: '方案',
      confirm: '确认',
      answer: '解答',
      handoff: '转人工',
      deescalate: '安抚',
      opt_out_confirm: '退订确认',
      apology: '致歉',
      agent: '坐席撰写',
      ack: '回应',
    },
    hardship: { temporary: '暂时困难', long_term: '长期困难' },
    rule: {
      signature: '缺少签名',
      stray_brackets: '多余括号',
      quiet_hours: '免打扰时段',
      daily_cap: '每日上限',
      opt_out_hint: '缺少退订提示',
      after_opt_out: '对方已退订',
      wrong_party_disclosure: '向非本人泄露',
      banned_lexicon: '违禁用语',
      template_debris: '模板残留',
      max_length: '超出长度',
      one_reply_per_inbound: '每条来信仅回复一次',
    },
    channel: { sim: '模拟器', twilio: 'Twilio', gateway: '短信网关' },
  },
  en: {
    intent: {
      opt_out: 'opt out',
      wrong_party: 'wrong party',
      dispute: 'dispute',
      already_paid: 'already paid',
      complaint: 'complaint',
      abusive: 'abusive',
      request_human: 'asks for a person',
      accept: 'accept',
      decline: 'decline',
      promise_to_pay: 'promise to pay',
      offer_amount: 'offers an amount',
      request_installment: 'asks for installments',
      request_extension: 'asks for more time',
      no_money: 'no money',
      question: 'question',
      other: 'other',
    },
    state: {
      idle: 'idle',
      reminded: 'reminded',
      clarify: 'clarifying',
      offer: 'offer',
      promised: 'promised',
      agreed: 'agreed',
      handoff: 'handoff',
      opted_out: 'opted out',
      wrong_party: 'wrong party',
    },
    act: {
      reminder: 'reminder',
      followup: 'follow-up',
      empathy: 'empathy',
      clarify: 'clarify',
      offer: 'offer',
      confirm: 'confirm',
      answer: 'answer',
      handoff: 'handoff',
      deescalate: 'de-escalate',
      opt_out_confirm: 'opt-out confirmation',
      apology: 'apology',
      agent: 'written by the agent',
      ack: 'acknowledge',
    },
    hardship: { temporary: 'temporary', long_term: 'long-term' },
    rule: {
      signature: 'Signature missing',
      stray_brackets: 'Stray brackets',
      quiet_hours: 'Quiet hours',
      daily_cap: 'Daily cap',
      opt_out_hint: 'Opt-out hint missing',
      after_opt_out: 'Debtor opted out',
      wrong_party_disclosure: 'Disclosure to a wrong party',
      banned_lexicon: 'Banned wording',
      template_debris: 'Template debris',
      max_length: 'Too long',
      one_reply_per_inbound: 'One reply per inbound',
    },
    channel: { sim: 'simulator', twilio: 'Twilio', gateway: 'SMS gateway' },
  },
};

const STRINGS = { zh, en };

function detect() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (private mode): fall through
  }
  const nav = (typeof navigator !== 'undefined' && (navigator.language || '')) || '';
  return nav.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current = detect();
const listeners = new Set();

export function getLang() {
  return current;
}

/** The BCP 47 tag for Intl formatting and <html lang>. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en-US';
}

export function setLang(lang) {
  if (lang !== 'zh' && lang !== 'en') return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A closed-vocabulary term (intent, state, act, hardship, rule, channel); unknown codes show as is. */
export function term(kind, code) {
  if (code === null || code === undefined) return '';
  return vocab[current][kind]?.[code] ?? vocab.en[kind]?.[code] ?? String(code);
}

/**
 * Fill every static element marked in the HTML: data-i18n (text), data-i18n-placeholder,
 * data-i18n-aria-label and data-i18n-title.
 */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]'))
    el.setAttribute('title', t(el.dataset.i18nTitle));
  document.documentElement.lang = locale();
  document.title = t('app.title');
}
