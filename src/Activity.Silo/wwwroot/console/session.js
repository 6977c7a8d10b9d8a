// Who is signed in, kept in this tab's session storage only: it goes when the tab closes, and no other
// tab or site sees it. The raw key is used for the REST routes that need it; the feed and its stream run
// on a short-lived user token minted for the console's user.

const storageKey = 'activity.console.session';
const tenantKeyForm = /^act_[A-Za-z0-9_-]{43}$/;

/** @returns {{credential: string, kind: 'admin'|'tenant', tenantId?: string, tenantName?: string, userId: string, token?: string, tokenExpiresAt?: string} | null} */
export function current() {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  } catch {
    return null;
  }
}

export function save(session) {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  return session;
}

export function update(changes) {
  return save({ ...current(), ...changes });
}

export function signOut() {
  sessionStorage.removeItem(storageKey);
}

/** A tenant key has a fixed form; anything else is tried as the admin key. */
export const isTenantKey = text => tenantKeyForm.test(text);

/** The tenant a user token names (its `tid` claim). */
export function tenantOfToken(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).tid ?? null;
  } catch {
    return null;
  }
}
