/** One alternation from many patterns, so each lexicon reads as a list. */
export const re = (parts: string[], flags = ''): RegExp => new RegExp(parts.join('|'), flags);
