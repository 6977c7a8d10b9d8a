// The tenant's platform statistics: four sections, each read on its own. A section the service could not
// read comes back as zeros and is named in `errors`; the page shows that error in its place.
import { h, fill, problemBox, statCards } from '../dom.js';
import * as api from '../api.js';

const sections = [
  ['users', 'Users', [['totalUsers', 'Users seen'], ['registeredUsers', 'Registered'], ['newUsersToday', 'New today'], ['newUsersThisWeek', 'New this week'], ['newUsersThisMonth', 'New this month']]],
  ['submissions', 'Submissions', [['totalSubmissions', 'Total'], ['submissionsToday', 'Today'], ['submissionsThisWeek', 'This week'], ['submissionsThisMonth', 'This month']]],
  ['activity', 'Activity', [['totalViews', 'Views'], ['totalVotes', 'Votes'], ['totalComments', 'Comments']]],
  ['newsletter', 'Newsletter', [['subscribers', 'Subscribers'], ['subscribedThisWeek', 'Subscribed this week'], ['unsubscribedThisWeek', 'Unsubscribed this week']]],
];

export async function render(main) {
  const content = h('div', { class: 'stack' }, h('p', { class: 'muted' }, 'Loading…'));
  const refresh = h('button', { type: 'button' }, 'Refresh');
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Statistics'), refresh),
    h('p', { class: 'muted' }, 'Today, this week (ISO, from Monday) and this month are UTC.'), content);
  refresh.addEventListener('click', load);

  async function load() {
    try {
      const stats = await api.tenant('/api/stats');
      fill(content, sections.map(([key, title, fields]) => {
        const failed = stats.errors?.find(e => e.section.toLowerCase() === key);
        return h('section', { class: 'section', 'aria-label': title, dataset: { section: key } },
          h('h2', {}, title),
          failed
            ? problemBox({ detail: failed.message }, `The ${title.toLowerCase()} section could not be read`)
            : statCards('stat', fields.map(([name, label]) => [name, label, stats[key][name]])));
      }));
    } catch (error) {
      fill(content, problemBox(error, 'Could not load the statistics'));
    }
  }

  await load();
}
