// Dates and times in the site's IANA zone. Instants travel as RFC 3339
// strings; local calendar days are "YYYY-MM-DD" strings, and day arithmetic
// is done on those (never on the browser's own zone), so DST days in the
// site's zone come out as 23 or 25 hours automatically.

import { language } from './i18n.js';

let zone = 'UTC';
export function setZone(tz) { zone = tz || 'UTC'; }
export function siteZone() { return zone; }

const cache = new Map();
function fmt(opts) {
  const key = language() + zone + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language() === 'de' ? 'de-DE' : 'en-GB', { timeZone: zone, ...opts });
    cache.set(key, f);
  }
  return f;
}
function partsIn(date, tz) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const p = {};
  for (const { type, value } of f.formatToParts(date)) p[type] = value;
  return p;
}

const asDate = (v) => (v instanceof Date ? v : new Date(v));

/** localDay returns the site-local calendar day "YYYY-MM-DD" of an instant. */
export function localDay(v) {
  const p = partsIn(asDate(v), zone);
  return `${p.year}-${p.month}-${p.day}`;
}
/** localTime returns the site-local "HH:MM" of an instant. */
export function localTime(v) {
  const p = partsIn(asDate(v), zone);
  return `${p.hour}:${p.minute}`;
}
/** localMinutes returns minutes since local midnight of an instant. */
export function localMinutes(v) {
  const p = partsIn(asDate(v), zone);
  return Number(p.hour) * 60 + Number(p.minute);
}

function offsetMs(date, tz) {
  const p = partsIn(date, tz);
  const asUTC = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUTC - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * instant converts a site-local day and "HH:MM" to a Date, as the server's
 * scheduling.LocalTime does. A time that does not exist (spring-forward gap)
 * moves forward by the gap; an ambiguous one (fall-back) takes the earlier
 * instant. The offsets in force a day before and a day after each give a
 * candidate, valid when that offset is in force at it.
 */
export function instant(day, hhmm) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = offsetMs(new Date(wall - 86400000), zone);
  const after = offsetMs(new Date(wall + 86400000), zone);
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (offsetMs(new Date(t), zone) === wall - t) return new Date(t);
  }
  return new Date(wall - before);
}

/** addDays adds n calendar days to "YYYY-MM-DD". */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}
/** weekday: 0 = Monday … 6 = Sunday, for "YYYY-MM-DD". */
export function weekday(day) {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
/** mondayOf returns the Monday on or before day. */
export function mondayOf(day) { return addDays(day, -weekday(day)); }
/** today is the site-local day now. */
export function today() { return localDay(new Date()); }
/** days lists n days from start. */
export function days(start, n) { return Array.from({ length: n }, (_, i) => addDays(start, i)); }
/** dayDiff returns the number of days from a to b. */
export function dayDiff(a, b) {
  const pa = a.split('-').map(Number);
  const pb = b.split('-').map(Number);
  return Math.round((Date.UTC(pb[0], pb[1] - 1, pb[2]) - Date.UTC(pa[0], pa[1] - 1, pa[2])) / 86400000);
}

// Display helpers (site zone, current language).
const noonUTC = (day) => new Date(`${day}T12:00:00Z`);
function dayFmt(opts) {
  return new Intl.DateTimeFormat(language() === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', ...opts });
}
/** fmtDay shows a local day: "Mon 24 Nov". */
export function fmtDay(day, opts = { weekday: 'short', day: 'numeric', month: 'short' }) {
  return dayFmt(opts).format(noonUTC(day));
}
/** fmtDayLong shows "Monday, 24 November 2026". */
export function fmtDayLong(day) {
  return dayFmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(noonUTC(day));
}
/** fmtTime shows an instant's local time. */
export function fmtTime(v) { return fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(asDate(v)); }
/** fmtDateTime shows an instant's local date and time. */
export function fmtDateTime(v) {
  return fmt({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(asDate(v));
}
/** fmtRange shows "06:00–14:30" for a shift. */
export function fmtRange(a, b) { return `${fmtTime(a)}–${fmtTime(b)}`; }
/** hours between two instants. */
export function hoursBetween(a, b) { return (asDate(b) - asDate(a)) / 3600000; }
/** fmtNumber in the current language. */
export function fmtNumber(x, digits = 1) {
  return new Intl.NumberFormat(language() === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
}
export function fmtPercent(x, digits = 1) {
  return new Intl.NumberFormat(language() === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
}
