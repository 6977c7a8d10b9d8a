// A user's engagement dashboard: the six totals, 12 ISO weeks of votes and comments received, the last 7
// days, and their top items. The user is picked by id (the feed's recent actors are offered).
import { h, fill, problemBox, emptyState, statCards } from '../dom.js';
import * as api from '../api.js';
import { chart } from '../charts.js';
import { number, day } from '../format.js';
import { go } from '../routes.js';

const totals = [
  ['totalActivity', 'Total activity'],
  ['uniqueItemsInteracted', 'Items interacted with'],
  ['votesReceived', 'Votes received'],
  ['commentsReceived', 'Comments received'],
  ['submissions', 'Submissions'],
  ['viewsReceived', 'Views received'],
];

export async function render(main, params) {
  const userId = params.get('user') ?? '';
  const input = h('input', { id: 'dashboard-user', name: 'user', type: 'text', list: 'dashboard-users', value: userId, required: true, autocomplete: 'off' });
  const known = h('datalist', { id: 'dashboard-users' });
  const form = h('form', { class: 'inline-form' },
    h('label', { for: 'dashboard-user' }, 'User id'), input, known, h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    go('dashboards', { user: input.value.trim() });
  });
  const content = h('div', { class: 'stack' });
  fill(main, h('h1', {}, userId ? `Dashboard of ${userId}` : 'Dashboards'), form, content);
  offerRecentActors(known);

  if (!userId) {
    fill(content, emptyState('Pick a user: type their id, or choose one of the feed\'s recent actors.'));
    return;
  }

  const base = `/api/dashboard/users/${encodeURIComponent(userId)}`;
  const [summary, weekly, daily, top] = await Promise.allSettled([
    api.tenant(base),
    api.tenant(`${base}/weekly`, { query: { weeks: 12 } }),
    api.tenant(`${base}/daily`, { query: { days: 7 } }),
    api.tenant(`${base}/top-items`, { query: { limit: 5 } }),
  ]);

  fill(content,
    section('Totals', summary, value => statCards('total', totals.map(([name, label]) => [name, label, value[name]]))),
    h('div', { class: 'charts' },
      section('Weekly engagement', weekly, weeks => chart({
        id: 'chart-weekly',
        title: 'Votes and comments received per ISO week',
        labels: weeks.map(w => w.week),
        series: [{ label: 'Votes', values: weeks.map(w => w.votes) }, { label: 'Comments', values: weeks.map(w => w.comments) }],
      })),
      section('Daily activity', daily, days => chart({
        id: 'chart-daily',
        title: 'The last 7 days (UTC)',
        labels: days.map(d => `${d.day} ${day(d.date)}`),
        series: [
          { label: 'Submissions', values: days.map(d => d.submissions) },
          { label: 'Views', values: days.map(d => d.views) },
          { label: 'Engagement', values: days.map(d => d.engagement) },
        ],
      }))),
    section('Top items', top, items => items.length === 0
      ? emptyState(`${userId} has no items with votes or comments yet.`)
      : h('table', { id: 'top-items' },
        h('caption', { class: 'sr-only' }, 'Top items'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Votes'), h('th', { scope: 'col', class: 'num' }, 'Comments'))),
        h('tbody', {}, items.map(item => h('tr', {}, h('td', {}, item.itemId), h('td', { class: 'num' }, number(item.votes)), h('td', { class: 'num' }, number(item.comments))))))));
}

// One part of the page: its content, or the error that part got.
function section(title, settled, draw) {
  return h('section', { class: 'section', 'aria-label': title },
    h('h2', {}, title),
    settled.status === 'fulfilled' ? draw(settled.value) : problemBox(settled.reason, `Could not load ${title.toLowerCase()}`));
}

async function offerRecentActors(datalist) {
  try {
    const page = await api.feed('/api/activity/events', { query: { limit: 50 } });
    const actors = [...new Set(page.events.flatMap(tile => tile.actorIds))].sort();
    fill(datalist, actors.map(actor => h('option', { value: actor })));
  } catch {
    // Only suggestions: the id can still be typed.
  }
}
