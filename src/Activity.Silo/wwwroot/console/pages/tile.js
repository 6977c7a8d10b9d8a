// One tile of the feed: icon, text, grouped count and actors, time, reactions and comments.
import { h, fill, problemBox } from '../dom.js';
import * as api from '../api.js';
import { ago, number } from '../format.js';
import { glyph, reactions } from '../icons.js';

const shownActors = 3;

function actorsText(ids, count) {
  if (!ids?.length) return '';
  const named = ids.slice(0, shownActors).join(', ');
  const others = ids.length - shownActors;
  return others > 0 ? `by ${named} and ${number(others)} more` : count > 1 && ids.length === 1 ? `all by ${named}` : `by ${named}`;
}

/** A tile's element; `update(view)` redraws it in place, keeping its comments open. */
export function tileElement(view) {
  const titleId = `tile-title-${view.id}`;
  const element = h('li', { class: 'tile', id: `tile-${view.id}`, dataset: { id: view.id } });
  const body = h('div', { class: 'tile-body' });
  const icon = h('div', { class: 'tile-icon', 'aria-hidden': 'true' });
  const reactionBar = h('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' });
  const comments = commentsPanel(view.id);
  element.append(h('article', { 'aria-labelledby': titleId }, icon, body, h('div', { class: 'tile-actions' }, reactionBar, comments.toggle), comments.panel));

  const buttons = new Map(reactions.map(reaction => {
    const count = h('span', { class: 'reaction-count' }, '0');
    const button = h('button', { type: 'button', class: 'reaction', dataset: { reaction: reaction.type }, onclick: () => react(reaction.type) },
      h('span', { 'aria-hidden': 'true' }, reaction.glyph), ` ${reaction.label} `, count);
    reactionBar.append(button);
    return [reaction.type, { button, count }];
  }));

  let current = view;
  const time = h('time');

  function update(next) {
    current = next;
    fill(icon, glyph(next.icon));
    fill(body,
      h('p', { class: 'tile-title', id: titleId },
        h('strong', {}, next.displayName),
        next.count > 1 ? h('span', { class: 'pill tile-count', title: `${next.count} events` }, `× ${number(next.count)}`) : null),
      h('p', { class: 'tile-description' }, next.description),
      h('p', { class: 'tile-meta' }, actorsText(next.actorIds, next.count), next.actorIds?.length ? ' · ' : '', time));
    time.setAttribute('datetime', next.updatedAt);
    time.title = new Date(next.updatedAt).toLocaleString();
    refreshTime();
    setReactions(next.reactions);
    element.classList.toggle('grouped', next.count > 2);
  }

  function setReactions(counts) {
    for (const [type, { button, count }] of buttons) {
      const value = counts?.[type] ?? 0;
      count.textContent = number(value);
      button.setAttribute('aria-label', `${type[0].toUpperCase()}${type.slice(1)}: ${value}`);
    }
  }

  function refreshTime() {
    time.textContent = ago(current.updatedAt);
  }

  async function react(type) {
    try {
      const answer = await api.feed('/api/activity/reactions', { method: 'POST', body: { eventId: current.id, reactionType: type } });
      setReactions(answer.counts);
    } catch (error) {
      comments.showProblem(error, 'Could not react');
    }
  }

  update(view);
  return { element, update, setReactions, refreshTime, addComment: comments.add, removeComment: comments.remove, get view() { return current; } };
}

function commentsPanel(tileId) {
  const panelId = `comments-${tileId}`;
  const list = h('ol', { class: 'comments' });
  const message = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id: `${panelId}-body`, type: 'text', maxlength: '2000', required: true, autocomplete: 'off' });
  const form = h('form', { class: 'comment-form' },
    h('label', { for: `${panelId}-body`, class: 'sr-only' }, 'Write a comment'), input, h('button', { type: 'submit' }, 'Post'));
  const panel = h('div', { class: 'comments-panel', id: panelId, hidden: true }, list, form, message);
  const toggle = h('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': 'false', 'aria-controls': panelId }, 'Comments');
  const shown = new Set();
  let loaded = false;

  toggle.addEventListener('click', async () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !loaded) {
      loaded = true;
      try {
        const comments = await api.feed('/api/activity/comments', { query: { eventId: tileId } });
        comments.forEach(add);
      } catch (error) {
        loaded = false;
        showProblem(error, 'Could not load the comments');
      }
    }
    if (open) input.focus();
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const comment = await api.feed('/api/activity/comments', { method: 'POST', body: { eventId: tileId, body: input.value } });
      add(comment);
      input.value = '';
      fill(message);
    } catch (error) {
      showProblem(error, 'Could not post the comment');
    }
  });

  function add(comment) {
    if (shown.has(comment.id)) return;
    shown.add(comment.id);
    list.append(h('li', { id: `comment-${comment.id}` }, h('strong', {}, comment.userId), ' ', h('span', {}, comment.body), ' ',
      h('time', { datetime: comment.createdAt, class: 'muted' }, ago(comment.createdAt))));
  }

  function remove(id) {
    shown.delete(id);
    document.getElementById(`comment-${id}`)?.remove();
  }

  function showProblem(error, what) {
    fill(message, problemBox(error, what));
    if (panel.hidden) {
      panel.hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
    }
  }

  return { panel, toggle, add, remove, showProblem };
}
