/**
 * English words the lexicons key on (4 letters or more), for the spelling layer (spelling.ts):
 * a token one typing slip away from one of these is read as it.
 */
export const ENGLISH_KEYWORDS = [
  // opt_out
  'stop', 'unsubscribe', 'cancel', 'remove', 'texting', 'messaging', 'sending', 'contacting', 'calling',
  'messages', 'texts', 'leave', 'alone',
  // wrong_party
  'wrong', 'number', 'person', 'borrower', 'account', 'holder', 'husband', 'mother', 'father', 'daughter',
  'brother', 'sister', 'roommate', 'coworker', 'colleague', 'cousin', 'friend', 'nobody', 'anyone',
  // dispute
  'borrowed', 'borrow', 'never', 'dispute', 'identity', 'theft', 'fraudulent', 'overcharged', 'overcharging',
  'amount', 'balance', 'incorrect', 'loan', 'debt', 'mine',
  // already_paid
  'already', 'paid', 'transferred', 'settled', 'payment', 'receipt', 'yesterday',
  // complaint
  'complain', 'complaint', 'report', 'reported', 'reporting', 'regulator', 'attorney', 'lawyer', 'police',
  'court', 'lawsuit', 'harassment', 'harassing', 'consumer', 'protection', 'ombudsman',
  // abusive
  'scam', 'scammer', 'scammers', 'fraud', 'idiot', 'idiots', 'stupid', 'clown', 'clowns', 'pathetic',
  'disgusting', 'bastard', 'moron', 'morons', 'thief', 'thieves', 'crooks', 'vultures', 'sharks', 'loser',
  'losers',
  // request_human
  'human', 'agent', 'representative', 'operator', 'supervisor', 'manager', 'someone', 'somebody', 'speak',
  'talk',
  // accept / decline
  'okay', 'sure', 'agreed', 'agree', 'accept', 'sounds', 'good', 'works', 'option', 'first', 'second',
  'third', 'plan', 'choice', 'decline', 'reject', 'impossible', 'neither', 'afford', 'expensive',
  // paying, dates
  'pay', 'paying', 'payday', 'paycheck', 'send', 'transfer', 'settle', 'venmo', 'zelle', 'promise',
  'tomorrow', 'tonight', 'today', 'friday', 'monday', 'tuesday', 'wednesday', 'thursday', 'saturday',
  'sunday', 'weekend', 'week', 'month', 'next', 'soon', 'until', 'before',
  // extension, installments
  'extension', 'extend', 'postpone', 'delay', 'defer', 'later', 'grace', 'period', 'more', 'time', 'wait',
  'installment', 'installments', 'instalment', 'instalments', 'split', 'monthly', 'payments', 'parts',
  'break',
  // no_money, hardship
  'money', 'cash', 'funds', 'income', 'broke', 'short', 'tight', 'struggling', 'hardship', 'unemployed',
  'jobless', 'lost', 'sick', 'hospital', 'medical', 'disabled', 'disability', 'bankrupt', 'bankruptcy',
  'financial', 'temporarily', 'temporary', 'permanent', 'permanently', 'chronic', 'cancer', 'salary',
  'laid', 'work', 'right', 'now', 'right now', 'enough', 'cannot', 'cant',
  // questions
  'interest', 'credit', 'score', 'robot', 'what', 'when', 'where', 'which', 'dollars', 'bucks', 'much',
  'please', 'thanks', 'thank',
].filter((w) => w.length >= 4 && !w.includes(' '));

/** SMS shorthand → the word (always safe: none is an English word of its own). */
export const SHORTHAND: Record<string, string> = {
  nxt: 'next',
  wk: 'week',
  wks: 'weeks',
  mnth: 'month',
  mth: 'month',
  mnths: 'months',
  mths: 'months',
  pmt: 'payment',
  pymt: 'payment',
  pymnt: 'payment',
  pmnt: 'payment',
  pmts: 'payments',
  amt: 'amount',
  '2day': 'today',
  '2nite': 'tonight',
  b4: 'before',
  bc: 'because',
  bcuz: 'because',
  cuz: 'because',
  coz: 'because',
  thx: 'thanks',
  tnx: 'thanks',
  ppl: 'people',
  asap: 'as soon as possible',
  idk: "i don't know",
  wanna: 'want to',
  gotta: 'got to',
  lemme: 'let me',
  gimme: 'give me',
  u: 'you',
  ur: 'your',
  ya: 'you',
  msg: 'message',
  msgs: 'messages',
  txt: 'text',
  txts: 'texts',
  txting: 'texting',
  plz: 'please',
  pls: 'please',
  acct: 'account',
  govt: 'government',
  hosp: 'hospital',
};
