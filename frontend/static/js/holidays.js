// A site's holiday calendar, shared by the Setup page (admins) and the
// Hours page (HR): the public holidays of its region for a year, which of
// them the site works as ordinary days, and the holidays of its own (such
// as Christmas Eve). Pay, the shifts' holiday marks, rosters and forecasts
// all follow this calendar.

import { h, replace } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { busy, dialog, errorBox, field, dataTable, loading } from './ui.js';
import { fmtDay } from './time.js';

// The years the API keeps a calendar for.
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

/** dayName is what a day is called: the site's name for it, else the region's. */
const dayName = (d) => d.name || d.public_name || d.date;

/** state says what a day is at the site. */
function state(d) {
  if (d.working) return t('holidays.state.working');
  if (d.own && d.from) return t('holidays.state.own_from', { from: d.from });
  if (d.own) return t('holidays.state.own');
  return t('holidays.state.public');
}

/**
 * editHolidays opens the holiday calendar of site {id, name} in a dialog,
 * at this year at the site.
 */
export function editHolidays(site) {
  let year = null;
  let seq = 0;
  const yearIn = h('input', { type: 'number', name: 'year', min: MIN_YEAR, max: MAX_YEAR, step: 1, inputmode: 'numeric' });
  const region = h('p', { class: 'muted small' });
  const table = h('div', {}, loading());
  const status = h('p', { class: 'small', role: 'status' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const dateIn = h('input', { type: 'date', name: 'date', required: true });
  const nameIn = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, placeholder: t('holidays.name_placeholder') });
  const fromIn = h('input', { type: 'time', name: 'from', step: 60 });
  const inputs = { date: dateIn, name: nameIn, from: fromIn };

  /** clearErrors takes the last refusal away, from the box and the fields. */
  function clearErrors() {
    replace(errors);
    for (const el of Object.values(inputs)) el.removeAttribute('aria-invalid');
  }

  /** refused shows the API's refusal with its fields named, marking the add form's fields it names. */
  function refused(err) {
    replace(errors, errorBox(err));
    for (const f of err?.fields || []) inputs[f.field]?.setAttribute('aria-invalid', 'true');
  }

  /**
   * load reads and shows the calendar of year y (null: this year at the
   * site); an answer overtaken by a later one is dropped.
   */
  async function load(y) {
    if (y !== null && (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)) {
      yearIn.value = year ?? ''; // the year shown stays
      return;
    }
    if (y !== null) yearIn.value = y;
    const mine = ++seq;
    let cal;
    try {
      cal = await busy(api.get(`/sites/${site.id}/holidays`, { year: y }));
    } catch (err) {
      if (mine === seq) replace(table, errorBox(err, { retry: () => load(y) }));
      return;
    }
    if (mine !== seq) return;
    year = cal.year;
    yearIn.value = cal.year;
    replace(region, cal.holiday_region ? t('holidays.region', { region: cal.holiday_region }) : t('holidays.no_region'));
    replace(table, dataTable([t('holidays.date'), t('holidays.name'), t('holidays.state'), ''], cal.days.map((d) => [
      h('time', { datetime: d.date }, fmtDay(d.date, { weekday: 'short', day: 'numeric', month: 'long' })),
      dayName(d), state(d), actions(d),
    ]), t('holidays.none', { year: cal.year })));
  }

  /**
   * change runs one change of the calendar, says what it did and reads the
   * year again. A row's button is drawn anew: focus goes to the new button
   * of its day (date), or to the year when the day has left the list.
   */
  async function change(run, done, date) {
    clearErrors();
    replace(status);
    try {
      await busy(run());
    } catch (err) {
      refused(err);
      return false;
    }
    replace(status, done);
    await load(year);
    if (date) (table.querySelector(`button[data-date="${date}"]`) || yearIn).focus();
    return true;
  }

  /** actions are a day's button: work a public holiday, make it a holiday again, or remove an own holiday. */
  function actions(d) {
    const name = dayName(d);
    const path = `/sites/${site.id}/holidays/${d.date}`;
    const button = (text, label, run, done) => h('button', {
      type: 'button', class: 'btn btn-quiet', dataset: { date: d.date }, 'aria-label': label, onclick: () => change(run, done, d.date),
    }, text);
    const who = `${name} (${d.date})`;
    if (d.working) {
      return button(t('holidays.restore'), t('holidays.restore_who', { name: who }), () => api.request('DELETE', path), t('holidays.restored', { name: who }));
    }
    if (d.own) {
      return button(t('setup.remove'), t('setup.remove_who', { name: who }), () => api.request('DELETE', path), t('setup.removed', { name: who }));
    }
    return button(t('holidays.work'), t('holidays.work_who', { name: who }), () => api.put(path, { working: true }), t('holidays.worked', { name: who }));
  }

  const addForm = h('form', {
    style: { padding: '0' },
    onsubmit: async (e) => {
      e.preventDefault();
      const date = dateIn.value;
      const name = nameIn.value.trim();
      const body = fromIn.value ? { name, from: fromIn.value } : { name };
      const added = await change(async () => {
        await api.put(`/sites/${site.id}/holidays/${date}`, body);
        // The calendar shown turns to the year of the day added.
        year = Number(date.slice(0, 4)) || year;
      }, t('holidays.added', { name: `${name} (${date})` }));
      if (added) {
        dateIn.value = '';
        nameIn.value = '';
        fromIn.value = '';
      }
    },
  },
  h('h3', {}, t('holidays.add_title')),
  h('div', { class: 'inline' }, field(t('holidays.date'), dateIn), field(t('holidays.name'), nameIn),
    field(t('holidays.from'), fromIn, t('holidays.from_hint')),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('holidays.add')))));

  yearIn.addEventListener('change', () => load(Number(yearIn.value)));
  const step = (n, label) => h('button', { type: 'button', class: 'btn', onclick: () => load(year + n) }, label);
  const dlg = dialog(t('holidays.title_who', { name: site.name }), h('div', { class: 'body' },
    h('p', { class: 'muted small' }, t('holidays.intro')),
    h('div', { class: 'inline' }, h('div', { class: 'field' }, step(-1, t('holidays.prev_year'))), field(t('holidays.year'), yearIn),
      h('div', { class: 'field' }, step(1, t('holidays.next_year')))),
    region, table, status, errors, addForm));
  // The table's four columns need more room than a form's dialog.
  dlg.el.style.width = 'min(94vw, 720px)';
  yearIn.focus();
  load(null);
  return dlg;
}
