// Roster board for team leads: agents down, days across (day, week and
// 4-week views), shifts coloured by type, night/weekend/holiday marks,
// click or drag to edit and + on a free day to add a shift, with rules
// checked at once, "Find cover" in a shift's dialog for who could take it
// over, and the coverage chart underneath. Published rosters are edited
// the same way; their agents see the change at once and are told.

import { h, replace } from '../dom.js';
import { t, has } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import {
  today, addDays, days, mondayOf, weekday, localDay, localTime, instant,
  fmtDay, fmtDayLong, fmtRange, fmtDateTime, fmtNumber, fmtPercent, hoursBetween, setZone, siteZone,
} from '../time.js';
import { loading, errorBox, errorText, field, select, dialog, busy, notice, pageHeader, ruleLabel } from '../ui.js';
import { coverageChart } from '../chart.js';

const VIEWS = { day: 1, week: 7, '4w': 28 };

export async function render(root, { session, navigate }) {
  const page = location.pathname;
  const q = new URLSearchParams(location.search);
  const state = {
    team: q.get('team') || '',
    view: VIEWS[q.get('view')] ? q.get('view') : 'week',
    from: q.get('from') || mondayOf(today()),
    rosterId: q.get('roster') || '',
    skill: q.get('skill') || '',
    roster: null,
    rosters: [],
    agents: [],
    queues: [],
    templates: [],
  };
  // Without a date in the address the board may jump to the next roster.
  let explicitFrom = q.has('from');
  const body = h('div', {}, loading());
  replace(root, pageHeader(t('roster.title')), body);

  let teams;
  try {
    [teams, state.queues] = await Promise.all([data.teams(session.me.user), data.queues().catch(() => [])]);
  } catch (err) {
    replace(body, errorBox(err));
    return;
  }
  if (!teams.length) {
    replace(body, h('p', {}, t('roster.no_teams')));
    return;
  }
  if (!teams.some((tm) => String(tm.id) === state.team)) state.team = String(teams[0].id);

  const boardArea = h('div', { class: 'board-area' });
  const coverageArea = h('div', { class: 'coverage-area' });
  const statusArea = h('div', { 'aria-live': 'polite' });
  const reminderArea = h('div', {});

  // remind warns when the team's next week has no published roster yet:
  // agents cannot see their shifts until it is published.
  let reminded = null; // the team the warning is about: it does not depend on the week shown
  async function remind() {
    reminded = state.team;
    const monday = addDays(mondayOf(today()), 7);
    try {
      const next = await data.rostersFor(state.team, monday, addDays(monday, 6));
      replace(reminderArea, next.some((r) => r.status === 'published') ? null : h('div', { class: 'alert alert-warn', role: 'status' },
        t(next.length ? 'roster.remind_draft' : 'roster.remind_none', { week: fmtDay(monday) }), ' ',
        h('a', { href: next.length ? `/roster?team=${encodeURIComponent(state.team)}&view=week&from=${monday}&roster=${next[0].id}` : `/generate?team=${encodeURIComponent(state.team)}&from=${monday}`, 'data-link': '' },
          t(next.length ? 'roster.remind_publish' : 'roster.generate_one'))));
    } catch {
      replace(reminderArea);
    }
  }

  function syncURL() {
    // The board may finish loading after the lead has moved on: it must
    // not rewrite the next page's address (the generate page reads its
    // period from there).
    if (location.pathname !== page) return;
    const p = new URLSearchParams({ team: state.team, view: state.view, from: state.from });
    if (state.rosterId) p.set('roster', state.rosterId);
    if (state.skill) p.set('skill', state.skill);
    history.replaceState({}, '', `${location.pathname}?${p}`);
  }
  const span = () => VIEWS[state.view];
  const lastDay = () => addDays(state.from, span() - 1);

  function toolbar() {
    const teamSel = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), state.team, {
      onchange: (e) => { state.team = e.target.value; state.rosterId = ''; load(); },
    });
    const viewBtns = h('div', { class: 'btn-group', role: 'group', 'aria-label': t('roster.view') },
      Object.keys(VIEWS).map((v) => h('button', {
        type: 'button', class: 'btn', 'aria-pressed': String(state.view === v),
        onclick: () => {
          state.view = v;
          if (v === 'week' || v === '4w') state.from = mondayOf(state.from);
          load();
        },
      }, t(`roster.view_${v}`))));
    const step = state.view === 'day' ? 1 : 7;
    const dateIn = h('input', {
      type: 'date', value: state.from,
      onchange: (e) => { if (e.target.value) { state.from = state.view === 'day' ? e.target.value : mondayOf(e.target.value); load(); } },
    });
    const rosterSel = state.rosters.length > 1 ? field(t('roster.which'), select(state.rosters.map((r) => ({
      value: r.id, label: `${fmtDay(r.period_start)} – ${fmtDay(data.lastDay(r))} · ${t(`status.${r.status}`)} · v${r.version ?? ''}`,
    })), state.rosterId, { onchange: (e) => { state.rosterId = e.target.value; load(); } })) : null;
    return h('div', { class: 'toolbar' },
      field(t('roster.team'), teamSel),
      h('div', { class: 'field' }, h('span', { class: 'label-like' }, ' '), viewBtns),
      h('div', { class: 'field' }, h('span', { class: 'label-like' }, ' '),
        h('div', { class: 'btn-group' },
          h('button', { type: 'button', class: 'btn', 'aria-label': t('roster.prev'), onclick: () => { state.from = addDays(state.from, -step); load(); } }, '‹'),
          h('button', { type: 'button', class: 'btn', onclick: () => { state.from = state.view === 'day' ? today() : mondayOf(today()); load(); } }, t('roster.today')),
          h('button', { type: 'button', class: 'btn', 'aria-label': t('roster.next'), onclick: () => { state.from = addDays(state.from, step); load(); } }, '›'))),
      field(t('roster.from'), dateIn),
      rosterSel);
  }

  async function load() {
    syncURL();
    replace(body, toolbar(), reminderArea, statusArea, boardArea, coverageArea);
    replace(boardArea, loading());
    replace(coverageArea);
    replace(statusArea);
    try {
      const [rosters, agents] = await busy(Promise.all([
        data.rostersFor(state.team, state.from, lastDay()),
        data.agents(state.team).catch(() => []),
      ]));
      state.rosters = rosters;
      state.agents = agents;
      const site = teams.find((tm) => String(tm.id) === state.team)?.site_id;
      state.templates = site ? await api.items('/shift-templates', { site }).catch(() => []) : [];
      // The board is on the team's site's clock.
      const zone = await data.zoneOfTeam(state.team).catch(() => '');
      if (zone) setZone(zone);
      if (!rosters.some((r) => String(r.id) === state.rosterId)) state.rosterId = rosters[0] ? String(rosters[0].id) : '';
      syncURL();
      replace(body, toolbar(), reminderArea, statusArea, boardArea, coverageArea);
      if (reminded !== state.team) remind();
      if (!state.rosterId && !explicitFrom) {
        // Nothing this week: show the team's next roster, if there is one.
        explicitFrom = true;
        const ahead = (await data.rostersFor(state.team, state.from, addDays(state.from, 92)))
          .sort((a, b) => a.period_start.localeCompare(b.period_start));
        if (ahead.length) {
          state.from = state.view === 'day' ? ahead[0].period_start : mondayOf(ahead[0].period_start);
          state.rosterId = String(ahead[0].id);
          await load();
          return;
        }
      }
      explicitFrom = true;
      if (!state.rosterId) {
        state.roster = null;
        replace(boardArea, h('div', { class: 'card' },
          h('p', {}, t('roster.none')),
          h('a', { href: `/generate?team=${encodeURIComponent(state.team)}&from=${state.from}`, 'data-link': '', class: 'btn btn-primary' }, t('roster.generate_one'))));
        return;
      }
      state.roster = await busy(data.roster(state.rosterId));
      draw();
    } catch (err) {
      replace(boardArea, errorBox(err, { retry: load }));
    }
  }

  async function reloadRoster() {
    state.roster = await busy(data.roster(state.rosterId));
    draw();
  }

  function rowsOfAgents() {
    const byId = new Map();
    for (const a of state.agents) byId.set(String(a.id), { id: String(a.id), name: data.agentName(a) });
    for (const sh of state.roster.shifts || []) {
      if (!byId.has(String(sh.agent_id))) byId.set(String(sh.agent_id), { id: String(sh.agent_id), name: sh.agent_name || sh.agent_id });
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  function draw() {
    const r = state.roster;
    const shifts = (r.shifts || []).filter((sh) => sh.status !== 'cancelled' && sh.status !== 'deleted');
    const visible = days(state.from, span());
    const holidays = new Set(shifts.filter((sh) => sh.holiday).map((sh) => localDay(sh.start)));
    replace(statusArea,
      h('p', { class: 'roster-meta' },
        h('span', { class: `badge ${r.status}` }, t(`status.${r.status}`)), ' ',
        t('roster.period', { from: fmtDay(r.period_start), to: fmtDay(data.lastDay(r)) }), ' · ',
        t('roster.version', { v: r.version ?? '' }), ' · ', t('roster.times_in', { zone: siteZone() }),
        r.status === 'draft' ? [' · ', h('a', { href: `/generate?team=${encodeURIComponent(state.team)}&roster=${r.id}`, 'data-link': '' }, t('roster.open_generate'))] : null,
        ' · ', h('button', { type: 'button', class: 'btn-link', onclick: () => showHistory(r) }, t('roster.history'))));
    const legend = h('div', { class: 'legend', 'aria-label': t('roster.legend') },
      ['E', 'D', 'L', 'N', 'P'].map((c) => h('span', {}, h('span', { class: 'sw', style: { background: `var(--shift-${c})` } }), t(`shift.type_${c}`))),
      h('span', {}, h('span', { class: 'sw', style: { background: 'var(--weekend)' } }), t('roster.weekend')),
      h('span', {}, h('span', { class: 'sw', style: { background: 'var(--holiday)' } }), t('roster.holiday')),
      h('span', {}, '☾ ', t('roster.night_work')),
      h('span', {}, h('span', { class: 'sw', style: { boxShadow: 'inset 0 0 0 2px var(--danger)' } }), t('roster.flagged')),
      h('span', { class: 'hint' }, state.view === 'day' ? t('roster.hint_day') : t('roster.hint')));
    const agentsRows = rowsOfAgents();
    replace(boardArea, legend, state.view === 'day'
      ? dayBoard(agentsRows, shifts, state.from, holidays)
      : gridBoard(agentsRows, shifts, visible, holidays));
    drawCoverage(visible);
  }

  // showHistory lists every change to the roster, newest first: who, when,
  // what (a shift's agent and times before and after).
  async function showHistory(r) {
    const area = h('div', { class: 'body' }, loading());
    dialog(t('roster.history_title'), area);
    try {
      const entries = (await api.items(`/rosters/${r.id}/audit`, {}, 50)).reverse();
      const shiftText = (x) => (x ? `${x.agent_name || x.agent_id || '—'}, ${fmtDayLong(localDay(x.start))} ${fmtRange(x.start, x.end)}${x.status === 'cancelled' ? ` (${t('status.cancelled')})` : ''}` : '—');
      replace(area, entries.length ? h('ol', { class: 'history' }, entries.map((e) => h('li', {},
        h('p', {}, h('strong', {}, has(`audit.${e.action}`) ? t(`audit.${e.action}`) : e.action), ' · ',
          t('roster.history_by', { who: e.user_name || e.user_id || '—', at: fmtDateTime(e.at) }), ' · v', String(e.version)),
        e.entity === 'shift' ? h('p', { class: 'small' }, shiftText(e.before), ' → ', shiftText(e.after)) : null))) : h('p', { class: 'muted' }, t('roster.history_none')));
    } catch (err) {
      replace(area, errorBox(err));
    }
  }

  function chip(sh) {
    const code = data.typeCode(sh);
    const flagged = sh.flagged || (sh.violations && sh.violations.length) || sh.status === 'flagged';
    const marks = [sh.night ? '☾' : '', sh.holiday ? '●' : ''].join('');
    const label = `${sh.agent_name || ''} ${fmtRange(sh.start, sh.end)} ${sh.template_code || ''}`;
    // The name starts with the chip's visible text (code, then times), so
    // speech input can say what it sees (WCAG 2.5.3 Label in Name).
    const name = `${sh.template_code || code} ${fmtRange(sh.start, sh.end)}, ${sh.agent_name || ''}`;
    return h('button', {
      type: 'button', draggable: 'true',
      class: `chip t-${code}${sh.night ? ' flag-night' : ''}${flagged ? ' flagged' : ''}`,
      title: `${label}${sh.night ? ` · ${t('roster.night')}` : ''}${sh.weekend ? ` · ${t('roster.weekend')}` : ''}${sh.holiday ? ` · ${t('roster.holiday')}` : ''}`,
      'aria-label': t('roster.edit_shift', { shift: name }),
      dataset: { shift: sh.id },
      onclick: () => editShift(sh),
      ondragstart: (e) => { e.dataTransfer.setData('text/plain', String(sh.id)); e.dataTransfer.effectAllowed = 'move'; e.currentTarget.classList.add('dragging'); dragging = sh; },
      ondragend: (e) => { e.currentTarget.classList.remove('dragging'); dragging = null; },
    }, marks ? h('span', { class: 'marks', 'aria-hidden': 'true' }, marks) : null,
    h('span', { class: 'code' }, sh.template_code || code), ' ', h('span', { class: 'time' }, fmtRange(sh.start, sh.end)));
  }

  let dragging = null;
  const checkCache = new Map();
  function movedShift(sh, agentId, day) {
    const dur = new Date(sh.end) - new Date(sh.start);
    const start = instant(day, localTime(sh.start));
    return { ...sh, agent_id: agentId, start: start.toISOString(), end: new Date(start.getTime() + dur).toISOString() };
  }

  function gridBoard(rows, shifts, visible, holidays) {
    const byCell = new Map();
    for (const sh of shifts) {
      const key = `${sh.agent_id}|${localDay(sh.start)}`;
      if (!byCell.has(key)) byCell.set(key, []);
      byCell.get(key).push(sh);
    }
    const colClass = (d) => [weekday(d) >= 5 ? 'weekend' : '', holidays.has(d) ? 'holiday' : ''].join(' ').trim() || null;
    const dayHours = (agentId) => shifts.filter((sh) => String(sh.agent_id) === agentId && visible.includes(localDay(sh.start)))
      .reduce((sum, sh) => sum + hoursBetween(sh.start, sh.end), 0);
    const table = h('table', { class: `board${state.view === '4w' ? ' w28' : ''}`, 'aria-label': t('roster.board') },
      h('thead', {}, h('tr', {},
        h('th', { class: 'agent', scope: 'col' }, t('roster.agent')),
        visible.map((d) => h('th', { scope: 'col', class: colClass(d), title: fmtDayLong(d) + (holidays.has(d) ? ` · ${t('roster.holiday')}` : '') },
          state.view === '4w' ? fmtDay(d, { weekday: 'narrow', day: 'numeric' }) : fmtDay(d))))),
      h('tbody', {}, rows.map((a) => h('tr', {},
        h('th', { class: 'agent', scope: 'row', title: a.name }, a.name, h('span', { class: 'muted small' }, ` · ${fmtNumber(dayHours(a.id), 0)} h`)),
        visible.map((d) => {
          const mine = byCell.get(`${a.id}|${d}`) || [];
          const cell = h('td', { class: colClass(d), dataset: { agent: a.id, day: d } }, mine.map(chip),
            mine.length || !inPeriod(d) ? null : h('button', {
              type: 'button', class: 'add-shift', 'aria-label': t('roster.add_shift_for', { agent: a.name, day: fmtDayLong(d) }),
              onclick: () => addShift(a, d),
            }, '+'));
          wireDrop(cell, a.id, d);
          return cell;
        })))));
    return h('div', { class: 'board-wrap' }, table);
  }

  function wireDrop(cell, agentId, day) {
    cell.addEventListener('dragover', (e) => {
      if (!dragging) return;
      e.preventDefault();
      cell.classList.add('drop-target');
      const key = `${dragging.id}|${agentId}|${day}`;
      if (!checkCache.has(key)) {
        const moved = movedShift(dragging, agentId, day);
        checkCache.set(key, api.post(`/rosters/${state.roster.id}/check`, { id: dragging.id, ...patchFor(dragging, { agent_id: agentId, start: moved.start, end: moved.end }) }).then((r) => r?.violations || []).catch(() => []));
      }
      checkCache.get(key).then((v) => {
        if (cell.classList.contains('drop-target')) cell.classList.toggle('drop-bad', v.some(isHard));
        cell.title = v.map((x) => x.message).join('\n');
      });
    });
    cell.addEventListener('dragleave', () => { cell.classList.remove('drop-target', 'drop-bad'); cell.title = ''; });
    cell.addEventListener('drop', async (e) => {
      e.preventDefault();
      cell.classList.remove('drop-target', 'drop-bad');
      const sh = dragging;
      dragging = null;
      if (!sh || (String(sh.agent_id) === agentId && localDay(sh.start) === day)) return;
      const moved = movedShift(sh, agentId, day);
      await saveShift(sh, { agent_id: agentId, start: moved.start, end: moved.end }, { fromDrag: true });
    });
  }

  function dayBoard(rows, shifts, day, holidays) {
    const dayStart = instant(day, '00:00').getTime();
    const dayEnd = instant(addDays(day, 1), '00:00').getTime();
    const len = dayEnd - dayStart;
    const hoursHead = h('div', { class: 'timeline-head', 'aria-hidden': 'true' },
      Array.from({ length: 24 }, (_, i) => h('span', {}, String(i).padStart(2, '0'))));
    const table = h('table', { class: `board${holidays.has(day) ? ' is-holiday' : ''}`, 'aria-label': t('roster.board') },
      h('thead', {}, h('tr', {},
        h('th', { class: 'agent', scope: 'col' }, t('roster.agent')),
        h('th', { scope: 'col', class: [weekday(day) >= 5 ? 'weekend' : '', holidays.has(day) ? 'holiday' : ''].join(' ') || null }, fmtDayLong(day), hoursHead))),
      h('tbody', {}, rows.map((a) => {
        const mine = shifts.filter((sh) => String(sh.agent_id) === a.id
          && new Date(sh.end).getTime() > dayStart && new Date(sh.start).getTime() < dayEnd);
        return h('tr', {},
          h('th', { class: 'agent', scope: 'row' }, a.name),
          h('td', {}, h('div', { class: 'timeline' }, mine.map((sh) => {
            const c = chip(sh);
            const s0 = Math.max(dayStart, new Date(sh.start).getTime());
            const s1 = Math.min(dayEnd, new Date(sh.end).getTime());
            c.style.left = `${((s0 - dayStart) / len) * 100}%`;
            c.style.width = `${((s1 - s0) / len) * 100}%`;
            c.removeAttribute('draggable');
            return c;
          }))));
      })));
    return h('div', { class: 'board-wrap' }, table);
  }

  function drawCoverage(visible) {
    const cov = state.roster.coverage || [];
    if (!cov.length) {
      replace(coverageArea, h('h2', {}, t('coverage.title')), h('p', { class: 'muted' }, t('coverage.none')));
      return;
    }
    const keyOf = (c) => String(c.skill ?? c.queue_id ?? '');
    // Queues with the largest requirement first.
    const need = new Map();
    for (const c of cov) need.set(keyOf(c), (need.get(keyOf(c)) || 0) + (Number(c.required) || 0));
    const keys = [...need.keys()].sort((a, b) => need.get(b) - need.get(a));
    if (!keys.includes(state.skill)) state.skill = keys[0];
    const nameOf = (k) => state.queues.find((qq) => String(qq.id) === k)?.name || k;
    const from = instant(visible[0], '00:00').getTime();
    const to = instant(addDays(visible[visible.length - 1], 1), '00:00').getTime();
    const series = cov.filter((c) => keyOf(c) === state.skill)
      .map((c) => ({ ...c, start: new Date(c.start).getTime() }))
      .sort((a, b) => a.start - b.start);
    let step = 15 * 60e3;
    for (let i = 1; i < series.length; i++) { const d = series[i].start - series[i - 1].start; if (d > 0) { step = d; break; } }
    const pts = series.filter((c) => c.start >= from && c.start < to)
      .map((c) => ({ start: c.start, end: c.end ? new Date(c.end).getTime() : c.start + step, required: +c.required || 0, scheduled: +c.scheduled || 0, sl: c.service_level }));
    const under = pts.filter((p) => p.scheduled < p.required - 1e-9).length;
    const over = pts.filter((p) => p.scheduled > p.required + 2).length;
    const sls = pts.filter((p) => typeof p.sl === 'number' && p.sl >= 0 && p.required > 0);
    const slAvg = sls.length ? sls.reduce((a, p) => a + p.sl * Math.max(p.required, 1e-9), 0) / sls.reduce((a, p) => a + Math.max(p.required, 1e-9), 0) : null;
    const slMin = sls.length ? Math.min(...sls.map((p) => p.sl)) : null;
    const skillSel = select(keys.map((k) => ({ value: k, label: nameOf(k) })), state.skill, {
      onchange: (e) => { state.skill = e.target.value; syncURL(); drawCoverage(visible); },
    });
    replace(coverageArea,
      h('h2', {}, t('coverage.title')),
      h('div', { class: 'toolbar' }, field(t('coverage.skill'), skillSel)),
      h('div', { class: 'kpis' },
        kpi(t('coverage.under'), String(under), under ? 'bad' : 'good'),
        kpi(t('coverage.over'), String(over)),
        kpi(t('coverage.sl_avg'), slAvg === null ? '—' : fmtPercent(slAvg)),
        kpi(t('coverage.sl_min'), slMin === null ? '—' : fmtPercent(slMin), slMin !== null && slMin < 0.6 ? 'bad' : '')),
      h('div', { class: 'card' }, pts.length ? coverageChart(pts, { labels: { title: t('coverage.title'), scheduled: t('coverage.scheduled'), required: t('coverage.required') } }) : h('p', { class: 'muted' }, t('coverage.none_in_view')),
        h('div', { class: 'legend' },
          h('span', {}, h('span', { class: 'sw', style: { background: '#7fa7e0' } }), t('coverage.scheduled')),
          h('span', {}, h('span', { class: 'sw', style: { background: '#d9534f' } }), t('coverage.under_legend')),
          h('span', {}, h('span', { class: 'sw', style: { background: '#e0a526' } }), t('coverage.over_legend')),
          h('span', {}, h('span', { class: 'sw', style: { background: '#15223b', height: '2px' } }), t('coverage.required')))));
  }

  function editShift(sh) {
    const agentsList = rowsOfAgents();
    const agentSel = select(agentsList.map((a) => ({ value: a.id, label: a.name })), sh.agent_id, { name: 'agent' });
    const dayIn = h('input', { type: 'date', name: 'day', value: localDay(sh.start), required: true });
    const startIn = h('input', { type: 'time', name: 'start', value: localTime(sh.start), required: true, step: 900 });
    const endIn = h('input', { type: 'time', name: 'end', value: localTime(sh.end), required: true, step: 900 });
    const checks = h('div', { 'aria-live': 'polite', class: 'checks' });
    const errors = h('div', { 'aria-live': 'assertive' });
    const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
    const published = state.roster.status !== 'draft';
    const proposed = () => {
      const start = instant(dayIn.value, startIn.value);
      let end = instant(dayIn.value, endIn.value);
      if (end <= start) end = instant(addDays(dayIn.value, 1), endIn.value);
      return { agent_id: agentSel.value, start: start.toISOString(), end: end.toISOString() };
    };
    const check = ruleChecker(checks, () => dayIn.value && startIn.value && endIn.value, () => ({ id: sh.id, ...patchFor(sh, proposed()) }));
    for (const el of [agentSel, dayIn, startIn, endIn]) el.addEventListener('change', check);
    for (const el of [startIn, endIn]) el.addEventListener('input', check);
    const cover = coverFinder(sh, () => dlg);
    const form = h('form', { onsubmit: submitter(sh, proposed, saveBtn, errors, () => dlg) },
    h('p', { class: 'muted' }, `${sh.template_code || ''} · ${fmtDayLong(localDay(sh.start))} · ${fmtRange(sh.start, sh.end)}`,
      [sh.night && t('roster.night'), sh.weekend && t('roster.weekend'), sh.holiday && t('roster.holiday')].filter(Boolean).map((x) => ` · ${x}`)),
    published ? h('div', { class: 'alert alert-warn' }, t('shift.published_note')) : null,
    field(t('shift.agent'), agentSel),
    field(t('shift.day'), dayIn),
    h('div', { class: 'inline' }, field(t('shift.start'), startIn), field(t('shift.end'), endIn)),
    (sh.breaks || []).length ? h('p', { class: 'small muted' }, t('shift.breaks'), ': ',
      sh.breaks.map((b) => `${b.name || ''} ${fmtRange(b.start, b.end)}${b.paid ? ` (${t('shift.paid')})` : ''}`).join(', ')) : null,
    cover,
    checks, errors,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel')),
      saveBtn));
    const dlg = dialog(t('shift.edit_title', { agent: sh.agent_name || '' }), form);
    check();
  }

  /**
   * ruleChecker returns a function that, 250 ms after its last call and
   * once ready() holds, shows in checks the rules the check body() would
   * break; an answer to an older call is dropped.
   */
  function ruleChecker(checks, ready, body) {
    let timer = null;
    let seq = 0;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!ready()) return;
        const my = ++seq;
        replace(checks, h('p', { class: 'muted small' }, t('shift.checking')));
        try {
          const res = await api.post(`/rosters/${state.roster.id}/check`, body());
          if (my === seq) replace(checks, violationList(res?.violations || [], true));
        } catch (err) {
          if (my === seq) replace(checks, h('p', { class: 'muted small' }, t('shift.check_failed', { error: errorText(err) })));
        }
      }, 250);
    };
  }

  /**
   * coverFinder is the shift dialog's "Find cover" (a sick call): the
   * team's other agents, as the API ranks them for taking sh over. Those
   * who break no rule by it come first, each with a button giving them the
   * shift through the dialog's own submit path, its errors (and a refusal:
   * the shift's own agent may fall short of their hours) right under their
   * list; those who would break one say which, set apart, and get no
   * button: the form's agent field can still force it.
   */
  function coverFinder(sh, dlg) {
    const said = h('p', { class: 'visually-hidden', role: 'status' });
    const list = h('div', {});
    const errors = h('div', { 'aria-live': 'assertive' });
    let seq = 0;
    const hours = (x) => fmtNumber(x, Number.isInteger(x) ? 0 : Number.isInteger(x * 2) ? 1 : 2);
    const item = (c) => {
      const vs = c.violations || [];
      let give = null;
      if (!vs.length) {
        give = h('button', { type: 'button', class: 'btn' }, t('cover.give', { name: c.name }));
        give.addEventListener('click', submitter(sh, () => ({ agent_id: c.agent_id }), give, errors, dlg, { savedText: t('cover.given', { name: c.name }) }));
      }
      return h('li', { dataset: { agent: c.agent_id } },
        h('div', { class: 'who' },
          h('strong', {}, c.name), ' ',
          h('span', { class: 'small' }, c.contract_hours > 0
            ? t('cover.hours', { hours: hours(c.week_hours), contract: hours(c.contract_hours) })
            : t('cover.hours_only', { hours: hours(c.week_hours) })),
          c.overtime ? [' ', h('span', { class: 'badge overtime' }, t('cover.overtime'))] : null),
        give || violationList(vs, false));
    };
    async function find() {
      const my = ++seq;
      replace(said);
      replace(list, loading(t('cover.loading')));
      try {
        const res = await busy(api.get(`/rosters/${state.roster.id}/shifts/${sh.id}/candidates`));
        if (my !== seq) return;
        const all = res?.items || [];
        const free = all.filter((c) => !(c.violations || []).length);
        const blocked = all.filter((c) => (c.violations || []).length);
        if (!all.length) {
          replace(list, h('p', { class: 'muted' }, t('cover.none')));
          replace(said, t('cover.none'));
          return;
        }
        const giver = res?.giver_violations || [];
        replace(list,
          h('h3', {}, t('cover.title')),
          // Losing the shift may break a rule of its own agent's (their
          // weekly minimum): the same whoever takes it, so said once.
          giver.length ? h('div', { class: 'alert alert-warn' }, h('p', {}, t('cover.giver', { name: sh.agent_name || '' })), violationList(giver, false)) : null,
          free.length ? [h('h4', {}, t('cover.may', { n: free.length })),
            h('ul', { class: 'cover-list' }, free.map(item)), replace(errors)] : null,
          blocked.length ? [h('h4', {}, t('cover.blocked', { n: blocked.length })),
            h('p', { class: 'small muted' }, t('cover.force_hint')),
            h('ul', { class: 'cover-list blocked' }, blocked.map(item))] : null);
        replace(said, t('cover.summary', { ok: free.length, blocked: blocked.length }));
      } catch (err) {
        if (my === seq) replace(list, errorBox(err, { retry: find }));
      }
    }
    return h('div', { class: 'cover' },
      h('button', { type: 'button', class: 'btn', onclick: find }, t('cover.find')),
      said, list);
  }

  /**
   * submitter saves the dialog's shift (sh, or a new one when null) as
   * proposed() and closes it when saved; opts go on to saveShift.
   */
  function submitter(sh, proposed, saveBtn, errors, dlg, opts = {}) {
    return async (e) => {
      e.preventDefault();
      saveBtn.disabled = true;
      const ok = await saveShift(sh, proposed(), { ...opts, errorsEl: errors, dlg: dlg() });
      saveBtn.disabled = false;
      if (ok) dlg().close();
    };
  }

  /** inPeriod reports whether day lies in the roster shown. */
  function inPeriod(day) {
    return day >= state.roster.period_start && day < state.roster.period_end;
  }

  /**
   * addShift gives agent a a shift on day: a template of the team's site
   * (its earliest start and length, its breaks in the middle of their
   * windows on the server) or times of the lead's own, rules checked as
   * they are typed.
   */
  function addShift(a, day) {
    const tpls = state.templates;
    const tplSel = select([{ value: '', label: t('shift.no_template') },
      ...tpls.map((tp) => ({ value: tp.id, label: `${tp.code} · ${tp.name} (${tp.earliest_start})` }))], tpls[0]?.id || '', { name: 'template' });
    const startIn = h('input', { type: 'time', name: 'start', required: true, step: 900 });
    const endIn = h('input', { type: 'time', name: 'end', required: true, step: 900 });
    const fromTemplate = () => {
      const tp = tpls.find((x) => String(x.id) === tplSel.value);
      if (!tp) return;
      startIn.value = tp.earliest_start;
      const [hh, mm] = tp.earliest_start.split(':').map(Number);
      const end = (hh * 60 + mm + tp.length_minutes) % 1440;
      endIn.value = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
    };
    fromTemplate();
    const checks = h('div', { 'aria-live': 'polite', class: 'checks' });
    const errors = h('div', { 'aria-live': 'assertive' });
    const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('shift.add'));
    const proposed = () => {
      const start = instant(day, startIn.value);
      let end = instant(day, endIn.value);
      if (end <= start) end = instant(addDays(day, 1), endIn.value);
      const body = { agent_id: a.id, start: start.toISOString(), end: end.toISOString() };
      if (tplSel.value) body.template_id = tplSel.value;
      return body;
    };
    const check = ruleChecker(checks, () => startIn.value && endIn.value, proposed);
    tplSel.addEventListener('change', () => { fromTemplate(); check(); });
    for (const el of [startIn, endIn]) { el.addEventListener('change', check); el.addEventListener('input', check); }
    const form = h('form', { onsubmit: submitter(null, proposed, saveBtn, errors, () => dlg) },
    state.roster.status !== 'draft' ? h('div', { class: 'alert alert-warn' }, t('shift.published_note')) : null,
    field(t('shift.template'), tplSel),
    h('div', { class: 'inline' }, field(t('shift.start'), startIn), field(t('shift.end'), endIn)),
    checks, errors,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel')),
      saveBtn));
    const dlg = dialog(t('shift.add_title', { agent: a.name, day: fmtDayLong(day) }), form);
    check();
  }

  /**
   * saveShift PATCHes a shift with its version, or adds one (sh null). 422
   * shows the broken rules and offers to save anyway (flagged); 412
   * explains the conflict and reloads. savedText, when given, is the
   * notice of a save that breaks nothing. Returns true when saved.
   */
  async function saveShift(sh, change, { errorsEl, dlg, fromDrag, force = false, savedText } = {}) {
    try {
      const query = force ? { force: 'true' } : {};
      const res = await busy(sh
        ? api.request('PATCH', `/rosters/${state.roster.id}/shifts/${sh.id}`, { body: patchFor(sh, change), ifMatch: sh.version, query })
        : api.request('POST', `/rosters/${state.roster.id}/shifts`, { body: change, query }));
      const v = res.data?.violations || [];
      notice(v.length ? t('shift.saved_flagged', { n: v.length }) : savedText || t('shift.saved'), v.length ? 'info' : 'ok');
      await reloadRoster();
      return true;
    } catch (err) {
      if (err.status === 412) {
        const msg = h('div', { class: 'alert alert-warn', role: 'alert' }, t('shift.conflict'));
        dlg?.close();
        await reloadRoster().catch(() => {});
        replace(statusArea, msg, statusArea.firstChild ? statusArea.firstChild.cloneNode(true) : null);
        msg.scrollIntoView?.({ block: 'nearest' });
        return false;
      }
      if (err.status === 422 && (err.violations.length || err.body?.violations)) {
        const viol = err.violations.length ? err.violations : err.body.violations;
        const content = h('div', {},
          h('p', {}, t('shift.refused')), violationList(viol, false),
          h('div', { class: 'buttons' },
            h('button', { type: 'button', class: 'btn', onclick: () => { (fromDrag ? forceDlg : null)?.close(); if (!fromDrag) replace(errorsEl); } }, t('shift.keep')),
            h('button', {
              type: 'button', class: 'btn btn-danger',
              onclick: async (e) => {
                // One click, one save: a second would add the shift twice.
                const btn = e.currentTarget;
                if (btn.disabled) return;
                btn.disabled = true;
                const ok = await saveShift(sh, change, { errorsEl, dlg, fromDrag, force: true, savedText });
                if (ok) { forceDlg?.close(); dlg?.close(); } else btn.disabled = false;
              },
            }, t('shift.force'))));
        let forceDlg = null;
        if (fromDrag || !errorsEl) forceDlg = dialog(t('shift.refused_title'), h('div', { class: 'body' }, content));
        else replace(errorsEl, content);
        return false;
      }
      if (errorsEl) replace(errorsEl, errorBox(err));
      else notice(errorText(err), 'error');
      return false;
    }
  }

  await load();
}

/**
 * patchFor is the PATCH/check body for moving or resizing a shift: breaks
 * move with the start so they keep their place within the shift.
 */
function patchFor(sh, change) {
  const body = { ...change };
  if (change.start && change.start !== sh.start && (sh.breaks || []).length) {
    const delta = new Date(change.start) - new Date(sh.start);
    const move = (v) => new Date(new Date(v).getTime() + delta).toISOString();
    body.breaks = sh.breaks.map((b) => ({ ...b, start: move(b.start), end: move(b.end) }));
  }
  return body;
}

function isHard(v) {
  return !(v.hard === false || v.severity === 'soft' || v.kind === 'soft');
}

/**
 * violationList lists broken rules, each as the rule's name and the
 * server's message (already in the page's language); an empty list is
 * "no rule is broken" when showOk, else nothing.
 */
function violationList(list, showOk) {
  if (!list.length) return showOk ? h('p', { class: 'alert alert-ok' }, t('shift.no_violations')) : null;
  return h('ul', { class: 'violations' }, list.map((v) => h('li', { class: isHard(v) ? 'hard' : 'soft' },
    h('strong', {}, v.rule ? `${ruleLabel(v.rule)}: ` : ''), v.message || '')));
}

function kpi(label, value, cls = '') {
  const long = String(value).length > 14;
  return h('div', { class: `kpi ${cls}` }, h('div', { class: 'label' }, label), h('div', { class: `value${long ? ' small-value' : ''}` }, value));
}
export { kpi, violationList };
