// The timeline: dated events derived from the records, oldest first, a page at a time ("Show later events"
// follows the cursor). Each event opens the sentences that state it.
import type { AtlasClient, TimelineEvent } from '../client/index.js';
import { byId, h, replace } from './dom.js';
import { EVENT_TYPES, formatDate, label, onLanguageChange, STANCES } from './format.js';
import { count, pick, shownOf, t } from './i18n.js';
import { recordLink } from './records.js';
import { openSources } from './sources.js';
import { showError } from './status.js';

const PAGE_SIZE = 12;

export function initTimeline(atlas: AtlasClient): Promise<void> {
  const events: TimelineEvent[] = [];
  let nextCursor: string | null = null;
  let total = 0;

  function item(event: TimelineEvent): HTMLElement {
    const stance = STANCES[event.stance];
    return h(
      'li',
      { class: `event event-${event.type}`, 'data-event': event.id },
      h('time', { datetime: event.date.start, class: 'event-date' }, formatDate(event.date)),
      h(
        'div',
        { class: 'event-body' },
        h('span', { class: 'tag' }, label(EVENT_TYPES, event.type)),
        event.stance === 'fact' ? null : h('span', { class: `stance stance-${event.stance}` }, pick(stance.label)),
        h('p', { class: 'event-title' }, event.title),
        h(
          'p',
          { class: 'event-vendors muted' },
          event.vendors.map((vendor, index) => [index > 0 ? ', ' : null, recordLink('vendor', vendor)]),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'cite',
          'aria-label': `The sentences that state: ${event.title}`,
          onclick: () => void openSources(`${formatDate(event.date)} — ${event.title}`, event.sources),
        },
        count(event.sources.length, 'sentence'),
      ),
    );
  }

  function render(): void {
    replace(byId('timeline-list'), events.length === 0 ? h('li', { class: 'muted' }, t('noEvent')) : events.map(item));
    replace(byId('timeline-summary'), shownOf(events.length, count(total, 'event')));
    byId<HTMLButtonElement>('timeline-more').hidden = nextCursor === null;
  }

  async function load(): Promise<void> {
    const { data } = await atlas.get('/v1/events', {
      query: { limit: PAGE_SIZE, count: 'true', ...(nextCursor ? { cursor: nextCursor } : {}) },
    });
    events.push(...data.data);
    nextCursor = data.page.nextCursor;
    total = data.page.totalCount ?? events.length;
    render();
  }

  byId('timeline-more').addEventListener('click', () => void load().catch((error: unknown) => showError(byId('timeline-list'), error)));
  onLanguageChange(render);
  return load().catch((error: unknown) => showError(byId('timeline-list'), error));
}
