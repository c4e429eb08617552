import type { AnswerTopic } from '../dialogue/types.ts';
import { normalize } from './normalize.ts';

/**
 * What a debtor's question is about, so the answer template can answer it. Works on normalised
 * text (simplified, lower case, half-width), like the parser. When a message asks two things,
 * the more specific topic wins: who is writing, then the effect on credit, then how much is
 * owed, then how to pay.
 */

const re = (parts: string[]): RegExp => new RegExp(parts.join('|'));

const WHO = re([
  '你们?是谁',
  '你是哪',
  '你们是哪',
  '谁(?:啊|呀|发的|在发)',
  '是谁(?:发|啊|呀)',
  '你们是什么',
  '哪个(?:平台|公司|机构|网贷|银行(?!卡))',
  '哪家(?:平台|公司|机构|网贷)?(?!银行)',
  '什么(?:平台|公司|机构|网贷)',
  '哪里的',
  '(?:平台|公司)(?:叫|是)(?:什么|啥)',
  '啥(?:平台|公司)',
  "\\bwho(?:'s| is| are) (?:this|you|it|texting|messaging|writing)\\b",
  '\\bwhere are you (?:from|calling from|located)\\b',
  '\\bwho (?:sent|is sending)\\b',
  '\\bwhat (?:company|business|lender|platform)\\b',
  '\\bwhich (?:company|lender|platform)\\b',
  '\\bwho are you\\b',
  '\\bwho (?:do you|are you) (?:work|with)\\b',
  '\\bis this a scam\\b',
]);

const CREDIT = re([
  '征信',
  '信用(?!卡)',
  '影响',
  '上报',
  '黑名单',
  '不还(?:会|的话)?(?:怎么样|怎样|会怎么|有什么后果)',
  '后果',
  '\\bcredit\\b(?! ?card)',
  '\\bfico\\b',
  '\\bcredit (?:score|report|record|history|rating)\\b',
  '\\bcredit bureaus?\\b',
  '\\b(?:affect|hurt|damage|impact)\\b',
  '\\bwhat happens if\\b',
  '\\bconsequences?\\b',
]);

const BALANCE = re([
  '欠(?:了|你们)?多少',
  '还(?:要|得|剩|差)?(?:还)?多少',
  '多少钱',
  '一共多少',
  '总共多少',
  '剩(?:下)?多少',
  '余额',
  '金额(?:是)?多少',
  '欠款(?:是)?多少',
  '待还(?:金额|多少)?',
  '应还',
  '账单',
  '本金',
  '欠(?:款|钱)(?:数|金额)',
  '\\bhow much\\b',
  '\\bbalance\\b',
  '\\bowe\\b',
  '\\bamount\\b',
  '\\btotal\\b',
  '\\bpayoff\\b',
  '\\bwhat do i owe\\b',
]);

const HOW_TO_PAY = re([
  '怎么(?:还|付|交|缴|转|支付|操作)',
  '如何(?:还|付|交|缴|转|支付)',
  '还款(?:方式|方法|渠道|途径|入口|账户|账号|流程)',
  '(?:在|去|到)?哪(?:里|儿)?(?:还|付|交|缴|转)',
  '(?:支付宝|微信|银行卡|信用卡|转账|app|网银)',
  '还款链接',
  '收款(?:账户|账号)',
  '怎样还',
  '\\bhow (?:do|can|should|would) i (?:pay|send|make (?:a|the) payment|repay)\\b',
  '\\bhow to (?:pay|repay)\\b',
  '\\bwhere\\b',
  '\\bpay online\\b',
  '\\bpayment (?:method|options?|link|portal)\\b',
  '\\b(?:what|which) (?:app|bank|account|website|site)\\b',
  '\\b(?:can i )?pay (?:by|with|via|through|online)\\b',
  '\\b(?:venmo|zelle|paypal|card|bank transfer|wire)\\b',
]);

export function answerTopic(text: string): AnswerTopic {
  const t = normalize(text);
  if (WHO.test(t)) return 'who';
  if (CREDIT.test(t)) return 'credit';
  if (BALANCE.test(t)) return 'balance';
  if (HOW_TO_PAY.test(t)) return 'how_to_pay';
  return 'general';
}
