// The audit log: the tenant's raw events, newest first (as the log received them), with filters, full-text search, a date range,
// paging with the cursor, the per-day counts as a chart, and any row's full JSON. The filters live in
// the page's address, so a filtered view can be bookmarked or shared.
import { h, fill, problemBox, emptyState, scroller } from '../dom.js';
import * as api from '../api.js';
import { chart } from '../charts.js';
import { when, day } from '../format.js';
import { go } from '../routes.js';

const filters = [
  ['type', 'Type', 'text'], ['actorId', 'Actor', 'text'], ['itemId', 'Item', 'text'], ['status', 'Status', 'text'],
  ['environment', 'Environment', 'text'], ['q', 'Search', 'search'], ['from', 'From (UTC)', 'date'], ['to', 'To (UTC)', 'date'],
];
const summaryTypes = 4;

export async function render(main, params) {
  const query = Object.fromEntries(filters.map(([name]) => [name, params.get(name) ?? '']));
  const inputs = filters.map(([name, label, type]) => h('div', { class: 'field' },
    h('label', { for: `audit-${name}` }, label),
    h('input', { id: `audit-${name}`, name, type, value: query[name], autocomplete: 'off', maxlength: name === 'q' ? '200' : '256' })));
  const form = h('form', { class: 'filters section', role: 'search', 'aria-label': 'Filter the audit log' }, inputs,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('button', { type: 'reset' }, 'Clear')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = Object.fromEntries([...new FormData(form)].filter(([, value]) => String(value).trim() !== '').map(([k, v]) => [k, String(v).trim()]));
    go('audit', chosen);
  });
  form.addEventListener('reset', () => setTimeout(() => go('audit'), 0));

  const summary = h('section', { class: 'section', 'aria-label': 'Events per day' }, h('h2', {}, 'Events per day'), h('p', { class: 'muted' }, 'Loading…'));
  const entries = h('section', { class: 'section', 'aria-label': 'Entries' }, h('h2', {}, 'Entries'));
  const rows = h('tbody');
  const table = h('table', { class: 'entries' },
    h('caption', { class: 'sr-only' }, 'Audit log entries, newest first'),
    h('thead', {}, h('tr', {}, ['Received', 'Occurred', 'Type', 'Actor', 'Item', 'Status', 'Environment', ''].map(title => h('th', { scope: 'col' }, title || h('span', { class: 'sr-only' }, 'Details'))))),
    rows);
  const message = h('div');
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Older entries');
  entries.append(message, scroller('Audit log entries', table), more);
  fill(main, h('h1', {}, 'Audit log'), form, summary, entries);

  let cursor = null;
  async function loadPage() {
    more.disabled = true;
    try {
      const page = await api.tenant('/api/activity/log', { query: { ...query, cursor, limit: 50 } });
      for (const entry of page.entries) rows.append(...entryRows(entry));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (rows.children.length === 0) {
        fill(message, emptyState(Object.values(query).some(Boolean) ? 'Nothing matches these filters.' : 'No events yet — the log holds every event the tenant emits.'));
        table.hidden = true;
      }
    } catch (error) {
      fill(message, problemBox(error, 'Could not read the audit log'));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', loadPage);

  await Promise.all([loadPage(), loadSummary(summary, query)]);
}

// The row of an entry, and the hidden row under it with its full JSON.
function entryRows(entry) {
  const detailsId = `entry-${entry.id}`;
  const json = h('tr', { class: 'entry-json', id: detailsId, hidden: true },
    h('td', { colspan: '8' }, h('pre', { tabindex: '0' }, h('code', {}, JSON.stringify(entry, null, 2)))));
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': detailsId }, 'JSON');
  toggle.addEventListener('click', () => {
    json.hidden = !json.hidden;
    toggle.setAttribute('aria-expanded', String(!json.hidden));
  });
  // Newest first by arrival in the log; when it happened can be earlier (a late or derived event).
  const row = h('tr', { dataset: { id: entry.id } },
    h('td', {}, h('time', { datetime: entry.receivedAt }, when(entry.receivedAt))),
    h('td', {}, h('time', { datetime: entry.occurredAt }, when(entry.occurredAt))),
    h('td', {}, entry.type), h('td', { class: 'wrap' }, entry.actorId), h('td', { class: 'wrap' }, entry.itemId ?? ''),
    h('td', {}, entry.status ?? ''), h('td', {}, entry.environment ?? ''), h('td', {}, toggle));
  return [row, json];
}

// Per-day counts as a stacked chart of the busiest types (the rest as "other").
async function loadSummary(section, query) {
  try {
    const counts = await api.tenant('/api/activity/log/summary', { query: { from: query.from, to: query.to, type: query.type } });
    const days = [...new Set(counts.map(c => c.day))].sort();
    if (days.length === 0) {
      section.replaceChildren(section.firstChild, emptyState('No events in this range.'));
      return;
    }
    const totals = new Map();
    for (const c of counts) totals.set(c.type, (totals.get(c.type) ?? 0) + c.count);
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, summaryTypes).map(([type]) => type);
    const series = top.map(type => ({ label: type, values: days.map(d => counts.find(c => c.day === d && c.type === type)?.count ?? 0) }));
    if (totals.size > top.length) {
      series.push({ label: 'other', values: days.map(d => counts.filter(c => c.day === d && !top.includes(c.type)).reduce((sum, c) => sum + c.count, 0)) });
    }
    section.replaceChildren(section.firstChild, chart({ id: 'chart-audit', title: 'Events per UTC day of occurrence, by type', labels: days.map(day), series, stacked: true }));
  } catch (error) {
    section.replaceChildren(section.firstChild, problemBox(error, 'Could not read the per-day counts'));
  }
}
