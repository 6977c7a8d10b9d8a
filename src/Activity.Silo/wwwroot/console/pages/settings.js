// The tenant's settings, as the operator changes them with the admin key: how long raw events are kept,
// which origins' pages may use user tokens, whether reports may be mailed, the milestone rules, and key
// rotation (after a confirmation, since it ends every user token and stream of the tenant at once).
import { h, fill, problemBox, field, checkbox } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import { when } from '../format.js';

export async function render(main) {
  const tenantId = session.current().tenantId;
  const base = `/api/admin/tenants/${encodeURIComponent(tenantId)}`;
  const general = h('section', { class: 'section', 'aria-label': 'General' }, h('h2', {}, 'General'), h('p', { class: 'muted' }, 'Loading…'));
  const milestones = h('section', { class: 'section', 'aria-label': 'Milestones' }, h('h2', {}, 'Milestones'), h('p', { class: 'muted' }, 'Loading…'));
  const key = h('section', { class: 'section', 'aria-label': 'API key' }, h('h2', {}, 'API key'));
  fill(main, h('h1', {}, 'Tenant settings'), h('div', { class: 'stack' }, general, milestones, key));

  try {
    const tenant = (await api.admin('/api/admin/tenants')).find(t => t.id === tenantId);
    if (!tenant) throw new api.ApiError(404, { detail: `There is no tenant '${tenantId}' any more.` });
    generalForm(general, base, tenant);
    keyRotation(key, base, tenant);
  } catch (error) {
    fill(general, h('h2', {}, 'General'), problemBox(error, 'Could not read the tenant'));
  }

  try {
    milestonesForm(milestones, base, await api.admin(`${base}/milestones`));
  } catch (error) {
    fill(milestones, h('h2', {}, 'Milestones'), problemBox(error, 'Could not read the milestone rules'));
  }
}

function generalForm(section, base, tenant) {
  const retention = h('input', { id: 'settings-retention', type: 'number', min: '1', max: '3650', required: true, value: tenant.retentionDays });
  const origins = h('textarea', { id: 'settings-origins', rows: '3' });
  origins.value = tenant.allowedOrigins.join('\n');
  const mail = h('input', { id: 'settings-mail', type: 'checkbox', checked: tenant.reportMail });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form-grid' },
    field('settings-retention', 'Keep raw events for (days)', retention, '1 to 3,650. Older events leave the audit log, analytics and exports; feeds and counts stay.'),
    field('settings-origins', 'Allowed origins', origins, 'One per line, such as https://app.example.com: pages there may call the API with user tokens.'),
    checkbox(mail, 'Reports may be mailed through the operator\'s mail server'),
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Save')),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const saved = await api.admin(base, { method: 'PUT', body: {
        retentionDays: Number(retention.value),
        allowedOrigins: origins.value.split('\n').map(o => o.trim()).filter(Boolean),
        reportMail: mail.checked,
      } });
      origins.value = saved.allowedOrigins.join('\n');
      fill(result, h('p', { class: 'notice', role: 'status' }, 'Saved.'));
    } catch (error) {
      fill(result, problemBox(error, 'Not saved'));
    }
  });
  fill(section, h('h2', {}, 'General'), h('p', { class: 'muted' }, `${tenant.name} · ${tenant.id} · created ${when(tenant.createdAt)}`), form);
}

function milestonesForm(section, base, rules) {
  const streak = h('input', { id: 'ms-streak', type: 'checkbox', checked: rules.streak.enabled });
  const burst = h('input', { id: 'ms-burst', type: 'checkbox', checked: rules.tasksBurst.enabled });
  const burstType = h('input', { id: 'ms-burst-type', type: 'text', value: rules.tasksBurst.type ?? '', autocomplete: 'off' });
  const burstCount = h('input', { id: 'ms-burst-count', type: 'number', min: '2', max: '1000', value: rules.tasksBurst.count });
  const xp = h('input', { id: 'ms-xp', type: 'checkbox', checked: rules.xpRankUp.enabled });
  const xpField = h('input', { id: 'ms-xp-field', type: 'text', value: rules.xpRankUp.field ?? '', autocomplete: 'off' });
  const xpThresholds = h('input', { id: 'ms-xp-thresholds', type: 'text', value: rules.xpRankUp.thresholds.join(', '), autocomplete: 'off' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form-grid' },
    checkbox(streak, 'Streaks: 7, 30 and 100 days in a row with activity'),
    checkbox(burst, 'Bursts: many events of one type within 24 hours'),
    field('ms-burst-type', 'Burst event type', burstType),
    field('ms-burst-count', 'Events that make a burst', burstCount),
    checkbox(xp, 'Rank-ups: a payload number\'s running sum crossing thresholds'),
    field('ms-xp-field', 'Payload field summed', xpField),
    field('ms-xp-thresholds', 'Thresholds (ascending, comma-separated)', xpThresholds),
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Save milestones')),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const text = value => (value.trim() === '' ? null : value.trim());
    try {
      await api.admin(`${base}/milestones`, { method: 'PUT', body: {
        streak: { enabled: streak.checked },
        tasksBurst: { enabled: burst.checked, type: text(burstType.value), count: burstCount.value === '' ? null : Number(burstCount.value) },
        xpRankUp: { enabled: xp.checked, field: text(xpField.value), thresholds: xpThresholds.value.split(',').map(t => t.trim()).filter(Boolean).map(Number) },
      } });
      fill(result, h('p', { class: 'notice', role: 'status' }, 'Milestone rules saved.'));
    } catch (error) {
      fill(result, problemBox(error, 'Not saved'));
    }
  });
  fill(section, h('h2', {}, 'Milestones'), h('p', { class: 'muted' }, 'Users\' dashboards emit these as events of their own, into the feed like any other.'), form);
}

function keyRotation(section, base, tenant) {
  const result = h('div', { 'aria-live': 'polite' });
  const confirmText = h('input', { id: 'rotate-confirm', type: 'text', autocomplete: 'off' });
  const dialog = h('dialog', { 'aria-labelledby': 'rotate-title' },
    h('form', { method: 'dialog', class: 'form-grid' },
      h('h2', { id: 'rotate-title' }, `Rotate the key of ${tenant.name}?`),
      h('p', {}, 'The current key stops working at once, on every silo, with every user token made from it and every stream those tokens opened. The tenant\'s servers need the new key.'),
      field('rotate-confirm', `Type ${tenant.name} to confirm`, confirmText),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', value: 'rotate', class: 'danger' }, 'Rotate the key'),
        h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Cancel'))));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'rotate') return;
    if (confirmText.value.trim() !== tenant.name) {
      fill(result, problemBox({ detail: `Type the tenant's name (${tenant.name}) to confirm; the key was not rotated.` }, 'Not rotated'));
      return;
    }
    try {
      const rotated = await api.admin(`${base}/rotate-key`, { method: 'POST' });
      fill(result, h('div', { class: 'notice', role: 'status' },
        h('p', {}, 'The key was rotated. The new key is shown this once; give it to the tenant\'s servers:'),
        h('pre', { tabindex: '0' }, h('code', {}, rotated.apiKey))));
    } catch (error) {
      fill(result, problemBox(error, 'Could not rotate the key'));
    }
  });
  const open = h('button', { type: 'button', class: 'danger' }, 'Rotate the key…');
  open.addEventListener('click', () => {
    confirmText.value = '';
    dialog.showModal();
  });
  fill(section, h('h2', {}, 'API key'),
    h('p', { class: 'muted' }, `Last rotated ${when(tenant.keyRotatedAt)}.`), open, dialog, result);
}
