// HR: paid hours per agent for a period and team, split into regular and
// non-regular hours (regular + non-regular = paid), night, Saturday,
// Sunday, holiday and overtime hours with premiums, and the shifts' real
// length; the same report as CSV or XLSX.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, fmtDay, fmtNumber } from '../time.js';
import { loading, errorBox, field, select, busy, pageHeader, scrollBox } from '../ui.js';
import { editPayRules } from '../payrules.js';
import { editHolidays } from '../holidays.js';

const HOURS = ['paid_hours', 'regular_hours', 'non_regular_hours', 'night_hours', 'saturday_hours', 'sunday_hours', 'holiday_hours', 'overtime_hours'];
// Column headings' explanations, where the short heading needs one.
const TITLES = { non_regular_hours: 'hours.non_regular_title', shift_hours: 'hours.shift_hours_title' };
const PREMIUMS = ['night_premium', 'saturday_premium', 'sunday_premium', 'holiday_premium', 'overtime_premium'];

/**
 * reportQuery turns the inclusive last day into the report's exclusive
 * end; scope is a team's id, "site:<id>" for all teams of a site, or ""
 * for all teams of the only site.
 */
function reportQuery(from, last, scope) {
  if (scope.startsWith('site:')) return { from, to: addDays(last, 1), site: scope.slice(5) };
  return { from, to: addDays(last, 1), team: scope };
}

/** scopes are what the report can cover: per site all its teams, or one team. */
function scopes(sites, teams) {
  if (sites.length <= 1) return [{ value: '', label: t('hours.all_teams') }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))];
  return sites.flatMap((s) => [{ value: `site:${s.id}`, label: t('hours.all_teams_of', { site: s.name }) },
    ...teams.filter((tm) => String(tm.site_id) === String(s.id)).map((tm) => ({ value: tm.id, label: `${s.name} · ${tm.name}` }))]);
}

export async function render(root, { session }) {
  const q = new URLSearchParams(location.search);
  const body = h('div', {}, loading());
  replace(root, pageHeader(t('hours.title')), body);
  let teams;
  let sites;
  try {
    [teams, sites] = await Promise.all([data.teams(session.me.user), api.items('/sites', {}, 50)]);
  } catch (err) {
    replace(body, errorBox(err));
    return;
  }
  // The premiums this export pays and the holidays it pays them on, per site.
  replace(root, pageHeader(t('hours.title'), sites.map((s) => [h('button', {
    type: 'button', class: 'btn', onclick: () => editPayRules(s),
  }, sites.length > 1 ? t('setup.pay_who', { name: s.name }) : t('setup.pay')), h('button', {
    type: 'button', class: 'btn', onclick: () => editHolidays(s),
  }, sites.length > 1 ? t('holidays.title_who', { name: s.name }) : t('setup.holidays'))])), body);

  // Default: the previous calendar month in the site's zone.
  const now = today();
  const firstOfMonth = `${now.slice(0, 8)}01`;
  const prevFirst = `${addDays(firstOfMonth, -1).slice(0, 8)}01`;
  const fromIn = h('input', { type: 'date', name: 'from', required: true, value: q.get('from') || prevFirst });
  const lastIn = h('input', { type: 'date', name: 'last', required: true, value: q.get('last') || addDays(firstOfMonth, -1) });
  const options = scopes(sites, teams);
  const asked = q.get('team') || '';
  const teamSel = select(options, options.some((o) => o.value === asked) ? asked : options[0].value, { name: 'team' });
  const showBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('hours.show'));
  const errors = h('div', { 'aria-live': 'assertive' });
  const downloads = h('div', { class: 'actions downloads' });
  const result = h('div', {});
  const form = h('form', {
    class: 'card',
    onsubmit: (e) => { e.preventDefault(); show(); },
  },
  h('div', { class: 'inline' },
    field(t('hours.from'), fromIn), field(t('hours.last'), lastIn), field(t('roster.team'), teamSel), showBtn, downloads),
  errors);
  replace(body, form, result);

  const badRange = () => !fromIn.value || !lastIn.value || lastIn.value < fromIn.value;

  // links offers the downloads of the range as typed; a range whose last
  // day is missing or before its first offers none, so that no file of a
  // range the table does not show is saved.
  function links() {
    if (badRange()) {
      replace(downloads, h('span', { class: 'muted small' }, t('hours.bad_range_downloads')));
      return;
    }
    const qq = reportQuery(fromIn.value, lastIn.value, teamSel.value);
    replace(downloads,
      h('a', { class: 'btn', href: api.url('/reports/hours', { ...qq, format: 'csv' }), download: `hours-${fromIn.value}-${lastIn.value}.csv` }, t('hours.csv')),
      h('a', { class: 'btn', href: api.url('/reports/hours', { ...qq, format: 'xlsx' }), download: `hours-${fromIn.value}-${lastIn.value}.xlsx` }, t('hours.xlsx')));
  }
  for (const el of [fromIn, lastIn, teamSel]) el.addEventListener('change', links);
  links();

  // markRange names the day at fault (the last, or the first when it is
  // missing) on the field itself and moves focus there; a good range
  // clears the marks.
  function markRange() {
    for (const el of [fromIn, lastIn]) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-errormessage');
    }
    replace(errors);
    if (!badRange()) return true;
    const bad = fromIn.value ? lastIn : fromIn;
    const label = bad === fromIn ? t('hours.from') : t('hours.last');
    const msg = h('div', { class: 'alert alert-error', role: 'alert', id: `${bad.id}-error` },
      h('strong', {}, `${label}: `), t('hours.bad_range'));
    bad.setAttribute('aria-invalid', 'true');
    bad.setAttribute('aria-errormessage', msg.id);
    replace(errors, msg);
    bad.focus();
    return false;
  }

  async function show() {
    if (!markRange()) return;
    history.replaceState({}, '', `${location.pathname}?${new URLSearchParams({ from: fromIn.value, last: lastIn.value, team: teamSel.value })}`);
    replace(result, loading());
    try {
      // The agents' rows only: the shift rows (downloads) are twenty
      // times their size.
      const rep = await busy(api.get('/reports/hours', { ...reportQuery(fromIn.value, lastIn.value, teamSel.value), format: 'json', detail: 'agents' }));
      replace(result, table(rep));
    } catch (err) {
      replace(result, errorBox(err, { retry: show }));
    }
  }

  function table(rep) {
    const rows = rep?.agents || rep?.items || [];
    const premium = (r) => PREMIUMS.reduce((s, k) => s + (Number(r[k]) || 0), 0);
    const total = (k) => rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);
    const n2 = (v) => fmtNumber(Number(v) || 0, 2);
    if (!rows.length) return h('p', { class: 'muted' }, t('hours.none'));
    // An agent's shift hours are the sum of their shifts' real lengths
    // (shift_hours, to 0.01 h each); the total sums the rows in
    // hundredths, so that it is the sum of the shown rows.
    const shiftCenti = (r) => Math.round((Number(r.shift_hours) || 0) * 100);
    const head = (k) => h('th', { scope: 'col', class: 'num', title: TITLES[k] ? t(TITLES[k]) : null }, t(`hours.${k}`));
    return h('div', {},
      h('p', { class: 'muted' }, t('hours.caption', { from: fmtDay(fromIn.value), to: fmtDay(lastIn.value), zone: rep.time_zone || '' })),
      // Every agent has a row; say why they are all zero rather than leave HR guessing.
      total('shifts') ? null : h('p', { class: 'alert alert-warn no-shifts', role: 'status' }, t('hours.no_shifts')),
      scrollBox(t('hours.title'), h('table', { class: 'hours' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('hours.agent')), h('th', { scope: 'col' }, t('roster.team')),
          h('th', { scope: 'col', class: 'num' }, t('hours.shifts')),
          HOURS.map(head), head('shift_hours'),
          h('th', { scope: 'col', class: 'num', title: PREMIUMS.map((k) => t(`hours.${k}`)).join(' + ') }, t('hours.premiums')),
          h('th', { scope: 'col', class: 'num' }, t('hours.estimated_gross')))),
        h('tbody', {}, rows.map((r) => h('tr', {},
          h('th', { scope: 'row' }, r.name, r.employee_no ? h('span', { class: 'muted small' }, ` · ${r.employee_no}`) : null),
          h('td', {}, r.team || ''),
          h('td', { class: 'num' }, String(r.shifts ?? '')),
          HOURS.map((k) => h('td', { class: 'num' }, n2(r[k]))),
          h('td', { class: 'num' }, n2(shiftCenti(r) / 100)),
          h('td', { class: 'num', title: PREMIUMS.map((k) => `${t(`hours.${k}`)}: ${n2(r[k])}`).join('\n') }, n2(premium(r))),
          h('td', { class: 'num' }, n2(r.estimated_gross))))),
        h('tfoot', {}, h('tr', {},
          h('td', {}, t('hours.total')), h('td', {}), h('td', { class: 'num' }, String(total('shifts'))),
          HOURS.map((k) => h('td', { class: 'num' }, n2(total(k)))),
          h('td', { class: 'num' }, n2(rows.reduce((s, r) => s + shiftCenti(r), 0) / 100)),
          h('td', { class: 'num' }, n2(rows.reduce((s, r) => s + premium(r), 0))),
          h('td', { class: 'num' }, n2(total('estimated_gross'))))))));
  }
  await show();
}
