// The live feed: the first page of tiles, then the SSE stream from the id that page gave (so nothing
// between the read and the stream is missed), older pages with the cursor. When the stream drops, the
// browser reconnects with Last-Event-ID; when it cannot (the token expired, the silo refused), the page
// mints a new token and reconnects itself from the last id it saw, so no change is missed either way.
import { h, fill, problemBox, emptyState, announce } from '../dom.js';
import * as api from '../api.js';
import { tileElement } from './tile.js';

const pageSize = 20;
const retryDelaysMs = [1000, 2000, 5000, 10000];
const kinds = ['activity.event.created', 'activity.event.updated', 'activity.event.removed', 'activity.reaction.updated',
  'activity.comment.created', 'activity.comment.removed', 'activity.stream.reset'];

export async function render(main) {
  const status = h('span', { class: 'live-status', role: 'status', dataset: { state: 'connecting' } }, 'Connecting…');
  const list = h('ol', { class: 'tiles', 'aria-label': 'Feed' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Older events');
  const message = h('div');
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Live feed'), status), message, list, more);

  const tiles = new Map();
  let nextCursor = null;
  let lastEventId = null;
  let source = null;
  let retry = 0;
  let retryTimer = null;
  let stopped = false;

  function put(view, { atTop }) {
    const known = tiles.get(view.id);
    if (known) {
      known.update(view);
      return;
    }
    const tile = tileElement(view);
    tiles.set(view.id, tile);
    if (atTop) list.prepend(tile.element); else list.append(tile.element);
    showEmpty();
  }

  function remove(id) {
    tiles.get(id)?.element.remove();
    tiles.delete(id);
    showEmpty();
  }

  function showEmpty() {
    if (tiles.size > 0) {
      fill(message);
      return;
    }
    fill(message, emptyState('No events yet — emit one with the tenant\'s key:',
      `curl -X POST ${location.origin}/api/activity/emit -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \\\n  -d '{"type":"badge_earned","actorId":"u1","payload":{"badgeName":"First steps"}}'`));
  }

  async function loadPage(cursor) {
    const page = await api.feed('/api/activity/events', { query: { limit: pageSize, cursor } });
    for (const view of page.events) put(view, { atTop: false });
    nextCursor = page.nextCursor;
    more.hidden = !nextCursor;
    return page;
  }

  async function reload() {
    tiles.clear();
    list.replaceChildren();
    const page = await loadPage(null);
    lastEventId = page.lastEventId ?? 0;
    showEmpty();
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  const handlers = {
    'activity.event.created': view => { put(view, { atTop: true }); announce(`New: ${view.description}`); },
    'activity.event.updated': view => put(view, { atTop: !tiles.has(view.id) }),
    'activity.event.removed': removed => remove(removed.id),
    'activity.reaction.updated': change => tiles.get(change.eventId)?.setReactions(change.counts),
    'activity.comment.created': comment => tiles.get(comment.eventId)?.addComment(comment),
    'activity.comment.removed': removed => tiles.get(removed.eventId)?.removeComment(removed.id),
    'activity.stream.reset': () => { disconnect(); reload().then(connect, showProblem); },
  };

  async function connect() {
    if (stopped) return;
    let token;
    try {
      token = await api.token({ renew: retry > 0 });
    } catch (error) {
      if (!stopped) scheduleRetry(error);
      return;
    }
    if (stopped) return; // the person left the page while the token was minted
    source = new EventSource(api.streamUrl(token, lastEventId));
    source.addEventListener('open', () => {
      retry = 0;
      setStatus('live', 'Live');
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: it gave up (a refusal such as an
      // expired token), so the page reconnects with a fresh token from the last id it saw.
      if (source?.readyState === EventSource.CLOSED) {
        disconnect();
        scheduleRetry();
      } else {
        setStatus('reconnecting', 'Reconnecting…');
      }
    });
    for (const kind of kinds) {
      source.addEventListener(kind, event => {
        if (event.lastEventId) lastEventId = Number(event.lastEventId);
        handlers[kind](JSON.parse(event.data));
      });
    }
  }

  function disconnect() {
    source?.close();
    source = null;
  }

  function scheduleRetry(error) {
    const delay = retryDelaysMs[Math.min(retry, retryDelaysMs.length - 1)];
    retry++;
    setStatus('reconnecting', error?.status === 0 || !error ? 'Reconnecting…' : `Reconnecting… (${error.detail})`);
    retryTimer = setTimeout(connect, delay);
  }

  function showProblem(error) {
    fill(message, problemBox(error, 'Could not load the feed'));
    setStatus('offline', 'Offline');
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadPage(nextCursor);
    } catch (error) {
      fill(message, problemBox(error, 'Could not load older events'));
    } finally {
      more.disabled = false;
    }
  });

  const clock = setInterval(() => tiles.forEach(tile => tile.refreshTime()), 30_000);
  try {
    await reload();
    await connect();
  } catch (error) {
    showProblem(error);
  }

  return () => {
    stopped = true;
    clearInterval(clock);
    clearTimeout(retryTimer);
    disconnect();
  };
}
