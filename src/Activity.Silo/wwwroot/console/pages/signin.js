// Sign in with a tenant key or the admin key. A tenant key is checked by minting the console user's token
// with it; the admin key by listing the tenants (the admin then picks one).
import { h, fill, problemBox } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';

/** Signs in with `key`; returns null, or the error to show. */
export async function withKey(key, userId = 'console') {
  key = key.trim();
  try {
    if (session.isTenantKey(key)) {
      const issued = await api.withCredential(key, '/api/activity/tokens', { method: 'POST', body: { userId, ttlSeconds: 3600 } });
      session.save({ kind: 'tenant', credential: key, userId, tenantId: session.tenantOfToken(issued.token), token: issued.token, tokenExpiresAt: issued.expiresAt });
    } else {
      await api.withCredential(key, '/api/admin/tenants');
      session.save({ kind: 'admin', credential: key, userId });
    }
    return null;
  } catch (error) {
    return error;
  }
}

/** The sign-in form; `refused` is why a sign-in link did not work, if it did not. */
export function render(main, params, done, refused = null) {
  const status = h('div', { class: 'status-line', 'aria-live': 'polite' }, refused ? problemBox(refused, 'Could not sign in with the link') : null);
  const key = h('input', { id: 'signin-key', name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const user = h('input', { id: 'signin-user', name: 'user', type: 'text', value: 'console', required: true, autocomplete: 'off' });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to the Activity console'),
    h('p', {}, 'Use a tenant\'s API key (act_…) or the admin key the silo printed at start. The key stays in this tab only.'),
    h('label', { for: 'signin-key' }, 'Key'), key,
    h('label', { for: 'signin-user' }, 'Act as user'), user,
    h('p', { class: 'hint' }, 'Reactions and comments you make here are this user\'s; the live feed runs on a token minted for them.'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    status);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    fill(status, 'Signing in…');
    const error = await withKey(key.value, user.value.trim() || 'console');
    if (error) {
      fill(status, problemBox(error, 'Could not sign in'));
      key.focus();
      return;
    }
    fill(status);
    done();
  });

  fill(main, form);
  key.focus();
}
