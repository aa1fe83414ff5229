// An agent's requests: ask for time off, propose a shift swap to a
// colleague and accept one offered to them. Where the contract keeps
// vacation days, the page shows this year's balance and the days each
// vacation takes.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, localDay, instant, fmtDay, fmtRange, fmtDateTime } from '../time.js';
import { fmtDays, daysText, balanceText } from '../vacation.js';
import { loading, errorBox, errorText, field, select, busy, notice, pageHeader } from '../ui.js';

const KINDS = ['vacation', 'sick', 'training', 'other'];

export async function render(root, { session }) {
  const me = session.me.user;
  const timeOffArea = h('div', {});
  const swapArea = h('div', {});
  replace(root, pageHeader(t('requests.title')),
    h('div', { class: 'grid-2' },
      h('div', {}, h('h2', {}, t('timeoff.title')), timeOffArea),
      h('div', {}, h('h2', {}, t('swaps.title')), swapArea)));

  // --- Time off -----------------------------------------------------------
  async function drawTimeOff(message) {
    const first = h('input', { type: 'date', name: 'first_day', required: true, value: addDays(today(), 14) });
    const last = h('input', { type: 'date', name: 'last_day', required: true, value: addDays(today(), 14) });
    const kind = select(KINDS.map((k) => ({ value: k, label: t(`timeoff.kind_${k}`) })), 'vacation', { name: 'kind' });
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 500 });
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('timeoff.submit'));
    const listArea = h('div', {}, loading());
    const balanceArea = h('div', {});
    const form = h('form', {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        replace(errors);
        if (!first.value || !last.value || last.value < first.value) {
          replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('timeoff.bad_range')));
          (first.value ? last : first).focus();
          return;
        }
        submit.disabled = true;
        try {
          await busy(api.post('/time-off', {
            start: instant(first.value, '00:00').toISOString(),
            end: instant(addDays(last.value, 1), '00:00').toISOString(),
            kind: kind.value, reason: reason.value.trim(),
          }));
          notice(t('timeoff.sent'), 'ok');
          drawTimeOff(t('timeoff.sent'));
        } catch (err) {
          submit.disabled = false;
          replace(errors, errorBox(err));
        }
      },
    },
    message ? h('div', { class: 'alert alert-ok', role: 'status', tabindex: '-1' }, message) : null,
    h('div', { class: 'inline' }, field(t('timeoff.first_day'), first), field(t('timeoff.last_day'), last)),
    field(t('timeoff.kind'), kind),
    field(t('timeoff.reason'), reason, t('timeoff.reason_hint')),
    errors, submit);
    replace(timeOffArea, balanceArea, form, h('h3', {}, t('timeoff.mine')), listArea);
    // Redrawn after a step, the button pressed is gone: the keyboard goes on from its outcome.
    if (message) form.querySelector('[role=status]').focus();
    try {
      const [all, vacation] = await Promise.all([api.items('/time-off'), vacationOf(me)]);
      const list = all.filter((x) => !x.agent_id || !me.agent_id || String(x.agent_id) === String(me.agent_id));
      list.sort((a, b) => new Date(b.start) - new Date(a.start));
      // This year's balance, where the contract keeps vacation days.
      const year = vacation.get(null);
      replace(balanceArea, year?.entitlement > 0 ? h('p', { class: `card vacation-balance${year.remaining < 0 ? ' over' : ''}` }, balanceText(year)) : null);
      const takes = await vacationDays(list, vacation);
      // A request not yet decided can be taken back.
      const withdraw = async (x) => {
        try {
          await busy(api.post(`/time-off/${x.id}/withdraw`));
          notice(t('timeoff.withdrawn'), 'ok');
          drawTimeOff(t('timeoff.withdrawn'));
        } catch (err) {
          notice(errorText(err), 'error');
        }
      };
      replace(listArea, list.length ? h('ul', { class: 'shift-list' }, list.map((x) => {
        const days = `${fmtDay(localDay(x.start))} – ${fmtDay(localDay(new Date(new Date(x.end).getTime() - 1)))}`;
        const n = takes(x);
        return h('li', { dataset: { timeOff: x.id } },
          h('span', { class: 'day' }, t(`timeoff.kind_${x.kind}`)),
          h('span', {}, days, n === null ? null : h('span', { class: 'vacation-days' }, ` · ${daysText(n)}`)),
          h('span', { class: `badge ${x.status}` }, t(`status.${x.status}`)),
          x.status === 'requested' ? h('button', {
            type: 'button', class: 'btn', 'aria-label': t('timeoff.withdraw_which', { days }), onclick: () => withdraw(x),
          }, t('timeoff.withdraw')) : null);
      }))
        : h('p', { class: 'muted' }, t('timeoff.none')));
    } catch (err) {
      replace(listArea, errorBox(err));
    }
  }

  // --- Swaps ----------------------------------------------------------------
  async function drawSwaps(message) {
    replace(swapArea, loading());
    try {
      const from = today();
      const to = addDays(from, 28);
      const [myShiftsRes, swaps, team] = await busy(Promise.all([
        api.items('/me/shifts', { from, to }),
        api.items('/swaps'),
        teamShifts(me, from, to),
      ]));
      const myShifts = myShiftsRes
        .filter((sh) => sh.status !== 'cancelled' && new Date(sh.start) > new Date())
        .sort((a, b) => new Date(a.start) - new Date(b.start));
      const names = new Map(team.colleagues.map((c) => [c.id, c.name]));
      const shiftById = new Map([...team.shifts, ...myShifts].map((sh) => [String(sh.id), sh]));
      const shiftText = (id) => {
        const sh = shiftById.get(String(id));
        return sh ? `${fmtDay(localDay(sh.start))} ${fmtRange(sh.start, sh.end)}` : t('swaps.a_shift');
      };
      const nameOf = (id, fallback) => fallback || names.get(String(id)) || t('swaps.colleague');

      const incoming = swaps.filter((s) => String(s.with_agent_id) === String(me.agent_id));
      const outgoing = swaps.filter((s) => String(s.from_agent_id) === String(me.agent_id) || (!s.from_agent_id && String(s.with_agent_id) !== String(me.agent_id)));

      // Propose form.
      const errors = h('div', { 'aria-live': 'assertive' });
      const shiftSel = select([{ value: '', label: t('swaps.pick_shift') }, ...myShifts.map((sh) => ({ value: sh.id, label: `${fmtDay(localDay(sh.start))} ${fmtRange(sh.start, sh.end)} ${sh.template_code || ''}` }))], '', { name: 'shift', required: true });
      const colleagues = team.colleagues.filter((c) => c.id !== String(me.agent_id));
      const withSel = select([{ value: '', label: t('swaps.pick_colleague') }, ...colleagues.map((c) => ({ value: c.id, label: c.name }))], '', { name: 'with', required: true });
      const theirSel = select([{ value: '', label: t('swaps.give_away') }], '', { name: 'their_shift' });
      // A swap exchanges shifts of one roster: the colleague's shifts on
      // offer are those of the roster of the shift picked.
      const fillTheirs = () => {
        const mine = myShifts.find((sh) => String(sh.id) === shiftSel.value);
        const theirs = team.shifts.filter((sh) => String(sh.agent_id) === withSel.value && sh.status !== 'cancelled' &&
          new Date(sh.start) > new Date() && (!mine || String(sh.roster_id) === String(mine.roster_id)))
          .sort((a, b) => new Date(a.start) - new Date(b.start));
        replace(theirSel, [{ value: '', label: t('swaps.give_away') }, ...theirs.map((sh) => ({ value: sh.id, label: `${fmtDay(localDay(sh.start))} ${fmtRange(sh.start, sh.end)}` }))]
          .map((o) => h('option', { value: o.value }, o.label)));
      };
      withSel.addEventListener('change', fillTheirs);
      shiftSel.addEventListener('change', fillTheirs);
      const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('swaps.propose'));
      const form = h('form', {
        class: 'card',
        onsubmit: async (e) => {
          e.preventDefault();
          replace(errors);
          if (!shiftSel.value || !withSel.value) {
            replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('swaps.missing')));
            (shiftSel.value ? withSel : shiftSel).focus();
            return;
          }
          submit.disabled = true;
          try {
            await busy(api.post('/swaps', { shift_id: shiftSel.value, with_agent_id: withSel.value, their_shift_id: theirSel.value || undefined }));
            notice(t('swaps.proposed'), 'ok');
            drawSwaps(t('swaps.proposed'));
          } catch (err) {
            submit.disabled = false;
            replace(errors, errorBox(err));
          }
        },
      },
      message ? h('div', { class: 'alert alert-ok', role: 'status', tabindex: '-1' }, message) : null,
      myShifts.length ? [
        field(t('swaps.my_shift'), shiftSel),
        field(t('swaps.with'), withSel),
        field(t('swaps.their_shift'), theirSel, t('swaps.their_shift_hint')),
        errors, submit] : h('p', { class: 'muted' }, t('swaps.no_shifts')));

      // verb is accept, or decline (the colleague's no, or the proposer
      // taking the offer back before the lead decides); buttons are the
      // item's, off while the answer is on its way.
      const answer = async (sw, verb, buttons, done) => {
        const pressed = document.activeElement;
        for (const b of buttons) b.disabled = true;
        try {
          await busy(api.post(`/swaps/${sw.id}/${verb}`));
          notice(done, 'ok');
          drawSwaps(done);
        } catch (err) {
          for (const b of buttons) b.disabled = false;
          // A shift of it changed since the offer: Accept goes, No stays,
          // and the item says why.
          if (err.code === 'swap_changed' && verb === 'accept') {
            const li = buttons[0].closest('li');
            buttons[0].remove();
            li.querySelector('.swap-what').append(h('span', { class: 'muted small' }, ` · ${t('swaps.changed')}`));
            buttons[1].focus();
          } else {
            pressed?.focus?.();
          }
          notice(errorText(err), 'error');
        }
      };
      replace(swapArea, form,
        h('h3', {}, t('swaps.incoming')),
        incoming.length ? h('ul', { class: 'shift-list swaps-in' }, incoming.map((sw) => {
          const from = nameOf(sw.from_agent_id, sw.from_agent_name);
          const btn = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => answer(sw, 'accept', [btn, no], t('swaps.accepted')) }, t('swaps.accept'));
          const no = h('button', {
            type: 'button', class: 'btn', 'aria-label': t('swaps.decline_which', { name: from, shift: shiftText(sw.shift_id) }),
            onclick: () => answer(sw, 'decline', [btn, no], t('swaps.declined')),
          }, t('swaps.decline'));
          return h('li', { dataset: { swap: sw.id } },
            h('span', { class: 'day' }, from),
            h('span', { class: 'swap-what' }, t('swaps.offers', { shift: shiftText(sw.shift_id) }), sw.their_shift_id ? ` ${t('swaps.for_yours', { shift: shiftText(sw.their_shift_id) })}` : ''),
            // Until the lead decides, the colleague may still say no.
            sw.status === 'proposed' ? h('span', { class: 'buttons' }, btn, no)
              : h('span', { class: 'buttons' }, h('span', { class: `badge ${sw.status}` }, t(`status.${sw.status}`)), sw.status === 'accepted' ? no : null));
        })) : h('p', { class: 'muted' }, t('swaps.none_in')),
        h('h3', {}, t('swaps.outgoing')),
        outgoing.length ? h('ul', { class: 'shift-list swaps-out' }, outgoing.map((sw) => {
          const to = nameOf(sw.with_agent_id, sw.with_agent_name);
          // Open until the lead decides: the proposer may take it back.
          const open = sw.status === 'proposed' || sw.status === 'accepted';
          const back = open ? h('button', {
            type: 'button', class: 'btn', 'aria-label': t('swaps.withdraw_which', { name: to, shift: shiftText(sw.shift_id) }),
            onclick: () => answer(sw, 'decline', [back], t('swaps.withdrawn')),
          }, t('swaps.withdraw')) : null;
          return h('li', { dataset: { swap: sw.id } },
            h('span', { class: 'day' }, to),
            h('span', {}, shiftText(sw.shift_id), sw.created_at ? h('span', { class: 'muted small' }, ` · ${fmtDateTime(sw.created_at)}`) : ''),
            h('span', { class: 'buttons' }, h('span', { class: `badge ${sw.status}` }, t(`status.${sw.status}`)), back));
        })) : h('p', { class: 'muted' }, t('swaps.none_out')));
      if (message) form.querySelector('[role=status]').focus();
    } catch (err) {
      replace(swapArea, errorBox(err, { retry: () => drawSwaps() }));
    }
  }

  await Promise.all([drawTimeOff(), drawSwaps()]);
}

/**
 * vacationOf is the caller's vacation of this year at the site (GET
 * /me/vacation), as a map from year to balance holding it under its year
 * and under null; empty for a login without an agent or when not known.
 */
async function vacationOf(me) {
  const out = new Map();
  if (!me.agent_id) return out;
  try {
    const v = await api.get('/me/vacation');
    out.set(null, v).set(Number(v.year), v);
  } catch { /* the requests still show, without the balance */ }
  return out;
}

/**
 * vacationDays returns takes(x): the working days vacation x takes, summed
 * over the years it spans (requests[].days of GET /me/vacation?year=, each
 * year asked once and kept in byYear), or null for other kinds and where
 * a year is not known.
 */
async function vacationDays(list, byYear) {
  if (!byYear.size) return () => null;
  const yearsOf = (x) => {
    const a = Number(localDay(x.start).slice(0, 4));
    const b = Number(localDay(new Date(new Date(x.end).getTime() - 1)).slice(0, 4));
    return Array.from({ length: Math.max(1, b - a + 1) }, (_, i) => a + i);
  };
  const vacations = list.filter((x) => x.kind === 'vacation');
  const missing = [...new Set(vacations.flatMap(yearsOf))].filter((y) => !byYear.has(y));
  await Promise.all(missing.map(async (y) => {
    try {
      byYear.set(y, await api.get('/me/vacation', { year: y }));
    } catch { /* that year's days stay unknown */ }
  }));
  return (x) => {
    if (x.kind !== 'vacation') return null;
    let n = 0;
    for (const y of yearsOf(x)) {
      const v = byYear.get(y);
      if (!v) return null;
      // A vacation that takes no working day of the year is not listed.
      n += v.requests?.find((r) => String(r.id) === String(x.id))?.days || 0;
    }
    return n;
  };
}

/**
 * teamShifts finds colleagues and their published shifts: from the team's
 * published rosters (names and times), plus the agents list for anyone
 * but an agent (the server does not let agents list agents).
 */
async function teamShifts(me, from, to) {
  const colleagues = new Map();
  const shifts = [];
  let teamIds = me.team_ids || [];
  if (!teamIds.length && me.agent_id) {
    try {
      const self = await api.get(`/agents/${me.agent_id}`);
      if (self?.team_id) teamIds = [self.team_id];
    } catch { /* without a team there is nobody to swap with */ }
  }
  for (const team of teamIds) {
    try {
      const rosters = (await api.items('/rosters', { team, from, to })).filter((r) => r.status === 'published');
      for (const r of rosters) {
        const full = await data.roster(r.id);
        for (const sh of full.shifts || []) {
          shifts.push({ ...sh, roster_id: r.id });
          if (sh.agent_name) colleagues.set(String(sh.agent_id), { id: String(sh.agent_id), name: sh.agent_name });
        }
      }
    } catch { /* not allowed or none: the agents list may still help */ }
    if (me.role === 'agent') continue;
    try {
      for (const a of await api.items('/agents', { team })) colleagues.set(String(a.id), { id: String(a.id), name: data.agentName(a) });
    } catch { /* not allowed: the rosters' names have to do */ }
  }
  return { colleagues: [...colleagues.values()].sort((a, b) => a.name.localeCompare(b.name)), shifts };
}
