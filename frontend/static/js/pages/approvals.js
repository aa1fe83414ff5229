// Approvals for team leads: time-off and swap requests, each with its
// effect on coverage (the intervals that would fall below the requirement)
// and the rules a swap would break, before deciding; a vacation with the
// days it takes and what the agent would have left of the year's.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, localDay, fmtDay, fmtRange, setZone } from '../time.js';
import { loading, errorBox, field, select, busy, notice, pageHeader } from '../ui.js';
import { violationList } from './roster.js';
import { fmtDays, daysText } from '../vacation.js';

export async function render(root, { session }) {
  const q = new URLSearchParams(location.search);
  const body = h('div', {}, loading());
  replace(root, pageHeader(t('approvals.title')), body);
  let teams;
  try { teams = await data.teams(session.me.user); } catch (err) { replace(body, errorBox(err)); return; }
  if (!teams.length) { replace(body, h('p', {}, t('roster.no_teams'))); return; }
  let team = q.get('team') || String(teams[0].id);
  const teamSel = select(teams.map((tm) => ({ value: tm.id, label: tm.name })), team, { onchange: (e) => { team = e.target.value; load(); } });
  const main = h('div', {});
  replace(body, h('div', { class: 'toolbar' }, field(t('roster.team'), teamSel)), main);

  // Rosters (with shifts and coverage) loaded once per team for the effects.
  let rosters = [];
  async function rostersAround(from, to) {
    const list = await data.rostersFor(team, from, to);
    const out = [];
    for (const r of list) {
      let full = rosters.find((x) => x.id === r.id);
      if (!full) { full = await data.roster(r.id); rosters.push(full); }
      out.push(full);
    }
    return out;
  }

  async function load() {
    history.replaceState({}, '', `${location.pathname}?team=${encodeURIComponent(team)}`);
    rosters = [];
    replace(main, loading());
    try {
      // Days and times on the clock of the team's site, not the lead's own.
      const zone = await data.zoneOfTeam(team).catch(() => '');
      if (zone) setZone(zone);
      const [timeOff, swaps, agents] = await busy(Promise.all([
        api.items('/time-off', { status: 'requested', team }),
        api.items('/swaps', { team }),
        data.agents(team).catch(() => []),
      ]));
      const names = new Map(agents.map((a) => [String(a.id), data.agentName(a)]));
      const nameOf = (id, fallback) => fallback || names.get(String(id)) || id;
      const pendingTO = timeOff.filter((x) => x.status === 'requested' || !x.status);
      // Each agent's vacation of a year, asked once per render.
      const balances = new Map();
      const balanceOf = (agent, year) => {
        const key = `${agent}/${year}`;
        if (!balances.has(key)) balances.set(key, api.get(`/agents/${encodeURIComponent(agent)}/vacation`, { year }));
        return balances.get(key);
      };
      const pendingSw = swaps.filter((s) => s.status === 'accepted' || s.status === 'proposed');
      const toList = h('ul', { class: 'approval-list' });
      const swList = h('ul', { class: 'approval-list' });
      replace(main,
        h('h2', {}, t('approvals.time_off'), ' ', h('span', { class: 'badge' }, String(pendingTO.length))),
        pendingTO.length ? toList : h('p', { class: 'muted' }, t('approvals.none_time_off')),
        h('h2', {}, t('approvals.swaps'), ' ', h('span', { class: 'badge' }, String(pendingSw.length))),
        pendingSw.length ? swList : h('p', { class: 'muted' }, t('approvals.none_swaps')));
      for (const x of pendingTO) toList.append(timeOffItem(x, nameOf, balanceOf));
      for (const s of pendingSw) swList.append(swapItem(s, nameOf));
    } catch (err) {
      replace(main, errorBox(err, { retry: load }));
    }
  }

  /**
   * decisionButtons offers Approve and Decline on path; only Decline when
   * canApprove is false (a swap the colleague has not accepted yet, which
   * the server does not let a lead approve).
   */
  function decisionButtons(path, onDone, { canApprove = true } = {}) {
    const out = h('div', { 'aria-live': 'polite', class: 'decision' });
    const approve = h('button', { type: 'button', class: 'btn btn-primary' }, t('approvals.approve'));
    const decline = h('button', { type: 'button', class: 'btn btn-danger' }, t('approvals.decline'));
    // The keyboard keeps its place: on the outcome once the buttons are
    // gone, back on the button pressed when the request failed.
    out.tabIndex = -1;
    const act = async (verb) => {
      const pressed = verb === 'approve' ? approve : decline;
      approve.disabled = true; decline.disabled = true;
      try {
        const res = await busy(api.post(`${path}/${verb}`));
        onDone(verb, res, out);
        out.focus();
      } catch (err) {
        approve.disabled = false; decline.disabled = false;
        replace(out, errorBox(err));
        pressed.focus();
      }
    };
    approve.addEventListener('click', () => act('approve'));
    decline.addEventListener('click', () => act('decline'));
    return { buttons: h('div', { class: 'buttons' }, canApprove ? approve : null, decline), out, approve };
  }

  function timeOffItem(x, nameOf, balanceOf) {
    const effect = h('div', { class: 'effect' }, loading(t('approvals.computing')));
    const { buttons, out } = decisionButtons(`/time-off/${x.id}`, (verb, res) => {
      notice(t(verb === 'approve' ? 'approvals.approved' : 'approvals.declined'), 'ok');
      // The approval cancels the shifts the absence covers whole; those it
      // overlaps in part are the lead's to shorten.
      const affected = res?.affected_shifts || [];
      const cancelled = affected.filter((sh) => sh.status === 'cancelled').length;
      const partial = affected.length - cancelled;
      replace(out, h('div', { class: `alert ${verb === 'approve' ? 'alert-ok' : 'alert-warn'}` },
        t(verb === 'approve' ? 'approvals.approved' : 'approvals.declined'),
        verb === 'approve' && affected.length ? [
          cancelled ? [' ', t('approvals.resolve', { n: cancelled })] : null,
          partial ? [' ', t('approvals.partial', { n: partial })] : null, ' ',
          h('a', { href: `/roster?team=${encodeURIComponent(team)}&from=${localDay(x.start)}&view=week`, 'data-link': '' }, t('approvals.open_roster'))] : null));
      buttons.remove();
    });
    const lastDay = localDay(new Date(new Date(x.end).getTime() - 1));
    const vacation = x.kind === 'vacation' ? h('div', { class: 'vacation-effect' }) : null;
    const li = h('li', { class: 'card', dataset: { timeOff: x.id } },
      h('p', {}, h('strong', {}, nameOf(x.agent_id, x.agent_name)), ' · ', t(`timeoff.kind_${x.kind}`), ' · ',
        `${fmtDay(localDay(x.start))} – ${fmtDay(lastDay)}`),
      vacation, x.reason ? h('p', { class: 'muted' }, `“${x.reason}”`) : null,
      effect, buttons, out);
    if (vacation) {
      vacationEffect(x, balanceOf).then((el) => replace(vacation, el))
        .catch((err) => replace(vacation, h('p', { class: 'muted small' }, t('vacation.unknown', { error: err.message }))));
    }
    timeOffEffect(x).then((el) => replace(effect, el)).catch((err) => replace(effect, h('p', { class: 'muted small' }, t('approvals.effect_unknown', { error: err.message }))));
    return li;
  }

  /**
   * vacationEffect says what vacation x takes of the agent's year and what
   * would be left after approving it: "3 days · 22 left after approval",
   * marked when it goes over the entitlement. The year is that of the
   * first day: a vacation across New Year is rare, and its days in the
   * next year are left out here (that year's balance counts them).
   */
  async function vacationEffect(x, balanceOf) {
    const v = await balanceOf(x.agent_id, Number(localDay(x.start).slice(0, 4)));
    const days = v.requests?.find((r) => String(r.id) === String(x.id))?.days || 0;
    if (!(v.entitlement > 0)) return h('p', { class: 'muted' }, t('vacation.not_kept', { days: daysText(days) }));
    // The request is pending: the remaining days do not count it yet.
    const left = Math.round((v.remaining - days) * 10) / 10;
    if (left >= 0) return h('p', {}, t('vacation.after', { days: daysText(days), left: fmtDays(left) }));
    return h('p', { class: 'over' }, h('strong', {}, t('vacation.over_mark')), ' ',
      t('vacation.after_over', { days: daysText(days), over: fmtDays(-left), entitlement: fmtDays(v.entitlement), year: v.year }));
  }

  async function timeOffEffect(x) {
    const from = localDay(x.start);
    const to = localDay(new Date(new Date(x.end).getTime() - 1));
    const rs = await rostersAround(addDays(from, -1), addDays(to, 1));
    const s0 = new Date(x.start).getTime();
    const s1 = new Date(x.end).getTime();
    const shifts = [];
    let below = 0;
    let total = 0;
    for (const r of rs) {
      for (const sh of r.shifts || []) {
        if (String(sh.agent_id) !== String(x.agent_id) || sh.status === 'cancelled') continue;
        const a = new Date(sh.start).getTime();
        const b = new Date(sh.end).getTime();
        if (b <= s0 || a >= s1) continue;
        shifts.push(sh);
        for (const c of r.coverage || []) {
          const ct = new Date(c.start).getTime();
          if (ct < a || ct >= b) continue;
          if (sh.queue_id && c.queue_id && String(c.queue_id) !== String(sh.queue_id)) continue;
          total += 1;
          if (Number(c.scheduled) - 1 < Number(c.required)) below += 1;
        }
      }
    }
    if (!shifts.length) return h('p', { class: 'alert alert-ok' }, t('approvals.no_shifts_affected'));
    return h('div', { class: `alert ${below ? 'alert-warn' : 'alert-ok'}` },
      h('p', {}, t('approvals.shifts_affected', { n: shifts.length }), ' ',
        shifts.slice(0, 6).map((sh) => `${fmtDay(localDay(sh.start))} ${fmtRange(sh.start, sh.end)}`).join(', ')),
      h('p', {}, total ? t('approvals.under_after', { below, total }) : t('approvals.no_coverage')));
  }

  function swapItem(s, nameOf) {
    const effect = h('div', { class: 'effect' }, loading(t('approvals.computing')));
    const { buttons, out, approve } = decisionButtons(`/swaps/${s.id}`, (verb) => {
      notice(t(verb === 'approve' ? 'approvals.approved' : 'approvals.declined'), 'ok');
      replace(out, h('div', { class: `alert ${verb === 'approve' ? 'alert-ok' : 'alert-warn'}` }, t(verb === 'approve' ? 'approvals.approved' : 'approvals.declined')));
      buttons.remove();
    }, { canApprove: s.status === 'accepted' });
    const li = h('li', { class: 'card', dataset: { swap: s.id } },
      h('p', {}, h('strong', {}, nameOf(s.from_agent_id, s.from_agent_name)), ' → ', h('strong', {}, nameOf(s.with_agent_id, s.with_agent_name)), ' ',
        h('span', { class: `badge ${s.status}` }, t(`status.${s.status}`))),
      s.status === 'proposed' ? h('p', { class: 'muted small' }, t('approvals.not_accepted_yet')) : null,
      effect, buttons, out);
    swapEffect(s, nameOf).then(({ el, stale }) => {
      replace(effect, el);
      // The server approves only a swap whose shifts are as they were offered.
      if (stale) approve.remove();
    }).catch((err) => replace(effect, h('p', { class: 'muted small' }, t('approvals.effect_unknown', { error: err.message }))));
    return li;
  }

  /**
   * swapEffect describes what swap s would change, and whether it is stale:
   * a shift of it edited, cancelled or given to someone else since it was
   * proposed (shift_version, their_shift_version).
   */
  async function swapEffect(s, nameOf) {
    const rs = await rostersAround(today(), addDays(today(), 92));
    const find = (id) => {
      for (const r of rs) { const sh = (r.shifts || []).find((x) => String(x.id) === String(id)); if (sh) return { r, sh }; }
      return null;
    };
    const mine = find(s.shift_id);
    const theirs = s.their_shift_id ? find(s.their_shift_id) : null;
    // Not in the rosters looked at (a shift months ahead): the server decides.
    if (!mine) return { el: h('p', { class: 'muted small' }, t('approvals.shift_not_found')), stale: false };
    const lines = [h('p', {}, t('approvals.swap_gives', {
      from: nameOf(s.from_agent_id, s.from_agent_name), to: nameOf(s.with_agent_id, s.with_agent_name),
      shift: `${fmtDay(localDay(mine.sh.start))} ${fmtRange(mine.sh.start, mine.sh.end)}`,
    }))];
    if (theirs) {
      lines.push(h('p', {}, t('approvals.swap_back', { shift: `${fmtDay(localDay(theirs.sh.start))} ${fmtRange(theirs.sh.start, theirs.sh.end)}` })));
    }
    const changed = (x, version, owner) => x.sh.status === 'cancelled' || String(x.sh.agent_id) !== String(owner) ||
      Boolean(version && x.sh.version !== version);
    if (changed(mine, s.shift_version, s.from_agent_id) || (theirs && changed(theirs, s.their_shift_version, s.with_agent_id))) {
      return { el: h('div', { class: 'alert alert-warn effect-box' }, lines, h('p', {}, t('approvals.swap_changed'))), stale: true };
    }
    const sameTimes = theirs && theirs.sh.start === mine.sh.start && theirs.sh.end === mine.sh.end;
    lines.push(h('p', {}, !theirs || sameTimes ? t('approvals.swap_headcount_same') : t('approvals.swap_headcount_moves')));
    // The rules the colleague (and the proposer) would break after the swap.
    const checks = [api.post(`/rosters/${mine.r.id}/check`, { id: mine.sh.id, agent_id: s.with_agent_id }).then((r) => r?.violations || [])];
    if (theirs) checks.push(api.post(`/rosters/${theirs.r.id}/check`, { id: theirs.sh.id, agent_id: s.from_agent_id }).then((r) => r?.violations || []));
    try {
      // Checked one move at a time, an exchange always "overlaps" the shift
      // that leaves in return; that is not a broken rule.
      const v = (await Promise.all(checks)).flat().filter((x) => !(theirs && x.rule === 'overlap'));
      lines.push(v.length ? violationList(v, false) : h('p', {}, t('shift.no_violations')));
    } catch { /* the check is advisory */ }
    return { el: h('div', { class: 'alert alert-ok effect-box' }, lines), stale: false };
  }

  await load();
}

