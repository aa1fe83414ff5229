// An agent's own schedule: a week calendar and a list of coming shifts,
// readable on a phone, plus the iCal subscription link with a copy button
// (shown once, when it is made or reset).

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { today, addDays, days, mondayOf, localDay, fmtDay, fmtDayLong, fmtDateTime, fmtRange, fmtNumber, hoursBetween } from '../time.js';
import { loading, errorBox, busy, notice, pageHeader } from '../ui.js';
import { typeCode, queues } from '../data.js';

export async function render(root) {
  const q = new URLSearchParams(location.search);
  let week = mondayOf(q.get('week') || today());
  const weekArea = h('div', {});
  const listArea = h('div', {});
  const icalArea = h('div', {});
  replace(root, pageHeader(t('schedule.title')),
    h('h2', {}, t('schedule.week')), weekArea,
    h('h2', {}, t('schedule.calendar')), icalArea,
    h('h2', {}, t('schedule.upcoming')), listArea);

  // Queue names when the server lets agents read them.
  const queueNames = new Map();
  try {
    for (const q of await queues()) queueNames.set(String(q.id), q.name);
  } catch { /* shown without the queue */ }

  // The days of the week a published roster of the agent's team covers;
  // null when the server does not say (then every empty day reads as free).
  const publishedDays = async (monday) => {
    try {
      const rosters = await api.items('/rosters', { from: monday, to: addDays(monday, 7), status: 'published' });
      return new Set(days(monday, 7).filter((d) => rosters.some((r) => r.status === 'published' && r.period_start <= d && d < r.period_end)));
    } catch {
      return null;
    }
  };

  const fetchShifts = async (from, to) => {
    const list = await api.items('/me/shifts', { from, to: addDays(to, 1) });
    return list.filter((sh) => sh.status !== 'cancelled').sort((a, b) => new Date(a.start) - new Date(b.start));
  };

  async function drawWeek() {
    replace(weekArea, loading());
    history.replaceState({}, '', `${location.pathname}?week=${week}`);
    try {
      const inWeek = new Set(days(week, 7));
      const [weekShifts, published] = await busy(Promise.all([fetchShifts(week, addDays(week, 6)), publishedDays(week)]));
      const shifts = weekShifts.filter((sh) => inWeek.has(localDay(sh.start)));
      const total = shifts.reduce((s, sh) => s + hoursBetween(sh.start, sh.end), 0);
      replace(weekArea,
        h('div', { class: 'toolbar' },
          h('div', { class: 'btn-group' },
            h('button', { type: 'button', class: 'btn', 'aria-label': t('schedule.prev_week'), onclick: () => { week = addDays(week, -7); drawWeek(); } }, '‹'),
            h('button', { type: 'button', class: 'btn', onclick: () => { week = mondayOf(today()); drawWeek(); } }, t('schedule.this_week')),
            h('button', { type: 'button', class: 'btn', 'aria-label': t('schedule.next_week'), onclick: () => { week = addDays(week, 7); drawWeek(); } }, '›')),
          h('strong', {}, `${fmtDay(week)} – ${fmtDay(addDays(week, 6))}`),
          h('span', { class: 'muted' }, t('schedule.week_hours', { h: fmtNumber(total, 1) }))),
        // A day no published roster covers is not a day off: its shifts are not out yet.
        published && !shifts.length && !days(week, 7).some((d) => published.has(d))
          ? h('p', { class: 'alert alert-warn unpublished', role: 'status' }, t('schedule.unpublished_week')) : null,
        h('div', { class: 'week', role: 'list' }, days(week, 7).map((d) => {
          const mine = shifts.filter((sh) => localDay(sh.start) === d);
          const empty = !published || published.has(d) ? t('schedule.free') : t('schedule.unpublished');
          return h('div', { class: `col${d === today() ? ' today' : ''}`, role: 'listitem', 'aria-label': fmtDayLong(d) },
            h('h3', {}, fmtDay(d, { weekday: 'short', day: 'numeric', month: 'numeric' })),
            h('div', {}, mine.length ? mine.map(shiftChip) : h('span', { class: 'muted small' }, empty)));
        })));
    } catch (err) {
      replace(weekArea, errorBox(err, { retry: drawWeek }));
    }
  }

  async function drawList() {
    replace(listArea, loading());
    try {
      const from = today();
      const shifts = await fetchShifts(from, addDays(from, 27));
      replace(listArea, shifts.length
        ? h('ul', { class: 'shift-list' }, shifts.map((sh) => h('li', { dataset: { shift: sh.id } },
          h('span', { class: 'day' }, fmtDay(localDay(sh.start))),
          h('span', { class: 'when' }, fmtRange(sh.start, sh.end), ' ', h('span', { class: 'muted' }, sh.template_name || sh.template_code || '')),
          h('span', { class: 'where muted small' }, [sh.queue_name || queueNames.get(String(sh.queue_id)) || (sh.activity && sh.activity !== 'work' ? sh.activity : ''), sh.night ? t('roster.night') : '', sh.holiday ? t('roster.holiday') : ''].filter(Boolean).join(' · ')))))
        : h('p', { class: 'muted' }, t('schedule.none')));
    } catch (err) {
      replace(listArea, errorBox(err, { retry: drawList }));
    }
  }

  // The server keeps only a hash of the feed's secret token, so the link is
  // shown once: after it is created or reset. Later visits say that a link
  // exists and offer to reset it.
  async function drawCalendar(make = false) {
    replace(icalArea, loading());
    try {
      const res = make ? await busy(api.post('/me/calendar/rotate')) : await busy(api.get('/me/calendar'));
      replace(icalArea, res.url ? linkCard(res.url) : feedCard(res));
    } catch (err) {
      replace(icalArea, errorBox(err, { retry: () => drawCalendar(false) }));
    }
  }

  const resetButton = () => h('button', {
    type: 'button', class: 'btn btn-quiet btn-danger ical-reset',
    onclick: () => { if (confirm(t('schedule.rotate_confirm'))) drawCalendar(true); },
  }, t('schedule.rotate'));

  // feedCard: no link yet (create one), or one made earlier (reset it).
  function feedCard(res) {
    if (!res.exists) {
      return h('div', { class: 'card' },
        h('p', {}, t('schedule.ical_none')),
        h('p', {}, h('button', { type: 'button', class: 'btn btn-primary ical-create', onclick: () => drawCalendar(true) }, t('schedule.ical_create'))));
    }
    return h('div', { class: 'card' },
      h('p', {}, t('schedule.ical_exists', { date: fmtDateTime(res.created_at) })),
      h('p', { class: 'muted small' }, t('schedule.ical_lost')),
      h('p', {}, resetButton()));
  }

  // linkCard shows a just-made link with a copy button, once.
  function linkCard(url) {
    const link = new URL(url, location.origin).href;
    const input = h('input', { type: 'text', readonly: true, value: link, id: 'ical-url', 'aria-describedby': 'ical-hint ical-once', onfocus: (e) => e.target.select() });
    const copyBtn = h('button', {
      type: 'button', class: 'btn btn-primary',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(link);
        } catch {
          input.select();
          document.execCommand('copy');
        }
        copyBtn.textContent = t('schedule.copied');
        notice(t('schedule.copied'), 'ok');
        setTimeout(() => { copyBtn.textContent = t('schedule.copy'); }, 2000);
      },
    }, t('schedule.copy'));
    return h('div', { class: 'card' },
      h('label', { for: 'ical-url' }, h('strong', {}, t('schedule.ical_label'))),
      h('div', { class: 'copy-row' }, input, copyBtn),
      h('p', { id: 'ical-once', class: 'alert alert-warn', role: 'status' }, t('schedule.ical_once')),
      h('p', { id: 'ical-hint', class: 'muted small' }, t('schedule.ical_hint')),
      h('p', {},
        h('a', { href: link, class: 'ical-open', target: '_blank', rel: 'noopener' }, t('schedule.ical_open')), ' · ',
        h('a', { href: link.replace(/^https?:/, 'webcal:') }, t('schedule.ical_subscribe')), ' · ',
        resetButton()));
  }

  await Promise.all([drawWeek(), drawList(), drawCalendar()]);
}

function shiftChip(sh) {
  return h('div', { class: `chip t-${typeCode(sh)}`, dataset: { shift: sh.id } },
    h('span', { class: 'code' }, sh.template_code || ''), fmtRange(sh.start, sh.end));
}
