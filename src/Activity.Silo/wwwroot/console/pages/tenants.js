// The admin's tenants: pick the one the other pages show, or create one (its key is shown once).
import { h, fill, problemBox, emptyState, scroller } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import { when } from '../format.js';
import { go } from '../routes.js';

export async function render(main, params, refresh) {
  const list = h('div', { class: 'stack' }, h('p', { class: 'muted' }, 'Loading tenants…'));
  const created = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'tenant-name', type: 'text', required: true, maxlength: '100', autocomplete: 'off' });
  const form = h('form', { class: 'inline-form' },
    h('label', { for: 'tenant-name' }, 'New tenant'), name, h('button', { type: 'submit' }, 'Create'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const tenant = await api.admin('/api/admin/tenants', { method: 'POST', body: { name: name.value.trim() } });
      fill(created, h('div', { class: 'notice', role: 'status' },
        h('p', {}, `Tenant ${tenant.name} created. Its API key is shown this once; give it to the tenant's servers:`),
        h('pre', { tabindex: '0' }, h('code', {}, tenant.apiKey))));
      name.value = '';
      await load();
    } catch (error) {
      fill(created, problemBox(error, 'Could not create the tenant'));
    }
  });

  fill(main, h('h1', {}, 'Tenants'), h('p', {}, 'Pick the tenant the console shows.'), form, created, list);

  async function load() {
    try {
      const tenants = await api.admin('/api/admin/tenants');
      if (tenants.length === 0) {
        fill(list, emptyState('No tenants yet — create one above.'));
        return;
      }
      const chosen = session.current()?.tenantId;
      fill(list, scroller('Tenants', h('table', {},
        h('caption', { class: 'sr-only' }, 'Tenants'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Id'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Choose')))),
        h('tbody', {}, tenants.map(tenant => h('tr', {},
          h('td', {}, tenant.name), h('td', {}, h('code', {}, tenant.id)), h('td', {}, when(tenant.createdAt)),
          h('td', {}, tenant.id === chosen
            ? h('span', { class: 'pill' }, 'Shown')
            : h('button', { type: 'button', onclick: () => choose(tenant) }, `Show ${tenant.name}`))))))));
    } catch (error) {
      fill(list, problemBox(error, 'Could not list the tenants'));
    }
  }

  async function choose(tenant) {
    session.update({ tenantId: tenant.id, tenantName: tenant.name, token: null, tokenExpiresAt: null });
    try {
      await api.token({ renew: true });
      go('feed');
    } catch (error) {
      fill(created, problemBox(error, `Could not open ${tenant.name}`));
    }
  }

  await load();
}
