// An agent's My hours page: the month's paid hours and each category
// are those HR's hours report pays the agent (the same pay engine), the
// table lists the agent's paid shifts of the month, a month without
// published shifts shows the empty state, and the page speaks German
// when the app does; axe-core clean at 1366 and 360 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { audit, watch } from '../lib/check.mjs';

const ADMIN = 'admin@nordlicht.example';
const HR = 'hr@nordlicht.example';

// The cards in order, the hours before the money (myhours.js CARDS).
const FIGURES = ['paid_hours', 'regular_hours', 'night_hours', 'saturday_hours', 'sunday_hours', 'holiday_hours', 'overtime_hours', 'estimated_gross'];
const CATEGORIES = ['night_hours', 'saturday_hours', 'sunday_hours', 'holiday_hours', 'overtime_hours'];
const LABELS = {
  en: ['Paid hours', 'of which regular', 'of which night', 'of which Saturday', 'of which Sunday', 'of which holiday', 'of which overtime', 'Estimated gross'],
  de: ['Bezahlte Stunden', 'davon regulär', 'davon Nacht', 'davon Samstag', 'davon Sonntag', 'davon Feiertag', 'davon Überstunden', 'Geschätztes Brutto'],
};
const COLUMNS = {
  en: ['Day', 'Time', 'Paid h', 'Night h', 'Saturday h', 'Sunday h', 'Holiday h', 'Overtime h', 'Hourly rate'],
  de: ['Tag', 'Zeit', 'Bezahlt h', 'Nacht h', 'Samstag h', 'Sonntag h', 'Feiertag h', 'Überstunden h', 'Stundenlohn'],
};
const LOCALE = { en: 'en-GB', de: 'de-DE' };

// Who and which month, found once the demo runs (setUp below): the agent
// of the current month's HR report with the most kinds of hours, HR's
// row and shift rows of that agent, the site's zone, this month and the
// month before the current week's Monday (no published shift in the demo).
const shared = {};

const demo = useDemo(async ({ session }) => {
  const hr = await session(HR);
  const teams = (await call(hr.page, 'GET', '/teams')).body.items;
  const sites = (await call(hr.page, 'GET', '/sites')).body.items;
  const zone = sites.find((s) => String(s.id) === String(teams[0].site_id)).time_zone;
  const today = dayIn(new Date(), zone);
  const month = today.slice(0, 7);
  const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  let best = null;
  for (const team of teams.filter((tm) => sites.find((s) => String(s.id) === String(tm.site_id)).time_zone === zone)) {
    const rep = (await call(hr.page, 'GET', `/reports/hours?format=json&team=${team.id}&from=${month}-01&to=${addMonths(month, 1)}-01`)).body;
    for (const row of rep.agents) {
      const kinds = CATEGORIES.filter((k) => Number(row[k]) > 0).length;
      if (row.shifts > 0 && (!best || kinds > best.kinds)) best = { kinds, team, row, shifts: rep.shifts.filter((s) => s.agent_id === row.agent_id) };
    }
  }
  assert.ok(best, 'some agent has published shifts this month');
  const empty = addMonths(monday.slice(0, 7), -1);
  const before = (await call(hr.page, 'GET', `/reports/hours?format=json&team=${best.team.id}&from=${empty}-01&to=${addMonths(empty, 1)}-01`)).body;
  assert.ok(!before.shifts.length, `no published shift in ${empty}`);
  await hr.context.close();

  const admin = await session(ADMIN);
  const agent = (await call(admin.page, 'GET', `/agents?team=${best.team.id}&limit=500`)).body.items.find((a) => a.id === best.row.agent_id);
  await admin.context.close();
  Object.assign(shared, { zone, month, empty, email: agent.email, row: best.row, shifts: best.shifts });
});
const { session } = demo;

/** dayIn is the local day "YYYY-MM-DD" of an instant in zone. */
const dayIn = (v, zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(v));
function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
/** monthsBetween counts the months from a to b ("YYYY-MM"). */
function monthsBetween(a, b) {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + mb - ma;
}

// How the page writes a month, a day, a time and a figure in lang.
const monthName = (month, lang) => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-01T12:00:00Z`));
const dayName = (day, lang) => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${day}T12:00:00Z`));
const clock = (v, zone, lang) => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(v));
const num = (v, lang) => new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v));
const dash = (v, lang) => (Number(v) ? num(v, lang) : '—');

/** shown waits until the page has drawn month and reads its heading, cards, table and empty state. */
async function shown(page, month, lang) {
  await page.locator('main h2.month', { hasText: monthName(month, lang) }).waitFor();
  await page.waitForFunction(() => !document.querySelector('main .loading'));
  return page.locator('main .page-myhours').evaluate((root) => ({
    title: root.querySelector('h1')?.textContent,
    month: root.querySelector('h2.month')?.textContent,
    cards: [...root.querySelectorAll('dl.kpis .kpi')].map((k) => [k.dataset.figure, k.querySelector('dt').textContent, k.querySelector('dd').textContent]),
    note: root.querySelector('.gross-note')?.textContent || '',
    columns: [...root.querySelectorAll('table thead th')].map((th) => th.textContent),
    rows: [...root.querySelectorAll('table tbody tr')].map((tr) => [tr.dataset.shift, ...[...tr.querySelectorAll('th, td')].map((c) => c.textContent)]),
    total: [...root.querySelectorAll('table tfoot td')].map((c) => c.textContent),
    empty: root.querySelector('.empty')?.textContent || null,
  }));
}

/** expected is what the page should show for HR's row and shift rows of the agent, in lang. */
function expected(lang) {
  const { row, shifts, zone } = shared;
  const byStart = shifts.slice().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return {
    cards: FIGURES.map((k, i) => [k, LABELS[lang][i], num(row[k], lang)]),
    columns: COLUMNS[lang],
    rows: byStart.map((s) => [s.shift_id, dayName(dayIn(s.start, zone), lang), `${clock(s.start, zone, lang)}–${clock(s.end, zone, lang)}`,
      num(s.paid_hours, lang), ...CATEGORIES.map((k) => dash(s[k], lang)), num(s.hourly_rate, lang)]),
    total: [lang === 'de' ? 'Summe' : 'Total', '', num(row.paid_hours, lang), ...CATEGORIES.map((k) => dash(row[k], lang)), ''],
  };
}

test('an agent sees on My hours exactly the hours HR\'s report pays them this month, shift by shift', { timeout: 180_000 }, async () => {
  const { context, page, problems } = await session(shared.email);
  watch(page, problems);
  await page.waitForURL(/\/my\/schedule/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My hours', exact: true }).click();
  await page.waitForURL(/\/my\/hours/);
  const got = await shown(page, shared.month, 'en');
  assert.equal(new URL(page.url()).searchParams.get('month'), shared.month, 'the month is in the address');
  assert.equal(await page.getByRole('link', { name: 'My hours', exact: true }).getAttribute('aria-current'), 'page');

  // The agent's own API agrees with HR's report figure by figure.
  const mine = (await call(page, 'GET', `/me/hours?from=${shared.month}-01&to=${addMonths(shared.month, 1)}-01`)).body;
  assert.equal(mine.agents.length, 1);
  for (const k of [...FIGURES, 'non_regular_hours', 'shifts', 'shift_hours']) assert.equal(mine.agents[0][k], shared.row[k], k);
  assert.deepEqual(mine.shifts.map((s) => s.shift_id).sort(), shared.shifts.map((s) => s.shift_id).sort());

  const want = expected('en');
  assert.equal(got.title, 'My hours');
  assert.equal(got.month, monthName(shared.month, 'en'));
  assert.deepEqual(got.cards, want.cards, 'the cards show HR\'s figures');
  assert.match(got.note, /estimate before tax/);
  assert.match(got.note, /published shifts/);
  assert.match(got.note, /hourly rate of its day/);
  assert.deepEqual(got.columns, want.columns);
  assert.equal(got.rows.length, mine.shifts.length, 'a row for each of the API\'s shift rows');
  assert.deepEqual(got.rows, want.rows, 'each shift with HR\'s figures');
  assert.deepEqual(got.total, want.total);
  assert.equal(got.empty, null);
  // Every column heading and every shift's day are headings of the table.
  assert.equal(await page.locator('main table thead th[scope="col"]').count(), COLUMNS.en.length);
  assert.equal(await page.locator('main table tbody th[scope="row"]').count(), mine.shifts.length);
  assert.equal(await page.getByRole('region', { name: `Shifts in ${monthName(shared.month, 'en')}` }).count(), 1);

  assert.deepEqual(await audit(page), [], 'My hours at 1366 px has no accessibility violations');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a month without published shifts shows the empty state, and reloading keeps the month', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(shared.email);
  watch(page, problems);
  await page.goto(`${demo.base}/my/hours`);
  await shown(page, shared.month, 'en');
  for (let i = monthsBetween(shared.empty, shared.month); i > 0; i--) {
    await page.getByRole('button', { name: 'Previous month', exact: true }).click();
    await shown(page, addMonths(shared.empty, i - 1), 'en');
  }
  const mine = (await call(page, 'GET', `/me/hours?from=${shared.empty}-01&to=${addMonths(shared.empty, 1)}-01`)).body;
  assert.equal(mine.shifts.length, 0);
  assert.ok(mine.agents.every((r) => r.shifts === 0));
  const emptyText = `No paid shifts in ${monthName(shared.empty, 'en')}: only shifts of published rosters count.`;
  let got = await shown(page, shared.empty, 'en');
  assert.equal(got.empty, emptyText);
  assert.deepEqual([got.cards, got.rows], [[], []]);
  assert.equal(new URL(page.url()).searchParams.get('month'), shared.empty);

  await page.reload();
  got = await shown(page, shared.empty, 'en');
  assert.equal(got.empty, emptyText, 'a reload stays on the month');
  await page.getByRole('button', { name: 'Next month', exact: true }).click();
  await shown(page, addMonths(shared.empty, 1), 'en');
  await page.getByRole('button', { name: 'This month', exact: true }).click();
  got = await shown(page, shared.month, 'en');
  assert.equal(got.rows.length, shared.shifts.length);
  assert.deepEqual(problems, []);
  await context.close();
});

test('My hours in German at 360 px', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(shared.email, { lang: 'de', width: 360 });
  watch(page, problems);
  await page.waitForURL(/\/my\/schedule/);
  await page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('link', { name: 'Meine Stunden', exact: true }).click();
  await page.waitForURL(/\/my\/hours/);
  const got = await shown(page, shared.month, 'de');
  const want = expected('de');
  assert.equal(got.title, 'Meine Stunden');
  assert.equal(got.month, monthName(shared.month, 'de'));
  assert.deepEqual(got.cards, want.cards);
  assert.match(got.note, /Schätzung vor Steuern/);
  assert.deepEqual(got.columns, want.columns);
  assert.deepEqual(got.rows, want.rows);
  assert.deepEqual(got.total, want.total);
  await page.getByRole('button', { name: 'Vorheriger Monat', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Nächster Monat', exact: true }).waitFor();
  assert.deepEqual(await audit(page), [], 'My hours in German at 360 px has no accessibility violations');

  await page.goto(`${demo.base}/my/hours?month=${shared.empty}`);
  const none = await shown(page, shared.empty, 'de');
  assert.equal(none.empty, `Keine bezahlten Schichten im ${monthName(shared.empty, 'de')}: Es zählen nur Schichten veröffentlichter Dienstpläne.`);
  assert.deepEqual(await audit(page), [], 'the empty month in German at 360 px has no accessibility violations');
  assert.deepEqual(problems, []);
  await context.close();
});
