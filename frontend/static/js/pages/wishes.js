// Availability and wishes: when an agent cannot work (a hard rule for
// every roster) or would rather not (weighed against cover), and per day
// a wish for a day off or a particular shift. Agents keep their own; a
// lead opens an agent's from the Agents page (?agent=). Every change is
// saved at once: the API replaces the whole list.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, instant, fmtDay, fmtDateTime, setZone } from '../time.js';
import { loading, errorBox, field, select, busy, notice, pageHeader, colHead } from '../ui.js';

// Repeat a window weekly for at most this many weeks (a year).
const MAX_REPEAT = 52;

export async function render(root, { session }) {
  const agentId = new URLSearchParams(location.search).get('agent');
  const query = agentId ? { agent: agentId } : {};
  const windowsArea = h('section', {}, loading());
  const wishesArea = h('section', {}, loading());
  const head = pageHeader(t('wishes.title'));
  replace(root, head, windowsArea, wishesArea);

  // Templates of the agent's site, for wishing a particular shift.
  let templates = [];
  let name = ''; // the agent's, when a lead opened them: texts speak of them, not "you"
  try {
    let site = session.me.site?.id;
    if (agentId) {
      const agent = await api.get(`/agents/${agentId}`);
      name = data.agentName(agent);
      replace(head, pageHeader(t('wishes.title_of', { name }),
        h('a', { class: 'btn btn-quiet', href: `/agents?team=${encodeURIComponent(agent.team_id)}`, 'data-link': '' }, t('wishes.all_agents'))));
      site = (await api.get(`/teams/${agent.team_id}`)).site_id;
      // Windows are on the agent's site's clock.
      const zone = await data.zoneOfSite(site);
      if (zone) setZone(zone);
    }
    templates = await api.items('/shift-templates', site ? { site } : {}, 50);
  } catch (err) {
    replace(windowsArea, errorBox(err));
    replace(wishesArea);
    return;
  }
  const templateName = (id) => {
    const tp = templates.find((x) => String(x.id) === String(id));
    return tp ? `${tp.code} · ${tp.name || ''}`.trim() : id;
  };

  // --- When the agent cannot or would rather not work -------------------
  const availability = agentDocument('/availability', 'windows', query, windowsArea, () => drawWindows());
  const saveWindows = (next, message) => availability.save(next, message);

  function drawWindows() {
    const firstDay = h('input', { type: 'date', name: 'window_first_day', required: true, value: addDays(today(), 7) });
    const from = h('input', { type: 'time', name: 'window_from', required: true, value: '18:00' });
    const lastDay = h('input', { type: 'date', name: 'window_last_day', required: true, value: addDays(today(), 7) });
    const to = h('input', { type: 'time', name: 'window_to', required: true, value: '23:59' });
    const kind = select([{ value: 'hard', label: t('wishes.cannot') }, { value: 'soft', label: t('wishes.rather_not') }], 'hard', { name: 'window_kind' });
    const note = h('input', { type: 'text', name: 'window_note', maxlength: 2000 });
    const weeks = h('input', { type: 'number', name: 'repeat_weeks', min: 0, max: MAX_REPEAT, step: 1, value: 0 });
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('wishes.add_window'));
    const sorted = [...availability.list].sort((a, b) => a.start.localeCompare(b.start));
    const form = h('form', {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        replace(errors);
        const start = instant(firstDay.value, from.value);
        const end = instant(lastDay.value, to.value);
        const n = Number(weeks.value || 0);
        if (!(end > start) || !(n >= 0 && n <= MAX_REPEAT)) {
          replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t(end > start ? 'wishes.bad_repeat' : 'wishes.bad_window', { max: MAX_REPEAT })));
          return;
        }
        const added = [];
        for (let w = 0; w <= n; w++) {
          // Each week's window at the same local clock times (DST moves the instants).
          added.push({
            start: instant(addDays(firstDay.value, 7 * w), from.value).toISOString(),
            end: instant(addDays(lastDay.value, 7 * w), to.value).toISOString(),
            hard: kind.value === 'hard', note: note.value.trim(),
          });
        }
        submit.disabled = true;
        try {
          await saveWindows([...availability.list, ...added], t('wishes.window_added', { count: added.length }));
        } catch (err) {
          submit.disabled = false;
          replace(errors, errorBox(err));
        }
      },
    },
    h('p', { class: 'muted small' }, t('wishes.window_hint')),
    h('div', { class: 'inline' }, field(t('wishes.first_day'), firstDay), field(t('wishes.from'), from),
      field(t('wishes.last_day'), lastDay), field(t('wishes.to'), to)),
    h('div', { class: 'inline' }, field(t('wishes.kind'), kind), field(t('wishes.note'), note), field(t('wishes.repeat'), weeks, t('wishes.repeat_hint'))),
    errors, submit);
    replace(windowsArea, h('h2', {}, name ? t('wishes.windows_of', { name }) : t('wishes.windows')), form,
      sorted.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, [t('wishes.from'), t('wishes.to'), t('wishes.kind'), t('wishes.note'), ''].map(colHead))),
        h('tbody', {}, sorted.map((w) => h('tr', {},
          h('td', {}, fmtDateTime(w.start)), h('td', {}, fmtDateTime(w.end)),
          h('td', {}, t(w.hard ? 'wishes.cannot' : 'wishes.rather_not')), h('td', {}, w.note || '—'),
          h('td', {}, h('button', {
            type: 'button', class: 'btn btn-quiet',
            'aria-label': t('wishes.remove_window', { from: fmtDateTime(w.start) }),
            onclick: async () => {
              try {
                await saveWindows(availability.list.filter((x) => x !== w), t('wishes.removed'));
              } catch (err) {
                replace(errors, errorBox(err));
              }
            },
          }, t('wishes.remove')))))))) : h('p', { class: 'muted' }, name ? t('wishes.no_windows_of', { name }) : t('wishes.no_windows')));
  }

  // --- Wishes per day ----------------------------------------------------
  const preferences = agentDocument('/preferences', 'items', query, wishesArea, () => drawItems());
  const saveItems = (next, message) => preferences.save(next, message);

  const wishText = (p) => (p.off ? t('wishes.day_off') : p.template_id ? t('wishes.shift', { shift: templateName(p.template_id) }) : t('wishes.any_shift'));

  function drawItems() {
    const day = h('input', { type: 'date', name: 'wish_day', required: true, value: addDays(today(), 7) });
    const wish = select([
      { value: 'off', label: t('wishes.day_off') },
      { value: '', label: t('wishes.any_shift') },
      ...templates.map((tp) => ({ value: tp.id, label: t('wishes.shift', { shift: templateName(tp.id) }) })),
    ], 'off', { name: 'wish' });
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('wishes.add_wish'));
    const sorted = [...preferences.list].sort((a, b) => a.date.localeCompare(b.date));
    const form = h('form', {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        replace(errors);
        const item = { date: day.value, off: wish.value === 'off' };
        if (wish.value && wish.value !== 'off') item.template_id = wish.value;
        submit.disabled = true;
        try {
          // One wish per day: a new one replaces the day's old one.
          await saveItems([...preferences.list.filter((p) => p.date !== item.date), item], t('wishes.wish_added'));
        } catch (err) {
          submit.disabled = false;
          replace(errors, errorBox(err));
        }
      },
    },
    h('p', { class: 'muted small' }, t('wishes.wish_hint')),
    h('div', { class: 'inline' }, field(t('wishes.day'), day), field(t('wishes.wish'), wish)),
    errors, submit);
    replace(wishesArea, h('h2', {}, t('wishes.wishes')), form,
      sorted.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, [t('wishes.day'), t('wishes.wish'), ''].map(colHead))),
        h('tbody', {}, sorted.map((p) => h('tr', {},
          h('td', {}, fmtDay(p.date)), h('td', {}, wishText(p)),
          h('td', {}, h('button', {
            type: 'button', class: 'btn btn-quiet',
            'aria-label': t('wishes.remove_wish', { day: fmtDay(p.date) }),
            onclick: async () => {
              try {
                await saveItems(preferences.list.filter((x) => x !== p), t('wishes.removed'));
              } catch (err) {
                replace(errors, errorBox(err));
              }
            },
          }, t('wishes.remove')))))))) : h('p', { class: 'muted' }, t('wishes.no_wishes')));
  }

  await Promise.all([availability.load(), preferences.load()]);
}

/**
 * agentDocument is one of an agent's lists the API keeps whole (path's
 * body is {key: [...]}): load() fetches it and draws, save(next) replaces
 * it, tells the user and draws again; list is the last one read or saved.
 */
function agentDocument(path, key, query, area, draw) {
  const doc = {
    list: [],
    async load() {
      try {
        doc.list = (await api.get(path, query))[key] || [];
      } catch (err) {
        replace(area, errorBox(err, { retry: doc.load }));
        return;
      }
      draw();
    },
    async save(next, message) {
      await busy(api.put(path, { [key]: next }, { query }));
      doc.list = next;
      notice(message, 'ok');
      draw();
    },
  };
  return doc;
}
