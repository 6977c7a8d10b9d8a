// The console's shell: the hash router (#/feed, #/dashboards?user=u1), the navigation, and who is signed in.
// Each page is a module under pages/ with render(main, params) that may return a function to stop it
// (close its stream, clear its timers) when the person leaves the page.
import { h, fill } from './dom.js';
import * as session from './session.js';
import { link, parse } from './routes.js';
import * as signIn from './pages/signin.js';
import * as feed from './pages/feed.js';
import * as dashboards from './pages/dashboards.js';
import * as stats from './pages/stats.js';
import * as audit from './pages/audit.js';
import * as analytics from './pages/analytics.js';
import * as reports from './pages/reports.js';
import * as tenants from './pages/tenants.js';
import * as cluster from './pages/cluster.js';
import * as settings from './pages/settings.js';

const pages = {
  feed: { module: feed, label: 'Live feed' },
  dashboards: { module: dashboards, label: 'Dashboards' },
  stats: { module: stats, label: 'Statistics' },
  audit: { module: audit, label: 'Audit log' },
  analytics: { module: analytics, label: 'Analytics' },
  reports: { module: reports, label: 'Reports' },
  settings: { module: settings, label: 'Settings', admin: true, tenant: true },
  tenants: { module: tenants, label: 'Tenants', admin: true },
  cluster: { module: cluster, label: 'Cluster', admin: true },
};

const main = document.getElementById('main');
let stopPage = null;
let shown = 0; // counts page changes: a page that finishes loading after the next one began is stopped at once

function renderNav(signedIn, current) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!signedIn) {
    fill(nav);
    fill(who);
    return;
  }

  const visible = Object.entries(pages).filter(([, page]) => allowed(page, signedIn));
  fill(nav, h('ul', {}, visible.map(([name, page]) =>
    h('li', {}, h('a', { href: link(name), 'aria-current': name === current ? 'page' : false }, page.label)))));
  fill(who,
    h('span', { class: 'tenant', title: signedIn.tenantId ?? '' }, signedIn.kind === 'admin' ? 'Admin · ' : '', signedIn.tenantName ?? signedIn.tenantId ?? 'no tenant'),
    h('button', { type: 'button', class: 'link', onclick: () => { session.signOut(); route(); } }, 'Sign out'));
}

// Admin pages need the admin key; tenant pages (all but the admin's tenants and cluster) need a tenant, which the admin picks first.
const allowed = (page, signedIn) => (!page.admin || signedIn.kind === 'admin') && (!(page.tenant ?? !page.admin) || Boolean(signedIn.tenantId));

async function route() {
  stopPage?.();
  stopPage = null;
  const showing = ++shown;

  // A one-click sign-in link (#signin=<key>) never stays in the address bar or the history.
  let refused = null;
  if (location.hash.startsWith('#signin=')) {
    const key = decodeURIComponent(location.hash.slice('#signin='.length));
    history.replaceState(null, '', link('feed'));
    refused = await signIn.withKey(key);
  }

  const signedIn = session.current();
  let { name, params } = parse();
  if (!signedIn) {
    renderNav(null);
    document.title = 'Sign in · Activity console';
    signIn.render(main, params, () => route(), refused);
    return;
  }

  if (!pages[name] || !allowed(pages[name], signedIn)) name = signedIn.tenantId ? 'feed' : 'tenants';
  const page = pages[name];
  renderNav(signedIn, name);
  document.title = `${page.label} · Activity console`;
  fill(main);
  main.focus({ preventScroll: true });
  const stop = await page.module.render(main, params, () => route()) ?? null;
  if (showing === shown) stopPage = stop;
  else stop?.();
}

// The skip link moves the focus itself: its "#main" would be read against the page's base ("/") and
// leave the console, and the hash is the router's.
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
