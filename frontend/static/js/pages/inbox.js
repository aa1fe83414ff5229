// The inbox: what happened that concerns the user (a request asked for or
// decided, a swap offered or accepted, a roster published, a shift
// changed), newest first. Each notification is worded here from its kind
// and params, in the user's language and on their site's clock, and links
// to where the user acts on it; opening it marks it read.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { localDay, mondayOf, addDays, fmtDay, fmtRange, fmtDateTime } from '../time.js';
import { loading, errorBox, busy, notice, pageHeader } from '../ui.js';
import { refreshUnread } from '../unread.js';

const PAGE = 50;

/** shiftText shows a shift's day and times: "Mon 2 Mar 07:00–15:00". */
const shiftText = (start, end) => `${fmtDay(localDay(start))} ${fmtRange(start, end)}`;

/** daysText shows the local days [start, end) covers. */
function daysText(start, end) {
  const first = localDay(start);
  const last = localDay(new Date(new Date(end).getTime() - 1));
  return first === last ? fmtDay(first) : `${fmtDay(first)} – ${fmtDay(last)}`;
}

/**
 * describe words notification n for user me and says where it leads:
 * {text, href} (href null when there is nowhere to act).
 */
export function describe(n, me) {
  const d = wording(n, me);
  // A sentence ending on an abbreviated day ("22. Dez.") keeps one full stop.
  return { ...d, text: (d.text || '').replace(/\.\.$/, '.') };
}

function wording(n, me) {
  const p = n.params || {};
  const agent = me.role === 'agent';
  const approvals = `/approvals?team=${encodeURIComponent(n.team_id)}`;
  const weekOf = (day) => (agent ? `/my/schedule?week=${mondayOf(day)}` : `/roster?team=${encodeURIComponent(n.team_id)}&from=${mondayOf(day)}`);
  const timeOff = () => ({ kind: t(`timeoff.kind_${p.time_off_kind}`), days: daysText(p.start, p.end) });
  const swap = () => ({ from: p.from_agent_name, with: p.with_agent_name, shift: shiftText(p.shift_start, p.shift_end) });
  switch (n.kind) {
    case 'time_off_requested':
      return { text: t('inbox.kind_time_off_requested', { agent: p.agent_name, ...timeOff() }), href: approvals };
    case 'time_off_withdrawn':
      return { text: t('inbox.kind_time_off_withdrawn', { agent: p.agent_name, ...timeOff() }), href: approvals };
    case 'time_off_approved':
      return { text: t('inbox.kind_time_off_approved', timeOff()), href: agent ? '/my/requests' : approvals };
    case 'time_off_declined':
      return { text: t('inbox.kind_time_off_declined', timeOff()), href: agent ? '/my/requests' : approvals };
    case 'time_off_cancelled_shifts':
      return { text: t('inbox.kind_time_off_cancelled_shifts', { agent: p.agent_name, shifts: p.shifts, ...timeOff() }), href: weekOf(localDay(p.start)) };
    case 'swap_proposed': {
      let text = t('inbox.kind_swap_proposed', swap());
      if (p.their_shift_start) text += ` ${t('inbox.in_return', { from: p.from_agent_name, shift: shiftText(p.their_shift_start, p.their_shift_end) })}`;
      return { text, href: '/my/requests' };
    }
    case 'swap_accepted':
      return { text: t('inbox.kind_swap_accepted', swap()), href: approvals };
    case 'swap_approved':
      return { text: t('inbox.kind_swap_approved', swap()), href: weekOf(localDay(p.shift_start)) };
    case 'swap_declined':
      return { text: t('inbox.kind_swap_declined', swap()), href: agent ? '/my/requests' : approvals };
    case 'roster_published':
      return {
        text: t('inbox.kind_roster_published', { first: fmtDay(p.period_start), last: fmtDay(addDays(p.period_end, -1)), shifts: p.shifts }),
        href: weekOf(p.period_start),
      };
    case 'roster_resolved':
      return {
        text: t('inbox.kind_roster_resolved', { first: fmtDay(localDay(p.first_change)), added: p.added, removed: p.removed }),
        href: weekOf(localDay(p.first_change)),
      };
    case 'shift_changed': {
      const gone = p.change === 'cancelled' || p.change === 'unassigned';
      return {
        text: t(`inbox.shift_${p.change}`, {
          before: shiftText(p.before_start, p.before_end), after: shiftText(p.after_start, p.after_end),
          from: p.before_agent_name, to: p.after_agent_name,
        }),
        href: weekOf(localDay(gone ? p.before_start : p.after_start)),
      };
    }
    case 'roster_unpublished':
      return {
        text: t('inbox.kind_roster_unpublished', { team: p.team_name, week: fmtDay(p.week_start) }),
        href: `/roster?team=${encodeURIComponent(n.team_id)}&from=${p.week_start}`,
      };
    default:
      return { text: n.message, href: null };
  }
}

export async function render(root, { session, navigate }) {
  const me = session.me.user;
  let items = [];
  let next = null;
  let onlyUnread = false;
  const listArea = h('div', { class: 'inbox' }, loading());
  const markAll = h('button', { type: 'button', class: 'btn', onclick: () => readAll() }, t('inbox.mark_all'));
  const filter = h('input', {
    type: 'checkbox', id: 'inbox-unread',
    onchange: (e) => { onlyUnread = e.target.checked; load(); },
  });
  replace(root, pageHeader(t('inbox.title'), markAll),
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, filter, ' ', t('inbox.only_unread'))),
    listArea);

  const markRead = async (n) => {
    if (n.read) return;
    await api.post(`/notifications/${n.id}/read`);
    n.read = true;
    refreshUnread();
  };

  // Marks what the page shows (and older): a notification that arrived
  // since it loaded stays unread, and the bell goes on counting it.
  async function readAll() {
    markAll.disabled = true;
    try {
      if (items.length) await busy(api.post('/notifications/read-all', { up_to: items[0].id }));
      for (const n of items) n.read = true;
      refreshUnread();
      notice(t('inbox.all_read'), 'ok');
      if (onlyUnread) items = [];
      draw();
    } catch (err) {
      notice(err.message, 'error');
    } finally {
      markAll.disabled = false;
    }
  }

  function item(n) {
    const { text, href } = describe(n, me);
    const open = async (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { markRead(n).catch(() => {}); return; }
      e.preventDefault();
      try { await busy(markRead(n)); } catch { /* opened anyway; it stays unread */ }
      navigate(href);
    };
    const body = href ? h('a', { href, class: 'inbox-text', onclick: open }, text) : h('span', { class: 'inbox-text' }, text);
    const readBtn = n.read ? null : h('button', {
      type: 'button', class: 'btn btn-quiet', 'aria-label': t('inbox.mark_read_which', { text }),
      onclick: async () => {
        readBtn.disabled = true;
        try { await busy(markRead(n)); draw(); } catch (err) { readBtn.disabled = false; notice(err.message, 'error'); }
      },
    }, t('inbox.mark_read'));
    return h('li', { class: n.read ? 'read' : 'unread', dataset: { notification: n.id, kind: n.kind } },
      n.read ? null : h('span', { class: 'badge new' }, t('inbox.new')),
      h('div', {}, body, h('div', { class: 'muted small' }, h('time', { datetime: n.created_at }, fmtDateTime(n.created_at)))),
      readBtn);
  }

  function draw() {
    if (!items.length) {
      replace(listArea, h('p', { class: 'muted' }, t(onlyUnread ? 'inbox.empty_unread' : 'inbox.empty')));
      return;
    }
    const more = next ? h('button', { type: 'button', class: 'btn', onclick: () => load(next) }, t('inbox.more')) : null;
    replace(listArea, h('ul', { class: 'inbox-list' }, items.map(item)), more);
  }

  async function load(cursor) {
    if (!cursor) replace(listArea, loading());
    try {
      const page = await busy(api.get('/notifications', { limit: PAGE, cursor, unread: onlyUnread ? 'true' : undefined }));
      items = cursor ? [...items, ...page.items] : page.items;
      next = page.next_cursor;
      draw();
    } catch (err) {
      replace(listArea, errorBox(err, { retry: () => load(cursor) }));
    }
  }
  await load();
}
