import { number } from './format.js';

// Builds elements from data. Text always goes in as text nodes: nothing a tenant's users sent (payloads,
// comments, ids) is ever parsed as markup, and the page's Content-Security-Policy backs that up.

/**
 * h('button', { class: 'x', onclick: f, 'aria-label': 'y' }, 'text', child, [more])
 * Attributes named on* are listeners; false/null/undefined attributes and children are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A problem from the API, shown with its detail (and each field's error when it names fields). */
export function problemBox(error, what) {
  const fields = error?.errors ? Object.entries(error.errors) : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, what ? `${what}: ` : ''),
    error?.detail ?? error?.message ?? String(error),
    fields.length ? h('ul', {}, fields.map(([field, messages]) => h('li', {}, h('code', {}, field), ' ', [].concat(messages).join(' ')))) : null);
}

/** A form field: its label, the control, and a hint under it (tied to the control by aria-describedby). */
export function field(id, label, control, hint) {
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

/** A checkbox with its label beside it. */
export function checkbox(control, label) {
  return h('div', { class: 'field checkbox' }, control, h('label', { for: control.id }, label));
}

/** Numbers as cards, from [key, label, value]; each card is marked data-<attribute>=key. */
export function statCards(attribute, cards) {
  return h('ul', { class: 'cards' }, cards.map(([key, label, value]) =>
    h('li', { class: 'card stat', dataset: { [attribute]: key } }, h('span', { class: 'stat-value' }, number(value)), h('span', { class: 'stat-label' }, label))));
}

/** A wide table in a box that scrolls sideways on narrow screens (focusable, so keyboards can scroll it). */
export function scroller(label, table) {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

/** A short "nothing here yet" note, optionally with a command to copy. */
export function emptyState(text, command) {
  return h('div', { class: 'empty' }, h('p', {}, text), command ? h('pre', { tabindex: '0' }, h('code', {}, command)) : null);
}

/** A visually hidden live region's text, read out by screen readers. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = text;
}
