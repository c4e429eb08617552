/**
 * The bot's suggested replies under the thread (at most three), each with its offers; the agent
 * sends one as is or takes it into the composer to edit.
 */
import { t } from '../../i18n/index.js';
import { h } from '../dom.js';
import { shortTime } from '../format.js';
import { state } from '../state.js';
import { editSuggestion, sendAgent } from './composer.js';
import { actTags, planTables } from './parts.js';

export function suggestionsSection(c) {
  const currency = c.account?.currency;
  const list = Array.isArray(c.suggestions) ? c.suggestions.slice(0, 3) : [];
  return h(
    'section',
    { class: 'suggestions', 'aria-labelledby': 'sugg-title', 'data-testid': 'suggestions' },
    h('h3', { id: 'sugg-title', class: 'section-title' }, t('conv.suggestions')),
    list.length
      ? h(
          'div',
          { class: 'sugg-list' },
          list.map((s, i) => suggestionCard(s, i, currency)),
        )
      : h('p', { class: 'muted small' }, t('conv.noSuggestions')),
  );
}

function suggestionCard(s, i, currency) {
  return h(
    'article',
    {
      class: 'card sugg',
      'data-testid': 'suggestion',
      'data-acts': (s.acts ?? []).join(' '),
      'data-index': String(i),
      'aria-label': t('sugg.label', { n: i + 1 }),
    },
    h(
      'div',
      { class: 'sugg-head' },
      h('span', { class: 'sugg-n' }, t('sugg.label', { n: i + 1 })),
      actTags(s.acts),
    ),
    h('p', { class: 'sugg-text', 'data-testid': 'suggestion-text' }, s.text),
    s.offers?.length ? planTables(s.offers, currency) : null,
    s.deferredUntil
      ? h('p', { class: 'small warn' }, t('sugg.deferred', { time: shortTime(s.deferredUntil) }))
      : null,
    h(
      'div',
      { class: 'sugg-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-primary btn-sm',
          'data-testid': 'suggestion-send',
          'data-focus-key': `sugg-send:${i}`,
          disabled: state.sending,
          onclick: () => void sendAgent(s.text, 'suggestion'),
        },
        t('sugg.sendAsIs'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-secondary btn-sm',
          'data-testid': 'suggestion-edit',
          'data-focus-key': `sugg-edit:${i}`,
          onclick: () => editSuggestion(s.text),
        },
        t('sugg.edit'),
      ),
    ),
  );
}
