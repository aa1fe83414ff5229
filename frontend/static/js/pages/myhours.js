// An agent's own paid hours of a month, priced by the same pay engine as
// HR's hours report (GET /me/hours): the month's figures as cards and its
// paid shifts in a table, so that the agent can check the pay slip.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { today, addDays, localDay, setZone, fmtDay, fmtRange, fmtNumber } from '../time.js';
import { loading, errorBox, busy, pageHeader, scrollBox } from '../ui.js';

// The cards: paid hours, then the hours of each category in them.
const CARDS = ['paid_hours', 'regular_hours', 'night_hours', 'saturday_hours', 'sunday_hours', 'holiday_hours', 'overtime_hours'];
// The table's category columns; a zero shows as a dash.
const CATEGORIES = ['night_hours', 'saturday_hours', 'sunday_hours', 'holiday_hours', 'overtime_hours'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** addMonths moves a month "YYYY-MM" by n months. */
function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** monthName is "December 2026" in the page's language. */
const monthName = (month) => fmtDay(`${month}-01`, { month: 'long', year: 'numeric' });

const n2 = (v) => fmtNumber(Number(v) || 0, 2);
const dash = (v) => (Number(v) ? n2(v) : '—');

export async function render(root) {
  const asked = new URLSearchParams(location.search).get('month');
  const thisMonth = () => today().slice(0, 7);
  let month = asked && MONTH.test(asked) ? asked : thisMonth();
  let drawn = 0; // the latest draw; an older answer arriving late is dropped

  const heading = h('h2', { class: 'month', 'aria-live': 'polite' });
  const area = h('div', {});
  const go = (m) => { month = m; draw(); };
  replace(root, pageHeader(t('myhours.title')),
    h('div', { class: 'toolbar' },
      h('div', { class: 'btn-group' },
        h('button', { type: 'button', class: 'btn', 'aria-label': t('myhours.prev_month'), onclick: () => go(addMonths(month, -1)) }, '‹'),
        h('button', { type: 'button', class: 'btn', onclick: () => go(thisMonth()) }, t('myhours.this_month')),
        h('button', { type: 'button', class: 'btn', 'aria-label': t('myhours.next_month'), onclick: () => go(addMonths(month, 1)) }, '›'))),
    heading, area);

  async function draw() {
    const seq = ++drawn;
    const from = `${month}-01`;
    history.replaceState({}, '', `${location.pathname}?month=${month}`);
    replace(heading, monthName(month));
    replace(area, loading());
    try {
      const rep = await busy(api.get('/me/hours', { from, to: `${addMonths(month, 1)}-01` }));
      if (seq !== drawn) return;
      // The report's local times are in the agent's site's zone.
      if (rep?.time_zone) setZone(rep.time_zone);
      replace(area, figures(rep, from, addDays(`${addMonths(month, 1)}-01`, -1)));
    } catch (err) {
      if (seq === drawn) replace(area, errorBox(err, { retry: draw }));
    }
  }

  function figures(rep, first, last) {
    const me = rep?.agents?.[0];
    const shifts = (rep?.shifts || []).slice().sort((a, b) => new Date(a.start) - new Date(b.start));
    if (!me || !Number(me.shifts) || !shifts.length) {
      return h('p', { class: 'muted empty' }, t('myhours.none', { month: monthName(month) }));
    }
    return h('div', {},
      h('dl', { class: 'kpis' },
        CARDS.map((k) => card(t(`myhours.${k}`), n2(me[k]), k)),
        card(t('myhours.estimated_gross'), n2(me.estimated_gross), 'estimated_gross')),
      h('p', { class: 'muted small' }, t('myhours.overlap')),
      h('p', { class: 'muted small gross-note' }, t('myhours.gross_note')),
      h('h3', {}, t('hours.shifts')),
      h('p', { class: 'muted' }, t('hours.caption', { from: fmtDay(first), to: fmtDay(last), zone: rep.time_zone || '' })),
      scrollBox(t('myhours.shifts_of', { month: monthName(month) }), h('table', { class: 'myhours' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('myhours.day')),
          h('th', { scope: 'col' }, t('myhours.time')),
          h('th', { scope: 'col', class: 'num' }, t('hours.paid_hours')),
          CATEGORIES.map((k) => h('th', { scope: 'col', class: 'num' }, t(`hours.${k}`))),
          h('th', { scope: 'col', class: 'num' }, t('myhours.rate')))),
        h('tbody', {}, shifts.map((sh) => {
          const day = localDay(sh.start);
          return h('tr', { dataset: { shift: sh.shift_id } },
            h('th', { scope: 'row' }, h('time', { datetime: day }, fmtDay(day))),
            h('td', {}, fmtRange(sh.start, sh.end)),
            h('td', { class: 'num' }, n2(sh.paid_hours)),
            CATEGORIES.map((k) => h('td', { class: 'num' }, dash(sh[k]))),
            h('td', { class: 'num' }, n2(sh.hourly_rate)));
        })),
        h('tfoot', {}, h('tr', {},
          h('td', {}, t('hours.total')),
          h('td', {}),
          h('td', { class: 'num' }, n2(me.paid_hours)),
          CATEGORIES.map((k) => h('td', { class: 'num' }, dash(me[k]))),
          h('td', {}))))));
  }

  await draw();
}

/** card is one figure of the month: a term and its value in the cards' list. */
function card(label, value, key) {
  return h('div', { class: 'kpi', dataset: { figure: key } },
    h('dt', { class: 'label' }, label), h('dd', { class: 'value' }, value));
}
