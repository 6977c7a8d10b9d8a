// Analytics: user growth and activity trends as charts, top items, the background jobs (status, next run,
// a trigger button each) and exports in each format.
import { h, fill, problemBox, emptyState, scroller } from '../dom.js';
import * as api from '../api.js';
import { chart } from '../charts.js';
import { number, when, day, bytes } from '../format.js';
import { download } from '../download.js';

const categories = ['engagement', 'auth', 'gamification', 'project', 'social', 'content', 'analytics', 'custom'];
const exportMetrics = ['comprehensive', 'user-growth', 'activity-trends', 'top-items', 'recent-activity', 'audit-log'];
const formats = ['csv', 'json', 'xlsx'];

export async function render(main) {
  const growth = part('User growth', 'section-growth');
  const trends = part('Activity trends', 'section-trends');
  const top = part('Top items', 'section-top');
  const jobs = part('Jobs', 'section-jobs');
  const exports = part('Export', 'section-export');
  fill(main, h('h1', {}, 'Analytics'), h('div', { class: 'charts' }, growth, trends), top, jobs, exports);

  exportForm(exports);
  await Promise.all([
    show(growth, '/api/analytics/user-growth', { months: 12 }, months => chart({
      id: 'chart-growth', title: 'Users per month', type: 'line', labels: months.map(m => m.month),
      series: [{ label: 'Total', values: months.map(m => m.totalUsers) }, { label: 'Active', values: months.map(m => m.activeUsers) }, { label: 'New', values: months.map(m => m.newUsers) }],
    })),
    show(trends, '/api/analytics/activity-trends', { days: 30 }, days => chart({
      id: 'chart-trends', title: 'Events per day by category (UTC)', stacked: true, labels: days.map(d => day(d.date)),
      series: topCategories(days).map(category => ({ label: category, values: days.map(d => d.categories[category] ?? 0) })),
    })),
    show(top, '/api/analytics/top-items', { limit: 10 }, items => items.length === 0 ? emptyState('No items with votes, comments or views yet.') : scroller('Top items', h('table', { id: 'analytics-top' },
      h('caption', { class: 'sr-only' }, 'Top items'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), ['Votes', 'Comments', 'Views'].map(t => h('th', { scope: 'col', class: 'num' }, t)))),
      h('tbody', {}, items.map(item => h('tr', {}, h('td', {}, item.itemId), h('td', { class: 'num' }, number(item.votes)), h('td', { class: 'num' }, number(item.comments)), h('td', { class: 'num' }, number(item.views)))))))),
    loadJobs(jobs),
  ]);
}

function part(title, id) {
  return h('section', { class: 'section', id, 'aria-label': title }, h('h2', {}, title), h('p', { class: 'muted' }, 'Loading…'));
}

async function show(section, path, query, draw) {
  try {
    section.replaceChildren(section.firstChild, draw(await api.tenant(path, { query })));
  } catch (error) {
    section.replaceChildren(section.firstChild, problemBox(error, `Could not load ${section.firstChild.textContent.toLowerCase()}`));
  }
}

// The four busiest categories over the range, so the chart stays readable.
function topCategories(days) {
  return categories.map(c => [c, days.reduce((sum, d) => sum + (d.categories[c] ?? 0), 0)])
    .filter(([, total]) => total > 0).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([c]) => c);
}

async function loadJobs(section) {
  const message = h('div', { 'aria-live': 'polite' });
  try {
    const [jobs, metrics] = await Promise.all([api.tenant('/api/analytics/jobs'), api.tenant('/api/analytics/jobs/metrics')]);
    section.replaceChildren(section.firstChild,
      h('p', { class: 'muted' }, `${number(metrics.totalJobs)} runs, ${number(metrics.failedJobs)} failed, ${number(metrics.averageJobDurationMs)} ms on average; the schedule is ${metrics.running ? 'running' : 'stopped'}.`),
      scroller('Jobs', h('table', { id: 'jobs' },
        h('caption', { class: 'sr-only' }, 'Analytics jobs'),
        h('thead', {}, h('tr', {}, ['Job', 'Status', 'Last run', 'Next run', 'Took', ''].map(t => h('th', { scope: 'col' }, t || h('span', { class: 'sr-only' }, 'Run now'))))),
        h('tbody', {}, jobs.map(job => h('tr', { dataset: { job: job.id } },
          h('td', {}, job.name),
          h('td', {}, h('span', { class: `pill job-${job.status}` }, job.status), job.error ? h('span', { class: 'problem-text' }, ` ${job.error}`) : null),
          h('td', {}, when(job.lastRun)), h('td', {}, when(job.nextRun)),
          h('td', { class: 'num' }, job.durationMs === null || job.durationMs === undefined ? '—' : `${number(job.durationMs)} ms`),
          h('td', {}, h('button', { type: 'button', 'aria-label': `Run now: ${job.name}`, onclick: () => trigger(job) }, 'Run now'))))))),
      message);
  } catch (error) {
    section.replaceChildren(section.firstChild, problemBox(error, 'Could not load the jobs'));
  }

  async function trigger(job) {
    try {
      const answer = await api.tenant(`/api/analytics/jobs/${encodeURIComponent(job.id)}/trigger`, { method: 'POST' });
      fill(message, h('p', { class: 'notice', role: 'status' }, answer.started ? `${job.name} started.` : `${job.name} is running already.`));
      setTimeout(() => loadJobs(section), 1000);
    } catch (error) {
      fill(message, problemBox(error, `Could not run ${job.name}`));
    }
  }
}

function exportForm(section) {
  const metric = h('select', { id: 'export-metric' }, exportMetrics.map(m => h('option', { value: m }, m)));
  const from = h('input', { id: 'export-from', type: 'date' });
  const to = h('input', { id: 'export-to', type: 'date' });
  const result = h('div', { 'aria-live': 'polite' });
  const buttons = formats.map(format => h('button', { type: 'button', onclick: () => run(format) }, `Download ${format.toUpperCase()}`));

  async function run(format) {
    fill(result, h('p', { class: 'muted' }, 'Preparing the file…'));
    try {
      const file = await download('/api/analytics/export', { metric: metric.value, format, from: from.value, to: to.value }, `${metric.value}.${format}`);
      fill(result, h('p', { class: 'notice', role: 'status' }, `Downloaded ${file.name} (${bytes(file.size)}).`));
    } catch (error) {
      fill(result, problemBox(error, 'Could not export'));
    }
  }

  section.replaceChildren(section.firstChild,
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'export-metric' }, 'What'), metric),
      h('div', { class: 'field' }, h('label', { for: 'export-from' }, 'From (UTC)'), from),
      h('div', { class: 'field' }, h('label', { for: 'export-to' }, 'To (UTC)'), to)),
    h('p', { class: 'hint' }, 'By default the last 30 days. CSV cells that could run as formulas are escaped.'),
    h('div', { class: 'buttons' }, buttons),
    result);
}
