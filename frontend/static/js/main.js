// The app shell: session, role navigation, language switch and a small
// history-API router. Each page is an ES module exporting
// render(root, ctx) that may return a cleanup function.

import { h, replace } from './dom.js';
import { t, setLanguage, pickLanguage, language, languages } from './i18n.js';
import * as api from './api.js';
import { setZone } from './time.js';
import { forget } from './data.js';
import { loading, errorBox, busy } from './ui.js';
import { bell, refreshUnread, watchUnread, stopUnread } from './unread.js';

const LEAD = ['admin', 'team_lead'];
const routes = [
  { path: '/login', page: 'login', public: true },
  // An invitation link: open to whoever holds it, signed in or not.
  { prefix: '/invite/', page: 'invite', public: true, anyone: true, title: 'invite.title' },
  { path: '/roster', page: 'roster', roles: LEAD, nav: 'nav.roster' },
  { path: '/generate', page: 'generate', roles: LEAD, nav: 'nav.generate' },
  { path: '/forecast', page: 'forecast', roles: LEAD, nav: 'nav.forecast' },
  { path: '/approvals', page: 'approvals', roles: LEAD, nav: 'nav.approvals' },
  { path: '/agents', page: 'agents', roles: LEAD, nav: 'nav.agents' },
  { path: '/my/schedule', page: 'schedule', roles: ['agent'], nav: 'nav.schedule' },
  { path: '/my/requests', page: 'requests', roles: ['agent'], nav: 'nav.requests' },
  { path: '/my/wishes', page: 'wishes', roles: ['agent'], nav: 'nav.wishes' },
  { path: '/my/hours', page: 'myhours', roles: ['agent'], nav: 'nav.myhours' },
  { path: '/agents/wishes', page: 'wishes', roles: LEAD },
  { path: '/hours', page: 'hours', roles: ['admin', 'hr'], nav: 'nav.hours' },
  { path: '/setup', page: 'setup', roles: ['admin'], nav: 'nav.setup' },
  { path: '/queues', page: 'queues', roles: ['admin'], nav: 'nav.queues' },
  { path: '/users', page: 'users', roles: ['admin'], nav: 'nav.users' },
  { path: '/account', page: 'account', roles: ['admin', 'team_lead', 'agent', 'hr'] },
  { path: '/inbox', page: 'inbox', roles: ['admin', 'team_lead', 'agent'], title: 'inbox.title' },
];
const HOME = { admin: '/roster', team_lead: '/roster', agent: '/my/schedule', hr: '/hours' };

const session = { me: null };
let cleanup = null;

/** navigate moves to a path inside the app. */
export function navigate(path, { replace: rep = false } = {}) {
  if (rep) history.replaceState({}, '', path); else history.pushState({}, '', path);
  render();
}

async function loadMe() {
  try {
    const me = await api.get('/me');
    session.me = me;
    api.setCsrfToken(me.csrf_token);
    setZone(me.site?.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch (err) {
    session.me = null;
    if (err.status !== 401 && err.status !== 404) throw err;
  }
}

/**
 * informed says whether user has an inbox: HR is told of nothing (no
 * notification is addressed to HR), so HR gets no bell.
 */
function informed(user) {
  return Boolean(user) && user.role !== 'hr';
}

/** login is called by the login page after a successful POST. */
export async function afterLogin(result) {
  forget();
  api.setCsrfToken(result?.csrf_token);
  await loadMe();
  if (!session.me) session.me = { user: result.user, csrf_token: result.csrf_token, site: {} };
  if (!localStorage.getItem('shiftplan.lang') && session.me.user?.locale) {
    await setLanguage(pickLanguage(session.me.user.locale));
  }
  if (informed(session.me.user)) watchUnread();
  const next = new URLSearchParams(location.search).get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : HOME[session.me.user.role] || '/', { replace: true });
}

async function logout() {
  try { await busy(api.post('/auth/logout')); } catch { /* the session ends either way */ }
  session.me = null;
  api.setCsrfToken('');
  forget();
  stopUnread();
  navigate('/login', { replace: true });
}

function header() {
  const user = session.me?.user;
  const path = location.pathname;
  const langSelect = h('select', {
    id: 'lang', 'aria-label': t('nav.language'),
    onchange: async (e) => { await setLanguage(e.target.value, { remember: true }); render(); },
  }, languages().map((l) => h('option', { value: l, selected: l === language() ? true : null }, t(`lang.${l}`))));
  const links = user ? routes.filter((r) => r.nav && r.roles.includes(user.role)) : [];
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: user ? HOME[user.role] : '/login', 'data-link': '' }, 'shiftplan'),
    links.length ? h('nav', { 'aria-label': t('nav.main') },
      h('ul', {}, links.map((r) => h('li', {},
        h('a', { href: r.path, 'data-link': '', 'aria-current': path.startsWith(r.path) ? 'page' : null }, t(r.nav)))))) : h('span', { class: 'spacer' }),
    h('div', { class: 'user' },
      langSelect,
      informed(user) ? bell(path === '/inbox') : null,
      // Name and role: on a phone the role gets a line of its own, never cut.
      user ? h('a', { class: 'who', href: '/account', 'data-link': '', title: t('nav.account'), 'aria-current': path === '/account' ? 'page' : null },
        h('span', { class: 'who-name' }, user.name || user.email), h('span', { class: 'who-sep' }, ' · '),
        h('span', { class: 'who-role' }, t(`role.${user.role}`))) : null,
      user ? h('button', { type: 'button', class: 'btn btn-quiet', onclick: logout }, t('nav.logout')) : null));
}

async function render() {
  document.getElementById('busy-bar')?.setAttribute('aria-label', t('common.working'));
  if (cleanup) { try { cleanup(); } catch { /* ignore */ } cleanup = null; }
  const shell = document.getElementById('app');
  const path = location.pathname.replace(/\/+$/, '') || '/';
  let route = routes.find((r) => r.path === path || (r.prefix && path.startsWith(r.prefix)));
  const user = session.me?.user;
  if (!route) {
    if (path === '/' ) {
      navigate(user ? HOME[user.role] : '/login', { replace: true });
      return;
    }
  }
  if (route && !route.public && !user) {
    navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
    return;
  }
  if (route?.public && !route.anyone && user) {
    navigate(HOME[user.role], { replace: true });
    return;
  }
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(shell, h('a', { class: 'skip', href: '#main' }, t('nav.skip')), header(), main);
  if (informed(user)) refreshUnread();
  if (!route) {
    replace(main, h('section', { class: 'page' }, h('h1', {}, t('page.not_found')), h('p', {}, t('page.not_found_text'))));
    document.title = `${t('page.not_found')} · shiftplan`;
    return;
  }
  if (route.roles && !route.roles.includes(user.role)) {
    replace(main, h('section', { class: 'page forbidden', 'data-page': 'forbidden' },
      h('h1', {}, t('page.forbidden')), h('p', {}, t('page.forbidden_text')),
      h('p', {}, h('a', { href: HOME[user.role], 'data-link': '' }, t('page.go_home')))));
    document.title = `${t('page.forbidden')} · shiftplan`;
    return;
  }
  document.title = `${t(route.nav || route.title || 'login.title')} · shiftplan`;
  // Times are on the user's site's clock unless the page shows another site's.
  setZone(session.me?.site?.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone);
  replace(main, loading());
  try {
    const mod = await import(`./pages/${route.page}.js`);
    const root = h('section', { class: `page page-${route.page}`, 'data-page': route.page });
    replace(main, root);
    cleanup = (await mod.render(root, { session, navigate, afterLogin })) || null;
    root.querySelector('h1')?.focus({ preventScroll: true });
  } catch (err) {
    replace(main, errorBox(err, { retry: render }));
  }
}

// Links marked data-link navigate inside the app without a reload.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);
window.addEventListener('shiftplan:unauthorized', () => {
  if (!session.me) return;
  session.me = null;
  stopUnread();
  navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

async function boot() {
  await setLanguage(pickLanguage(null));
  const shell = document.getElementById('app');
  replace(shell, loading());
  try {
    await loadMe();
  } catch (err) {
    replace(shell, errorBox(err, { retry: boot }));
    return;
  }
  if (session.me?.user?.locale && !localStorage.getItem('shiftplan.lang')) {
    await setLanguage(pickLanguage(session.me.user.locale));
  }
  if (informed(session.me?.user)) watchUnread();
  render();
}
boot();
