// The admin's view of the cluster: the silos membership knows, with their status and activations per grain
// type, refreshed every few seconds while the page is open. The Orleans Dashboard has the rest.
import { h, fill, problemBox, scroller } from '../dom.js';
import * as api from '../api.js';
import { when, number, ago } from '../format.js';

const refreshEveryMs = 5000;

export async function render(main) {
  const updated = h('span', { class: 'muted', role: 'status' });
  const content = h('div', { class: 'stack' }, h('p', { class: 'muted' }, 'Loading…'));
  fill(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Cluster'), updated),
    h('p', {}, 'Silos as membership sees them, refreshed every 5 seconds. ',
      h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, 'Open the Orleans Dashboard'),
      ' (it asks for the admin key as its password).'),
    content);

  async function load() {
    try {
      const cluster = await api.admin('/api/admin/cluster');
      fill(content, silosTable(cluster.silos), activationsTable(cluster.silos), sweep(cluster.lastSweep));
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      fill(content, problemBox(error, 'Could not read the cluster'));
    }
  }

  await load();
  const timer = setInterval(load, refreshEveryMs);
  return () => clearInterval(timer);
}

function silosTable(silos) {
  return h('section', { class: 'section', 'aria-label': 'Silos' }, h('h2', {}, `Silos (${silos.length})`),
    scroller('Silos', h('table', { id: 'silos' },
      h('caption', { class: 'sr-only' }, 'Silos'),
      h('thead', {}, h('tr', {}, ['Name', 'Address', 'Host', 'Status', 'Started', 'Gateway port', 'Activations'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, silos.map(silo => h('tr', { dataset: { status: silo.status } },
        h('td', {}, silo.name), h('td', {}, h('code', {}, silo.address)), h('td', {}, silo.host),
        h('td', {}, h('span', { class: `pill status-${silo.status.toLowerCase()}` }, silo.status)),
        h('td', {}, h('time', { datetime: silo.startedAt, title: when(silo.startedAt) }, ago(silo.startedAt))),
        h('td', { class: 'num' }, silo.gatewayPort ?? '—'),
        h('td', { class: 'num' }, number(Object.values(silo.activations ?? {}).reduce((a, b) => a + b, 0)))))))));
}

function activationsTable(silos) {
  const types = [...new Set(silos.flatMap(s => Object.keys(s.activations ?? {})))].sort();
  return h('section', { class: 'section', 'aria-label': 'Activations per grain type' }, h('h2', {}, 'Activations per grain type'),
    scroller('Activations per grain type', h('table', { id: 'activations' },
      h('caption', { class: 'sr-only' }, 'Activations per grain type and silo'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Grain type'), silos.map(s => h('th', { scope: 'col', class: 'num' }, s.name)))),
      h('tbody', {}, types.map(type => h('tr', {}, h('th', { scope: 'row' }, type),
        silos.map(s => h('td', { class: 'num' }, number(s.activations?.[type] ?? 0)))))))));
}

function sweep(last) {
  return h('p', { class: 'muted' }, last
    ? `Last feed sweep ${ago(last.at)} on ${last.silo}: ${number(last.lagging)} feeds behind, ${number(last.changes)} old changes and ${number(last.idempotencyKeys)} idempotency keys removed.`
    : 'No feed sweep has run yet.');
}
