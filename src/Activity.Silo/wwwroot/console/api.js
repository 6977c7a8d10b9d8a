// The public REST API, as any frontend calls it. Errors come back as ApiError carrying the problem+json
// body's detail and field errors, which the pages show as they are.
import * as session from './session.js';

/** A refused or failed call: `detail` says what to fix, `errors` names fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}.`);
    this.status = status;
    this.detail = this.message;
    this.errors = problem?.errors ?? null;
  }
}

// The admin key reaches a tenant's routes under /api/admin with ?tenantId=.
const adminForms = [
  ['/api/activity/log', '/api/admin/activity/log'],
  ['/api/activity/tokens', '/api/admin/activity/tokens'],
  ['/api/dashboard/', '/api/admin/dashboard/'],
  ['/api/analytics/', '/api/admin/analytics/'],
  ['/api/reports/', '/api/admin/reports/'],
  ['/api/stats', '/api/admin/stats'],
];

function url(path, query) {
  const address = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') address.searchParams.set(name, value);
  }
  return address;
}

async function send(path, { method = 'GET', query, body, credential, signal, raw = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (credential) headers.Authorization = `Bearer ${credential}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'The service cannot be reached; check that the silo is running and try again.' });
  }

  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* a body that is not JSON: the status says it */ }
    throw new ApiError(response.status, problem);
  }

  if (raw) return response;
  return response.status === 204 || response.headers.get('Content-Length') === '0' ? null : response.json();
}

/** A route of the signed-in tenant with the key (the admin form for the admin). */
export function tenant(path, options = {}) {
  const signedIn = session.current();
  if (signedIn?.kind === 'admin') {
    const form = adminForms.find(([prefix]) => path.startsWith(prefix));
    if (form) {
      path = form[1] + path.slice(form[0].length);
      options = { ...options, query: { ...options.query, tenantId: signedIn.tenantId } };
    }
  }
  return send(path, { ...options, credential: signedIn?.credential });
}

/** An operator's route (/api/admin/...), with the admin key. */
export function admin(path, options = {}) {
  return send(path, { ...options, credential: session.current()?.credential });
}

/** A feed route (tiles, reactions, comments) with the console user's token. */
export async function feed(path, options = {}) {
  return send(path, { ...options, credential: await token() });
}

/** A call with a credential given here (signing in). */
export const withCredential = (credential, path, options = {}) => send(path, { ...options, credential });

const tokenLifetimeSeconds = 3600;
const renewBeforeMs = 5 * 60 * 1000;

/** The console user's token, minted again when it is missing or about to expire. */
export async function token({ renew = false } = {}) {
  const signedIn = session.current();
  if (!signedIn) throw new ApiError(401, { detail: 'Sign in first.' });
  const fresh = signedIn.token && new Date(signedIn.tokenExpiresAt).getTime() - Date.now() > renewBeforeMs;
  if (fresh && !renew) return signedIn.token;
  const issued = await tenant('/api/activity/tokens', { method: 'POST', body: { userId: signedIn.userId, ttlSeconds: tokenLifetimeSeconds } });
  session.update({ token: issued.token, tokenExpiresAt: issued.expiresAt });
  return issued.token;
}

/** The SSE stream's address for this token, resuming after `lastEventId` when given. */
export function streamUrl(accessToken, lastEventId) {
  return url('/api/activity/stream', { access_token: accessToken, lastEventId }).toString();
}
