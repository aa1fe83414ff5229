// The top bar's bell: a link to the inbox with the number of unread
// notifications, fetched on every navigation, every minute and whenever
// the inbox marks something read. A polite live region says the number
// when it changes.

import { h, s } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';

const EVERY = 60_000; // ms between two looks at the count
let count = 0;
let timer = null;

const label = () => t('inbox.bell', { n: count });

/** bell is the top bar's link to the inbox; active marks the inbox open. */
export function bell(active) {
  return [
    h('a', { id: 'bell', class: 'bell', href: '/inbox', 'data-link': '', 'aria-label': label(), 'aria-current': active ? 'page' : null },
      s('svg', { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false' },
        s('path', { fill: 'currentColor', d: 'M12 22a2.2 2.2 0 0 0 2.2-2.2H9.8A2.2 2.2 0 0 0 12 22Zm7-5.2V11a7 7 0 0 0-5.6-6.86V3.4a1.4 1.4 0 1 0-2.8 0v.74A7 7 0 0 0 5 11v5.8L3 18.8v1h18v-1Z' })),
      h('span', { class: 'bell-count', 'aria-hidden': 'true', hidden: count ? null : true }, String(count))),
    h('span', { id: 'unread-status', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }, count ? t('inbox.unread_count', { n: count }) : ''),
  ];
}

/** setUnread shows n unread notifications in the bell. */
export function setUnread(n) {
  const changed = n !== count;
  count = n;
  const link = document.getElementById('bell');
  if (!link) return;
  link.setAttribute('aria-label', label());
  const badge = link.querySelector('.bell-count');
  badge.textContent = String(n);
  badge.hidden = !n;
  if (changed) document.getElementById('unread-status').textContent = n ? t('inbox.unread_count', { n }) : '';
}

/** refreshUnread asks the server for the count (a failure keeps the last one). */
export async function refreshUnread() {
  try {
    setUnread((await api.get('/notifications/unread')).unread);
  } catch { /* shown again at the next look */ }
}

/** watchUnread looks at the count every minute until stopUnread. */
export function watchUnread() {
  if (!timer) timer = setInterval(refreshUnread, EVERY);
}

/** stopUnread ends the minute-by-minute look (on logout). */
export function stopUnread() {
  clearInterval(timer);
  timer = null;
  count = 0;
}
