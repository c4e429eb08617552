import { describeBanned } from './content-rules.ts';
import { findAuthority, findBanned, foldForMatching } from './matcher.ts';

/**
 * Whether a lender's name may sign SMS. The name opens every Chinese SMS (【lender】) and every
 * English one (Lender: …), and the bot's own texts name it (我们是…的客服, This is … customer
 * service): the guard exempts the signature position only, so a name that poses as a court,
 * the police or a government body (人民法院, 公安局催收, County Court, Police Dept), or holds a
 * banned word (家人贷, Family Credit), is refused when the account is imported, not found out
 * message by message.
 */

/** Brackets would break out of the signature 【…】 or fake a second one. */
const BRACKETS = /[【】〖〗〔〕〘〙〚〛［］[\]]/;

/** The reason the name may not sign SMS, or null when it may. */
export function checkLenderName(name: string): string | null {
  const shown = JSON.stringify(name);
  if (BRACKETS.test(name))
    return `the lender name ${shown} holds brackets: it is written inside the signature 【…】`;
  const folded = foldForMatching(name);
  const authority = findAuthority(folded);
  if (authority.length > 0) {
    return `the lender name ${shown} poses as a court, the police or a government body (${authority.map((w) => JSON.stringify(w)).join(', ')}): it signs every SMS`;
  }
  const banned = findBanned(folded);
  if (banned.size > 0) {
    return `the lender name ${shown} holds banned words (${describeBanned(banned)}): it signs every SMS`;
  }
  return null;
}
