/**
 * English words the lexicons key on (4 letters or more), for the spelling layer (spelling.ts):
 * a token one typing slip away from one of these is read as it. The words of every English
 * pattern in the intent and hardship lexicons that are dictionary words (SCOWL), and the
 * keywords of the intents, hardships, dates and amounts.
 */
export const ENGLISH_KEYWORDS: readonly string[] = `
able accept account action actual afford after against agent agree agreed alone already amount
amounts another anybody anyone applied apply attention attorney avoiding away back balance bank
bankrupt bankruptcy barely bastard been before behind benefits bill bills bloodsucker
bloodsuckers body borrow borrowed borrower boss both bother break broke brother bucks bureau
business call called calling cancel cancer cannot cant cash chance change charge chat cheaper
check choice choose chronic chunks clinic clown clowns code colleague coming company complain
complaint consumer contact contacting could couple court cousin coworker credit crooks date
daughter days deal debt decline defer delay delayed depends desk details difficult disability
disabled disgusting dispute dodging does dollars done dunno each earlier email emergency
employed ending enough expensive extend extension family father feet figure figures financial
fine first five foreseeable four fraud fraudulent friday friend front full funds gets getting
girl give going good grace great half happy harassing harassment hard hardship have heard held
hell hello here hiding high holder home hospital human husband identity idiot idiots impossible
income incorrect info installment installments instalment instalments instead interest
interested jobless jobs joking just kidding know laid last late later lawsuit lawyer leave leech
leeches left less link little live lives loan long longer looking looks lose loser losers lost
lower lying made main make manage manager many math medical message messages messaging mine
monday money month monthly months more morning moron morons mother move much name named need
neither never next nobody number numbers office okay ombudsman once operator option optout other
over overcharge overcharged overcharging overdue paid parasite parasites partner parts pathetic
paycheck payday payed paying payment payments period permanent permanently person phone pick
pieces plan please police possible postpone problem promise protection push quit ready real
receipt refusing regulator reject remove report reported reporting representative rest revoke
rich right robot roll roommate routing salary saturday scam scammer scammers scared school score
screw second seems send sending sent settle settled sharks shop short should sick sign signed
sister smaller some somebody someone soon sorry sounds speak split started steep stop stopall
store struggling stupid sunday supervisor sure take talk temporarily temporary term text texting
texts thank thanks that theft them there thief thieves think third this three through thursday
tight till time times today tomorrow tonight took total transfer transferred trouble trying
tuesday twelve unable unemployed unsubscribe until uses venmo vermin vultures wages wait want
wednesday week weekend went what when where which whose wife will wired with work working works
worried would writing wrong yeah yesterday your zelle
`
  .trim()
  .split(/\s+/);

/** SMS shorthand → the word (always safe: none is an English word of its own). */
export const SHORTHAND: Record<string, string> = {
  // weekdays as people spell them (two edits from the word, too far for the slip rule)
  wensday: 'wednesday',
  wendsday: 'wednesday',
  wednsday: 'wednesday',
  wedensday: 'wednesday',
  wedsday: 'wednesday',
  thrusday: 'thursday',
  thurday: 'thursday',
  thursdy: 'thursday',
  tusday: 'tuesday',
  tuseday: 'tuesday',
  firday: 'friday',
  saterday: 'saturday',
  hunnid: 'hundred',
  hunnerd: 'hundred',
  hunnit: 'hundred',
  hunned: 'hundred',
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
  // texting shorthand of the pay-later inboxes (test/fixtures/README.md, en-8)
  rn: 'right now',
  ngl: 'not gonna lie',
  tbh: 'to be honest',
  nvm: 'never mind',
  dis: 'this',
  sry: 'sorry',
  srry: 'sorry',
  rly: 'really',
  wknd: 'weekend',
};
