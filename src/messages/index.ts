/**
 * The messages folder's public face: `render` (a Draft → the SMS text) and what its callers
 * read alongside it. Code outside src/messages imports from here, never from a catalogue.
 */
export { formatDay, render, rendered, SOFT_LIMIT } from './compose.ts';
export { overdueStage, type OverdueStage } from './catalogue.ts';
export { MAX_SMS_CHARS } from './sms-parts.ts';
