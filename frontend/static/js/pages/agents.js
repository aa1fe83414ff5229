// Agents of a team, for leads and admins: who they are, their contract,
// skills and employment dates, and a form to add an agent or change one.
// What the form sends is what rostering uses: a solve schedules an agent
// only between the hire and leave dates, for the skills listed, within
// the contract's hours and days.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { fmtDay } from '../time.js';
import { loading, errorBox, field, select, notice, busy, pageHeader, formDialog, numberInput, numberValue, scrollBox, colHead } from '../ui.js';
import { fmtDays } from '../vacation.js';

// The API's weekday names, Monday first (fixed days off).
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** weekdayLabel names a weekday (Monday = 0) in the page's language. */
function weekdayLabel(i, style = 'long') {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language(), { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i));
}

const num = (v) => (v === undefined || v === null ? '' : String(v));

/** contractText is "Part-time · 20 h a week · at most 4 days a week · off Sun" (5 days, the default, goes unsaid). */
function contractText(c) {
  if (!c) return '—';
  const parts = [t(`agents.kind.${c.kind}`), t('agents.hours_week', { hours: c.weekly_hours })];
  if (c.max_days_per_week && c.max_days_per_week !== 5) parts.push(t('agents.days_week', { days: c.max_days_per_week }));
  const off = (c.fixed_days_off || []).map((d) => weekdayLabel(WEEKDAYS.indexOf(d), 'short'));
  if (off.length) parts.push(t('agents.off', { days: off.join(', ') }));
  if (c.vacation_days) parts.push(t('agents.vacation_year', { days: fmtDays(c.vacation_days) }));
  return parts.join(' · ');
}

/** employment is "since 1 Mar 2024 · until 31 Dec 2026", or —. */
function employment(a) {
  const parts = [];
  const date = (day) => fmtDay(day, { day: 'numeric', month: 'short', year: 'numeric' });
  if (a.hire_date) parts.push(t('agents.since', { date: date(a.hire_date) }));
  if (a.leave_date) parts.push(t('agents.until', { date: date(a.leave_date) }));
  return parts.join(' · ') || '—';
}

export async function render(root, { session }) {
  const teamArea = h('div', {});
  const listArea = h('div', {}, loading());
  const addBtn = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openForm(null) }, t('agents.add'));
  const importBtn = h('button', { type: 'button', class: 'btn', onclick: () => openImport() }, t('agents.import'));
  replace(root, pageHeader(t('agents.title'), importBtn, addBtn), teamArea, listArea);

  let teams = [];
  let skills = [];
  try {
    [teams, skills] = await Promise.all([data.teams(session.me.user), api.items('/skills', {}, 50)]);
  } catch (err) {
    replace(listArea, errorBox(err));
    return;
  }
  if (!teams.length) {
    addBtn.hidden = true;
    importBtn.hidden = true;
    replace(listArea, h('p', { class: 'muted' }, t('agents.no_teams')));
    return;
  }
  const params = new URLSearchParams(location.search);
  let team = teams.some((tm) => String(tm.id) === params.get('team')) ? params.get('team') : String(teams[0].id);
  const teamSel = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), team, { name: 'team' });
  teamSel.addEventListener('change', () => {
    team = teamSel.value;
    history.replaceState({}, '', `?team=${encodeURIComponent(team)}`);
    drawList();
  });
  replace(teamArea, h('div', { class: 'inline card' }, field(t('agents.team'), teamSel)));
  const skillName = (code) => skills.find((s) => s.code === code)?.name || code;

  let agents = [];
  async function drawList() {
    replace(listArea, loading());
    try {
      agents = (await api.items('/agents', { team }, 100))
        .sort((a, b) => data.agentName(a).localeCompare(data.agentName(b)));
    } catch (err) {
      replace(listArea, errorBox(err, { retry: drawList }));
      return;
    }
    if (!agents.length) {
      replace(listArea, h('p', { class: 'muted' }, t('agents.none')));
      return;
    }
    const cols = [t('agents.name'), t('agents.employee_no'), t('agents.contract'), t('agents.skills'), t('agents.employed'), ''];
    replace(listArea, h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'muted small' }, t('agents.count', { count: agents.length })),
      h('thead', {}, h('tr', {}, cols.map(colHead))),
      h('tbody', {}, agents.map((a) => h('tr', {},
        h('th', { scope: 'row' }, data.agentName(a), a.email ? h('div', { class: 'muted small' }, a.email) : null),
        h('td', {}, a.employee_no || '—'),
        h('td', {}, contractText(a.contract), a.contract_change
          ? h('div', { class: 'muted small' }, t('agents.change_ahead', { date: fmtDay(a.contract_change, { day: 'numeric', month: 'short', year: 'numeric' }) }))
          : null),
        h('td', {}, (a.skills || []).map(skillName).join(', ') || '—'),
        h('td', {}, employment(a)),
        h('td', {}, h('div', { class: 'buttons' },
          h('button', {
            type: 'button', class: 'btn btn-quiet',
            'aria-label': t('agents.edit_who', { name: data.agentName(a) }),
            onclick: () => openForm(a),
          }, t('agents.edit')),
          h('a', {
            class: 'btn btn-quiet', href: `/agents/wishes?agent=${encodeURIComponent(a.id)}`, 'data-link': '',
            'aria-label': t('agents.wishes_who', { name: data.agentName(a) }),
          }, t('agents.wishes'))))))))));
  }

  // openForm adds an agent (a = null) or changes one; a saved form
  // reloads the list and the look-ups other pages share.
  function openForm(a) {
    const c = a?.contract || { kind: 'full_time', weekly_hours: 38, weekly_min_hours: 0, weekly_max_hours: 0, max_days_per_week: 5, fixed_days_off: [] };
    const input = (name, value, attrs = {}) => h('input', { name, value: num(value), ...attrs });
    const hours = (name, value, attrs = {}) => numberInput(name, value, { min: 0, max: 60, step: 0.25, ...attrs });
    const first = input('first_name', a?.first_name, { type: 'text', maxlength: 200, autocomplete: 'off' });
    const last = input('last_name', a?.last_name, { type: 'text', maxlength: 200, autocomplete: 'off' });
    const empNo = input('employee_no', a?.employee_no, { type: 'text', maxlength: 200, autocomplete: 'off' });
    const email = input('email', a?.email, { type: 'email', maxlength: 254, autocomplete: 'off' });
    const teamIn = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), a?.team_id || team, { name: 'team_id' });
    const kind = select(['full_time', 'part_time'].map((k) => ({ value: k, label: t(`agents.kind.${k}`) })), c.kind, { name: 'kind' });
    const weekly = hours('weekly_hours', c.weekly_hours, { required: true, min: 0.25 });
    const weekMin = hours('weekly_min_hours', c.weekly_min_hours);
    const weekMax = hours('weekly_max_hours', c.weekly_max_hours);
    const periodMin = hours('period_min_hours', c.period_min_hours, { max: null, step: 0.5 });
    const periodMax = hours('period_max_hours', c.period_max_hours, { max: null, step: 0.5 });
    const days = numberInput('max_days_per_week', c.max_days_per_week, { min: 0, max: 7, step: 1 });
    // Paid vacation days of a whole year (0: not kept); the year's balance
    // is pro rata over its contracts and the employment.
    const vacation = numberInput('vacation_days', c.vacation_days ?? 0, { min: 0, max: 366, step: 0.5 });
    const rate = numberInput('hourly_rate', a?.hourly_rate ?? 0, { min: 0, step: 0.01 });
    const hire = input('hire_date', a?.hire_date, { type: 'date' });
    // A changed contract or rate holds from this day (empty: today); the
    // days before keep the former ones for pay. A later day keeps the
    // current ones until then: the change waits for its day.
    const from = input('contract_from', '', { type: 'date' });
    const history = h('div', { class: 'muted small' });
    const leave = input('leave_date', a?.leave_date, { type: 'date' });
    const offBoxes = WEEKDAYS.map((d) => h('input', { type: 'checkbox', name: 'fixed_days_off', value: d, checked: (c.fixed_days_off || []).includes(d) ? true : null }));
    const skillBoxes = skills.map((s) => h('input', { type: 'checkbox', name: 'skills', value: s.code, checked: (a?.skills || []).includes(s.code) ? true : null }));
    // Skills the agent holds that the list does not know still go back.
    const unlisted = (a?.skills || []).filter((code) => !skills.some((s) => s.code === code));

    const save = async () => {
      const body = {
        team_id: teamIn.value,
        first_name: first.value.trim(),
        last_name: last.value.trim(),
        employee_no: empNo.value.trim(),
        email: email.value.trim(),
        hourly_rate: numberValue(rate),
        skills: [...skillBoxes.filter((b) => b.checked).map((b) => b.value), ...unlisted],
        contract: {
          kind: kind.value,
          weekly_hours: numberValue(weekly),
          weekly_min_hours: numberValue(weekMin),
          weekly_max_hours: numberValue(weekMax),
          period_min_hours: numberValue(periodMin),
          period_max_hours: numberValue(periodMax),
          max_days_per_week: numberValue(days),
          fixed_days_off: offBoxes.filter((b) => b.checked).map((b) => b.value),
          vacation_days: numberValue(vacation),
        },
        hire_date: hire.value,
        leave_date: leave.value,
      };
      if (a && from.value) body.contract_from = from.value;
      // The refusal's box names each field refused ("contract.vacation_days:
      // …"); the inputs it names are marked too.
      const inputs = [first, last, empNo, email, teamIn, rate, kind, weekly, weekMin, weekMax, periodMin, periodMax, days, vacation, hire, leave, from];
      for (const el of inputs) el.removeAttribute('aria-invalid');
      let saved;
      try {
        saved = await (a ? api.patch(`/agents/${a.id}`, body) : api.post('/agents', body));
      } catch (err) {
        for (const f of err?.fields || []) {
          inputs.find((el) => el.name === String(f.field).replace(/^contract\./, ''))?.setAttribute('aria-invalid', 'true');
        }
        throw err;
      }
      data.forget();
      // A change from a later day leaves the agent's row as it was: say
      // that it waits for its day.
      const waiting = body.contract_from && await scheduledOn(saved, body.contract_from);
      notice(waiting ? t('agents.saved_scheduled', { name: data.agentName(saved), first: fmtDay(body.contract_from, longDay) })
        : t(a ? 'agents.saved' : 'agents.added', { name: data.agentName(saved) }), 'ok');
      if (String(saved.team_id) !== String(team)) {
        team = String(saved.team_id);
        teamSel.value = team;
      }
      drawList();
    };
    formDialog(a ? t('agents.edit_title', { name: data.agentName(a) }) : t('agents.new'), [
      h('div', { class: 'inline' }, field(t('agents.first_name'), first), field(t('agents.last_name'), last)),
      h('div', { class: 'inline' }, field(t('agents.employee_no'), empNo), field(t('agents.email'), email)),
      h('div', { class: 'inline' }, field(t('agents.team'), teamIn), field(t('agents.hourly_rate'), rate)),
      h('fieldset', { class: 'field' }, h('legend', {}, t('agents.contract')),
        h('div', { class: 'inline' }, field(t('agents.kind'), kind), field(t('agents.weekly_hours'), weekly, t('agents.weekly_hours_hint')),
          field(t('agents.max_days'), days, t('agents.zero_default'))),
        h('div', { class: 'inline' }, field(t('agents.weekly_min'), weekMin), field(t('agents.weekly_max'), weekMax, t('agents.zero_none'))),
        h('div', { class: 'inline' }, field(t('agents.period_min'), periodMin), field(t('agents.period_max'), periodMax, t('agents.zero_none'))),
        h('div', { class: 'inline' }, field(t('agents.vacation_days'), vacation, t('agents.vacation_days_hint'))),
        h('fieldset', { class: 'field' }, h('legend', {}, t('agents.fixed_off')),
          WEEKDAYS.map((d, i) => h('label', { class: 'check' }, offBoxes[i], ' ', weekdayLabel(i))))),
      h('fieldset', { class: 'field' }, h('legend', {}, t('agents.skills')),
        skills.length ? skills.map((s, i) => h('label', { class: 'check' }, skillBoxes[i], ' ', s.name || s.code)) : h('p', { class: 'muted small' }, t('agents.no_skills')),
        unlisted.length ? h('p', { class: 'muted small' }, t('agents.unlisted', { skills: unlisted.join(', ') })) : null),
      h('div', { class: 'inline' }, field(t('agents.hire_date'), hire, t('agents.hire_hint')), field(t('agents.leave_date'), leave, t('agents.leave_hint'))),
      a ? h('fieldset', { class: 'field' }, h('legend', {}, t('agents.contract_change')),
        field(t('agents.contract_from'), from, t('agents.contract_from_hint')), history) : null,
    ], t(a ? 'agents.save' : 'agents.add'), save);
    if (a) showHistory(a, history, from);
  }

  const longDay = { day: 'numeric', month: 'short', year: 'numeric' };
  const dayBefore = (day) => new Date(Date.parse(`${day}T12:00:00Z`) - 864e5).toISOString().slice(0, 10);

  // scheduledOn reports whether agent a has a contract change waiting
  // for day (not known: no).
  async function scheduledOn(a, day) {
    try {
      const { items } = await api.get(`/agents/${a.id}/contracts`);
      return items.some((x) => x.scheduled && x.from === day);
    } catch {
      return false;
    }
  }

  // showHistory lists in el the contracts and rates an agent had before
  // the current ones, as pay uses them, the current ones, and the changes
  // that wait for their day, each with a button cancelling it (focus then
  // goes to after, the field for a change's day).
  async function showHistory(a, el, after) {
    let items;
    try {
      ({ items } = await api.get(`/agents/${a.id}/contracts`));
    } catch (err) {
      replace(el, errorBox(err));
      return;
    }
    if (items.length < 2) {
      replace(el);
      return;
    }
    const settled = items.filter((x) => !x.scheduled);
    const now = settled[settled.length - 1];
    const past = settled.slice(0, -1);
    const ahead = items.filter((x) => x.scheduled);
    const cancel = async (x) => {
      try {
        await busy(api.request('DELETE', `/agents/${a.id}/contracts/${x.from}`));
        notice(t('agents.contract_cancelled', { first: fmtDay(x.from, longDay) }), 'ok');
        await showHistory(a, el, after);
        after?.focus();
      } catch (err) {
        el.append(errorBox(err));
      }
    };
    replace(el,
      past.length ? [h('p', {}, t('agents.contract_past')), h('ul', {}, past.map((x) => h('li', {},
        t('agents.contract_until', { hours: x.contract.weekly_hours, rate: x.hourly_rate, last: fmtDay(dayBefore(x.until), longDay) }))))] : null,
      h('p', {}, t('agents.contract_current', { hours: now.contract.weekly_hours, rate: now.hourly_rate })),
      ahead.length ? [h('p', {}, t('agents.contract_ahead')), h('ul', {}, ahead.map((x) => {
        const first = fmtDay(x.from, longDay);
        return h('li', {}, t('agents.contract_scheduled', { first, hours: x.contract.weekly_hours, rate: x.hourly_rate }), ' ',
          h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('agents.contract_cancel_who', { first }), onclick: () => cancel(x) },
            t('agents.contract_cancel')));
      }))] : null);
  }

  // openImport adds and changes agents from a CSV file (POST
  // /agents/import): all of it is stored or, with the lines named, none.
  // The template holds every column and an agent of the team shown.
  function openImport() {
    const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
    const cell = (v) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const template = [
      ['employee_no', 'first_name', 'last_name', 'team', 'contract_kind', 'weekly_hours', 'weekly_min_hours', 'weekly_max_hours',
        'max_days_per_week', 'fixed_days_off', 'skills', 'hourly_rate', 'hire_date', 'leave_date', 'email'],
      ['E-1001', 'Maria', 'Schmidt', teams.find((tm) => String(tm.id) === String(team))?.name || '', 'part_time', '20', '16', '24',
        '4', 'Saturday|Sunday', skills.slice(0, 2).map((s) => s.code).join('|'), '18.50', '2026-04-01', '', 'maria.schmidt@example.com'],
    ].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
    formDialog(t('agents.import_title'), [
      h('p', { class: 'muted small' }, t('agents.import_hint')),
      scrollBox(t('agents.import_sample'), h('pre', { class: 'small' }, template)),
      h('p', {}, h('a', { href: `data:text/csv;charset=utf-8,${encodeURIComponent(template)}`, download: 'agents.csv' }, t('agents.import_template'))),
      field(t('agents.import_file'), file),
    ], t('agents.import'), async () => {
      const form = new FormData();
      form.append('file', file.files[0]);
      const res = await api.post('/agents/import', form);
      data.forget();
      notice(t('agents.imported', { created: res.created, updated: res.updated }), 'ok');
      drawList();
    });
  }

  await drawList();
}
