// "Generate roster": create or pick the draft for a team and period, run
// the solver as a job with a live progress bar, then show KPIs and the
// diff against the draft as it was, and publish.

import { h, replace } from '../dom.js';
import { t, has } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, mondayOf, fmtDay, fmtRange, fmtNumber, fmtPercent, localDay, setZone } from '../time.js';
import { loading, errorBox, field, select, busy, progress, notice, pageHeader, scrollBox } from '../ui.js';
import { kpi } from './roster.js';

export async function render(root, { session }) {
  const q = new URLSearchParams(location.search);
  const body = h('div', {}, loading());
  replace(root, pageHeader(t('generate.title')), body);
  let teams;
  try { teams = await data.teams(session.me.user); } catch (err) { replace(body, errorBox(err)); return; }
  if (!teams.length) { replace(body, h('p', {}, t('roster.no_teams'))); return; }

  const controller = new AbortController();
  const teamSel = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), q.get('team') || teams[0].id, { name: 'team' });
  const start = mondayOf(q.get('from') || addDays(today(), 7));
  const startIn = h('input', { type: 'date', name: 'period_start', value: start, required: true });
  const weeksSel = select([1, 2, 4, 6].map((w) => ({ value: w, label: t('generate.weeks', { n: w }) })), 4, { name: 'weeks' });
  const limitIn = h('input', { type: 'number', name: 'time_limit', min: 1, max: 600, value: 20, required: true, inputmode: 'numeric' });
  const runBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('generate.run'));
  const existing = h('div', { 'aria-live': 'polite' });
  const out = h('div', {});

  // A roster's period_end is the day after its last day.
  const period = () => ({ from: startIn.value, to: addDays(startIn.value, Number(weeksSel.value) * 7 - 1), end: addDays(startIn.value, Number(weeksSel.value) * 7) });

  async function showExisting() {
    replace(existing);
    // Periods and shifts are on the team's site's clock.
    const zone = await data.zoneOfTeam(teamSel.value).catch(() => '');
    if (zone) setZone(zone);
    if (!startIn.value) return;
    const { from, to, end } = period();
    try {
      const list = await data.rostersFor(teamSel.value, from, to);
      const same = list.filter((r) => r.period_start === from && r.period_end === end);
      const others = list.filter((r) => !same.includes(r));
      replace(existing,
        same.length ? h('p', { class: 'muted' }, t('generate.existing', {
          list: same.map((r) => `${t(`status.${r.status}`)} v${r.version ?? ''}`).join(', '),
        })) : null,
        // A team's rosters do not overlap: another roster over some of
        // these days must go (a draft) or be solved over its own dates.
        others.length ? h('div', { class: 'alert alert-warn', role: 'status' }, t('generate.overlap'),
          h('ul', {}, others.map((r) => h('li', {}, `${fmtDay(r.period_start)} – ${fmtDay(data.lastDay(r))} · ${t(`status.${r.status}`)} `,
            r.status === 'draft' && !r.published_at
              ? h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => removeDraft(r) }, t('generate.delete_draft'))
              : null)))) : null);
    } catch { /* shown when generating */ }
  }

  async function removeDraft(r) {
    try {
      await busy(api.request('DELETE', `/rosters/${r.id}`));
      data.forget();
      notice(t('generate.deleted'), 'ok');
      showExisting();
    } catch (err) {
      replace(existing, errorBox(err));
    }
  }
  for (const el of [teamSel, startIn, weeksSel]) el.addEventListener('change', showExisting);

  const form = h('form', {
    class: 'card',
    onsubmit: async (e) => {
      e.preventDefault();
      if (!startIn.value) { startIn.focus(); return; }
      runBtn.disabled = true;
      try { await generate(); } finally { runBtn.disabled = false; }
    },
  },
  h('p', { class: 'muted' }, t('generate.intro')),
  h('div', { class: 'inline' },
    field(t('roster.team'), teamSel),
    field(t('generate.period_start'), startIn),
    field(t('generate.length'), weeksSel),
    field(t('generate.time_limit'), limitIn, t('generate.time_limit_hint')),
    runBtn),
  existing);
  replace(body, form, out);
  showExisting();

  let resultArea = null;
  async function generate() {
    const { from, to, end } = period();
    const prog = progress(t('generate.progress'));
    const statusLine = h('p', { class: 'muted' }, t('generate.preparing'));
    resultArea = h('div', {});
    replace(out, h('div', { class: 'card' }, statusLine, prog.el), resultArea);
    try {
      // The team's roster for exactly this period (a published one is
      // solved again, gently), or a new draft. A roster covering part of
      // the period makes the server refuse a new one, with its dates.
      const list = await busy(data.rostersFor(teamSel.value, from, to));
      let draft = list.find((r) => r.period_start === from && r.period_end === end);
      if (!draft) {
        draft = await busy(api.post('/rosters', { team_id: teamSel.value, period_start: from, period_end: end }));
      }
      let roster = await data.roster(draft.id);
      const before = roster.version;
      const hadShifts = (roster.shifts || []).length > 0;
      statusLine.textContent = t('generate.solving', { period: `${fmtDay(from)} – ${fmtDay(to)}` });
      const limit = Number(limitIn.value) || 20;
      const job = await api.post(`/rosters/${roster.id}/solve`, { time_limit_seconds: limit });
      const started = Date.now();
      prog.set(0, t('status.queued'));
      // The bar moves with the clock between the solver's progress reports.
      let last = {};
      let status = 'queued';
      const show = () => {
        const elapsed = Math.max(last.elapsed_seconds ?? 0, (Date.now() - started) / 1000);
        prog.set(status === 'succeeded' ? 1 : Math.min(0.99, elapsed / limit), t('generate.progress_text', {
          score: typeof last.best_score === 'number' ? fmtNumber(last.best_score, 0) : '—',
          elapsed: fmtNumber(elapsed, 1),
          gap: typeof last.gap === 'number' && last.gap >= 0 ? fmtPercent(last.gap) : '—',
          hard: last.hard_violations ?? '—',
        }));
      };
      const ticker = setInterval(() => { if (status === 'running') show(); }, 500);
      let final;
      try {
        final = await api.watchJob(job.job_id || job.id, (j) => {
          status = j?.status || status;
          if (j?.progress && Object.keys(j.progress).length) last = j.progress;
          show();
        }, { signal: controller.signal });
      } finally {
        clearInterval(ticker);
      }
      if (final.status === 'failed') throw Object.assign(new Error(final.error || t('generate.failed')), { status: -1 });
      const k = final.result?.kpis || {};
      status = 'succeeded';
      last = { ...last, best_score: final.result?.objective ?? last.best_score, elapsed_seconds: final.result?.elapsed_seconds ?? last.elapsed_seconds, gap: k.gap, hard_violations: k.hard_violations ?? last.hard_violations };
      show();
      roster = await busy(data.roster(roster.id));
      statusLine.textContent = t('generate.done');
      await showResult(roster, hadShifts ? before : null, final);
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(resultArea || out, err.status === -1 ? h('div', { class: 'alert alert-error', role: 'alert' }, t('generate.failed'), ' ', err.message) : errorBox(err));
    }
  }

  async function showResult(roster, beforeVersion, job) {
    const kpis = { ...(job?.result?.kpis || {}), ...(roster.kpis || {}) };
    const diffArea = h('div', {}, loading());
    const pubArea = h('div', { 'aria-live': 'polite' });
    const publishBtn = h('button', {
      type: 'button', class: 'btn btn-primary', disabled: roster.status !== 'draft' || hard(kpis) > 0 ? true : null,
      onclick: async () => {
        publishBtn.disabled = true;
        try {
          await busy(api.request('POST', `/rosters/${roster.id}/publish`, { ifMatch: roster.version }));
          replace(pubArea, h('div', { class: 'alert alert-ok', role: 'status' }, t('generate.published'), ' ',
            h('a', { href: `/roster?team=${encodeURIComponent(roster.team_id)}&from=${mondayOf(roster.period_start)}&roster=${roster.id}`, 'data-link': '' }, t('generate.view_roster'))));
          notice(t('generate.published'), 'ok');
        } catch (err) {
          publishBtn.disabled = false;
          replace(pubArea, err.status === 412 ? h('div', { class: 'alert alert-warn', role: 'alert' }, t('generate.publish_conflict')) : errorBox(err));
        }
      },
    }, t('generate.publish'));
    replace(resultArea,
      h('div', { class: 'card result' },
        h('h2', {}, t('generate.result')),
        h('p', {}, h('span', { class: `badge ${roster.status}` }, t(`status.${roster.status}`)), ' ',
          t('roster.period', { from: fmtDay(roster.period_start), to: fmtDay(data.lastDay(roster)) }), ' · ',
          t('roster.version', { v: roster.version ?? '' }), ' · ', t('generate.shift_count', { n: (roster.shifts || []).length })),
        kpiGrid(kpis),
        h('div', { class: 'page-head' }, h('h3', {}, t('generate.diff')), h('div', { class: 'actions' }, publishBtn,
          h('a', { class: 'btn', href: `/roster?team=${encodeURIComponent(roster.team_id)}&from=${mondayOf(roster.period_start)}&roster=${roster.id}`, 'data-link': '' }, t('generate.view_roster')))),
        hard(kpis) > 0 ? h('div', { class: 'alert alert-warn' }, t('generate.hard_block')) : null,
        pubArea, diffArea));
    if (beforeVersion === null || beforeVersion === undefined || String(beforeVersion) === String(roster.version)) {
      replace(diffArea, h('p', { class: 'muted' }, beforeVersion === null ? t('generate.diff_new', { n: (roster.shifts || []).length }) : t('generate.diff_none')));
      return;
    }
    try {
      const diff = await busy(api.get(`/rosters/${roster.id}/diff`, { from: beforeVersion, to: roster.version }));
      replace(diffArea, diffView(diff));
    } catch (err) {
      replace(diffArea, errorBox(err));
    }
  }
  return () => controller.abort();
}

function hard(kpis) {
  const v = kpis.hard_violations ?? kpis.hard ?? 0;
  return Number(v) || 0;
}

/**
 * kpiGrid shows the headline KPIs — cover, cost with premiums, fairness,
 * service level, hard violations — and every other figure the server
 * sends under "All figures".
 */
function kpiGrid(kpis) {
  const num = (k) => (typeof kpis[k] === 'number' ? kpis[k] : null);
  const cards = [];
  const shown = new Set();
  const use = (...keys) => keys.forEach((k) => shown.add(k));
  if (num('required_hours') > 0 && num('under_hours') !== null) {
    const cover = 1 - num('under_hours') / num('required_hours');
    cards.push(kpi(t('kpi.cover'), fmtPercent(cover), cover < 0.9 ? 'bad' : 'good'));
  } else if (num('cover') !== null) {
    cards.push(kpi(t('kpi.cover'), fmtPercent(num('cover'))));
    use('cover');
  }
  if (num('cost') !== null) {
    cards.push(kpi(t('kpi.cost'), fmtNumber(num('cost'), 0)));
    use('cost');
  }
  if (num('premium_cost') !== null) {
    cards.push(kpi(t('kpi.premium_cost'), fmtNumber(num('premium_cost'), 0)));
    use('premium_cost');
  }
  if (['night_spread', 'weekend_spread', 'holiday_spread'].some((k) => num(k) !== null)) {
    cards.push(kpi(t('kpi.fairness_spread'), ['night_spread', 'weekend_spread', 'holiday_spread'].map((k) => fmtNumber(num(k) ?? 0, 0)).join(' / ')));
    use('night_spread', 'weekend_spread', 'holiday_spread');
  } else if (num('fairness') !== null) {
    cards.push(kpi(t('kpi.fairness'), fmtNumber(num('fairness'), 2)));
    use('fairness');
  }
  if (num('service_level') !== null) {
    cards.push(kpi(t('kpi.service_level'), num('service_level') >= 0 ? fmtPercent(num('service_level')) : '—'));
    use('service_level');
  }
  if (num('hard_violations') !== null) {
    cards.push(kpi(t('kpi.hard_violations'), fmtNumber(num('hard_violations'), 0), num('hard_violations') === 0 ? 'good' : 'bad'));
    use('hard_violations');
  }
  const rest = Object.entries(kpis).filter(([k, v]) => typeof v === 'number' && !shown.has(k));
  if (!cards.length && !rest.length) return h('p', { class: 'muted' }, t('generate.no_kpis'));
  return h('div', {},
    h('div', { class: 'kpis' }, cards),
    rest.length ? h('details', { class: 'all-kpis' }, h('summary', {}, t('generate.all_figures')),
      h('table', {}, h('tbody', {}, rest.map(([k, v]) => h('tr', {},
        h('th', { scope: 'row' }, has(`kpi.${k}`) ? t(`kpi.${k}`) : k.replace(/_/g, ' ')),
        h('td', { class: 'num' }, k === 'gap' ? (v >= 0 ? fmtPercent(v) : '—') : fmtNumber(v, Number.isInteger(v) ? 0 : 2))))))) : null);
}

/**
 * normalise pairs a re-solve's removed and added shifts: the same agent and
 * times is no change; the same agent and day is a changed shift.
 */
function normalise(diff) {
  let added = [...(diff?.added || [])];
  let removed = [...(diff?.removed || [])];
  const changed = [...(diff?.changed || [])];
  const exact = (x) => `${x.agent_id}|${Date.parse(x.start)}|${Date.parse(x.end)}`;
  const same = new Set(added.map(exact));
  const gone = new Set(removed.map(exact));
  added = added.filter((x) => !gone.has(exact(x)));
  removed = removed.filter((x) => !same.has(exact(x)));
  const byDay = (x) => `${x.agent_id}|${localDay(x.start)}`;
  const open = new Map();
  for (const r of removed) { const k = byDay(r); if (!open.has(k)) open.set(k, []); open.get(k).push(r); }
  const stillAdded = [];
  for (const a of added) {
    const before = open.get(byDay(a))?.shift();
    if (before) changed.push({ before, after: a }); else stillAdded.push(a);
  }
  return { added: stillAdded, removed: [...open.values()].flat(), changed };
}

function diffView(raw) {
  const { added, removed, changed } = normalise(raw);
  if (!added.length && !removed.length && !changed.length) return h('p', { class: 'muted' }, t('generate.diff_none'));
  const desc = (sh) => sh ? `${sh.agent_name || sh.agent_id} · ${fmtDay(localDay(sh.start))} ${fmtRange(sh.start, sh.end)} ${sh.template_code || ''}` : '';
  const rows = [
    ...added.map((sh) => ['added', '', desc(sh)]),
    ...removed.map((sh) => ['removed', desc(sh), '']),
    ...changed.map((c) => ['changed', desc(c.before), desc(c.after)]),
  ];
  const table = (list) => scrollBox(t('generate.diff'), h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, t('generate.change')), h('th', {}, t('generate.before')), h('th', {}, t('generate.after')))),
    h('tbody', {}, list.map(([kind, b, a]) => h('tr', { class: kind },
      h('td', {}, t(`generate.${kind}`)), h('td', { class: 'removed-cell' }, b), h('td', {}, a))))));
  return h('div', { class: 'diff' },
    h('p', {}, t('generate.diff_counts', { added: added.length, removed: removed.length, changed: changed.length })),
    table(rows.slice(0, 20)),
    rows.length > 20 ? h('details', {}, h('summary', {}, t('generate.diff_more', { n: rows.length - 20 })), table(rows.slice(20))) : null);
}

