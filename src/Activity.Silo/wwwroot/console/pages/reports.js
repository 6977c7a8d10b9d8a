// Scheduled reports: templates (list, create, edit, delete, with the field errors the API names), runs
// with their status and each delivery's attempts, a run now button and downloads of finished runs.
import { h, fill, problemBox, emptyState, scroller, field, checkbox } from '../dom.js';
import * as api from '../api.js';
import { number, when, bytes } from '../format.js';
import { download } from '../download.js';

const metrics = ['comprehensive', 'user-growth', 'activity-trends', 'top-items', 'recent-activity', 'audit-log'];

export async function render(main) {
  const stats = h('p', { class: 'muted', id: 'report-statistics' });
  const templates = h('section', { class: 'section', 'aria-label': 'Templates' }, h('h2', {}, 'Templates'));
  const editor = h('section', { class: 'section', 'aria-label': 'Template', id: 'template-editor' });
  const runs = h('section', { class: 'section', 'aria-label': 'Runs' }, h('h2', {}, 'Runs'));
  const message = h('div', { 'aria-live': 'polite' });
  let poll = null;
  fill(main, h('h1', {}, 'Reports'), stats, message, templates, editor, runs);

  async function refresh() {
    await Promise.all([loadTemplates(), loadRuns(), loadStatistics()]);
  }

  async function loadStatistics() {
    try {
      const s = await api.tenant('/api/reports/statistics');
      stats.textContent = `${number(s.totalTemplates)} templates (${number(s.activeTemplates)} active), ${number(s.successfulReports)} reports made, ${number(s.failedReports)} failed.`;
    } catch (error) {
      fill(stats, problemBox(error, 'Could not read the report statistics'));
    }
  }

  async function loadTemplates() {
    try {
      const list = await api.tenant('/api/reports/templates');
      fill(templates, h('h2', {}, 'Templates'),
        h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', onclick: () => edit(null) }, 'New template')),
        list.length === 0 ? emptyState('No templates; create one to schedule a report.') : scroller('Templates', h('table', { id: 'templates' },
          h('caption', { class: 'sr-only' }, 'Report templates'),
          h('thead', {}, h('tr', {}, ['Name', 'Schedule', 'Format', 'Metrics', 'Recipients', 'Active', ''].map(t => h('th', { scope: 'col' }, t || h('span', { class: 'sr-only' }, 'Actions'))))),
          h('tbody', {}, list.map(t => h('tr', { dataset: { template: t.id } },
            h('td', {}, t.name), h('td', {}, `${t.schedule} (${t.timeZone})`), h('td', {}, t.format), h('td', {}, t.metrics.join(', ')),
            h('td', {}, number(t.recipients.length)), h('td', {}, t.isActive ? 'yes' : 'no'),
            h('td', {}, h('div', { class: 'row-actions' },
              h('button', { type: 'button', 'aria-label': `Run now: ${t.name}`, onclick: () => generate(t) }, 'Run now'),
              h('button', { type: 'button', 'aria-label': `Edit: ${t.name}`, onclick: () => edit(t) }, 'Edit'),
              h('button', { type: 'button', 'aria-label': `Delete: ${t.name}`, class: 'danger', onclick: () => remove(t) }, 'Delete')))))))));
    } catch (error) {
      fill(templates, h('h2', {}, 'Templates'), problemBox(error, 'Could not read the templates'));
    }
  }

  async function loadRuns() {
    try {
      const list = await api.tenant('/api/reports/runs', { query: { limit: 20 } });
      fill(runs, h('h2', {}, 'Runs'), list.length === 0 ? emptyState('No runs yet: run a template now, or wait for its schedule.') : scroller('Runs', h('table', { id: 'runs' },
        h('caption', { class: 'sr-only' }, 'Report runs, newest first'),
        h('thead', {}, h('tr', {}, ['Template', 'Trigger', 'Status', 'Started', 'File', 'Deliveries', ''].map(t => h('th', { scope: 'col' }, t || h('span', { class: 'sr-only' }, 'Download'))))),
        h('tbody', {}, list.map(run => h('tr', { dataset: { run: run.id, status: run.status } },
          h('td', {}, run.templateName), h('td', {}, run.trigger),
          h('td', {}, h('span', { class: `pill job-${run.status}` }, run.status), run.error ? h('span', { class: 'problem-text' }, ` ${run.error}`) : null),
          h('td', {}, when(run.startedAt)),
          h('td', {}, run.fileName ? `${run.fileName} (${bytes(run.size)})` : '—'),
          h('td', { class: 'wrap' }, deliveries(run.deliveries)),
          h('td', {}, run.status === 'completed' ? h('button', { type: 'button', 'aria-label': `Download: ${run.fileName}`, onclick: () => fetchFile(run) }, 'Download') : null)))))));
    } catch (error) {
      fill(runs, h('h2', {}, 'Runs'), problemBox(error, 'Could not read the runs'));
    }
  }

  async function generate(template) {
    try {
      await api.tenant('/api/reports/generate', { method: 'POST', body: { templateId: template.id } });
      fill(message, h('p', { class: 'notice', role: 'status' }, `${template.name} is running; its run is listed below.`));
      await loadRuns();
      // The run finishes on its own time: look again until it has.
      clearInterval(poll);
      poll = setInterval(async () => {
        await loadRuns();
        if (!runs.querySelector('tr[data-status="running"]')) clearInterval(poll);
      }, 1000);
    } catch (error) {
      fill(message, problemBox(error, `Could not run ${template.name}`));
    }
  }

  async function remove(template) {
    if (!confirm(`Delete the template ${template.name}? Its runs stay.`)) return;
    try {
      await api.tenant(`/api/reports/templates/${encodeURIComponent(template.id)}`, { method: 'DELETE' });
      fill(message, h('p', { class: 'notice', role: 'status' }, `${template.name} deleted.`));
      await refresh();
    } catch (error) {
      fill(message, problemBox(error, `Could not delete ${template.name}`));
    }
  }

  async function fetchFile(run) {
    try {
      const file = await download(`/api/reports/runs/${encodeURIComponent(run.id)}/download`, {}, run.fileName);
      fill(message, h('p', { class: 'notice', role: 'status' }, `Downloaded ${file.name} (${bytes(file.size)}).`));
    } catch (error) {
      fill(message, problemBox(error, 'Could not download the report'));
    }
  }

  function edit(template) {
    templateForm(editor, template, async () => {
      fill(editor);
      await refresh();
    });
    editor.scrollIntoView({ block: 'start' });
    editor.querySelector('input')?.focus();
  }

  await refresh();
  return () => clearInterval(poll);
}

function deliveries(list) {
  if (!list?.length) return 'stored for download';
  return h('ul', { class: 'plain' }, list.map(d => h('li', {},
    `${d.recipient}: ${d.status}`, d.attempts?.length ? ` after ${number(d.attempts.length)} attempt${d.attempts.length === 1 ? '' : 's'}` : '',
    d.attempts?.length && !d.attempts.at(-1).succeeded ? ` (${d.attempts.at(-1).outcome})` : '')));
}

// The create or edit form; the API checks every field and names the ones it refused.
function templateForm(section, template, done) {
  const id = name => `template-${name}`;
  const input = (name, attributes) => h('input', { id: id(name), name, autocomplete: 'off', ...attributes });
  const fields = {
    name: input('name', { type: 'text', value: template?.name ?? '' }),
    description: input('description', { type: 'text', value: template?.description ?? '' }),
    schedule: input('schedule', { type: 'text', value: template?.schedule ?? 'weekly' }),
    timeZone: input('timeZone', { type: 'text', value: template?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' }),
    format: h('select', { id: id('format') }, ['csv', 'json', 'xlsx'].map(f => h('option', { value: f, selected: (template?.format ?? 'csv') === f }, f))),
    recipients: h('textarea', { id: id('recipients'), rows: '2' }),
    isActive: input('isActive', { type: 'checkbox', checked: template?.isActive ?? true }),
  };
  fields.recipients.value = (template?.recipients ?? []).join('\n');
  const chosen = new Set(template?.metrics ?? ['comprehensive']);
  const metricBoxes = metrics.map(m => checkbox(h('input', { id: id(`metric-${m}`), type: 'checkbox', value: m, checked: chosen.has(m) }), m));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form-grid', novalidate: true },
    h('h2', {}, template ? `Edit ${template.name}` : 'New template'),
    field(id('name'), 'Name', fields.name),
    field(id('description'), 'Description', fields.description),
    field(id('schedule'), 'Schedule', fields.schedule, 'daily, weekly, monthly, quarterly, or a cron expression such as 0 9 * * 1'),
    field(id('timeZone'), 'Time zone', fields.timeZone),
    field(id('format'), 'Format', fields.format),
    h('fieldset', {}, h('legend', {}, 'Metrics'), metricBoxes),
    field(id('recipients'), 'Recipients', fields.recipients, 'One per line: e-mail addresses or https webhook URLs; none stores the report for download.'),
    checkbox(fields.isActive, 'Active (runs on its schedule)'),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, template ? 'Save template' : 'Create template'), h('button', { type: 'button', onclick: () => fill(section) }, 'Cancel')),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    // An optional field left blank is left out (the API refuses blank text).
    const optional = value => (value.trim() === '' ? null : value.trim());
    const body = {
      name: fields.name.value,
      description: optional(fields.description.value),
      schedule: fields.schedule.value.trim(),
      timeZone: optional(fields.timeZone.value),
      format: fields.format.value,
      metrics: metricBoxes.map(box => box.querySelector('input')).filter(box => box.checked).map(box => box.value),
      includeMetadata: template?.includeMetadata ?? true,
      recipients: fields.recipients.value.split('\n').map(r => r.trim()).filter(Boolean),
      isActive: fields.isActive.checked,
    };
    try {
      await (template
        ? api.tenant(`/api/reports/templates/${encodeURIComponent(template.id)}`, { method: 'PUT', body })
        : api.tenant('/api/reports/templates', { method: 'POST', body }));
      await done();
    } catch (error) {
      fill(result, problemBox(error, 'Not saved'));
    }
  });
  fill(section, form);
}
