// Addresses of the console's pages: #/page?name=value, under the page's own URL (its base is "/").

const query = params => (params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : '');

/** A link to a page, as an href. */
export const link = (page, params) => `console/index.html#/${page}${query(params)}`;

/** Goes to a page (adding it to the history). */
export function go(page, params) {
  location.hash = `/${page}${query(params)}`;
}

/** The page and parameters the address names. */
export function parse() {
  const [name, search] = location.hash.replace(/^#\/?/, '').split('?');
  return { name: name || 'feed', params: new URLSearchParams(search ?? '') };
}
