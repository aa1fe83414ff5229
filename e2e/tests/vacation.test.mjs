// Vacation days: a lead gives an agent of the team 30 vacation days a
// year from 1 January in the Agents form (a value out of range is
// refused, named on its field); the agent sees 30 of 30 left, asks for a Monday–Friday week
// without public holidays, and sees the 5 days on the request and as
// asked for; the lead's approvals say 5 days and 25 left after approval;
// once approved, the agent has 25 left and 5 taken. Corrected to 3 days,
// the balance and a further day on the approvals are marked as over the
// entitlement. The numbers are GET /me/vacation's; the pages also read
// in German.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { audit, watch } from '../lib/check.mjs';

const demo = useDemo();
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';
const ZONE = 'Europe/Berlin'; // the demo site's zone (scheduling/demo)
const SITE = 'Berlin Friedrichshain'; // the demo site, region DE-BE
const DAY = 864e5;

const dayOf = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const plusDays = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * freeWeek is the first Monday after today (on the site's calendar) whose
 * Monday to Friday are no holiday of the site (holidays: GET
 * /sites/{id}/holidays of this year), within this year; null when the
 * year has no such week left.
 */
function freeWeek(holidays) {
  const today = dayOf(Date.now());
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const off = new Set(holidays.days.filter((d) => d.holiday).map((d) => d.date));
  for (let monday = plusDays(today, 7 - weekday); monday.startsWith(String(holidays.year)); monday = plusDays(monday, 7)) {
    const week = [0, 1, 2, 3, 4].map((i) => plusDays(monday, i));
    if (week.every((d) => d.startsWith(String(holidays.year)) && !off.has(d))) return week;
  }
  return null;
}

let agent; // the agent of the lead's team given 30 days (GET /agents/{id})
let holidays; // GET /sites/{id}/holidays of this year
let week; // the five days asked for, Monday first
let request; // the time-off request, as GET /time-off lists it

/** balance is the agent's page's balance line, once it reads as want (a string or a RegExp). */
async function balance(page, want) {
  const line = page.locator('.vacation-balance');
  await line.filter({ hasText: want }).waitFor();
  return (await line.innerText()).trim();
}

test('the lead gives an agent 30 vacation days a year in the Agents form', { timeout: 120_000 }, async (t) => {
  const { context, page, problems } = await session(LEAD);
  watch(page, problems);
  await page.goto(`${demo.base}/agents`);
  await page.locator('table tbody tr').first().waitFor();
  const team = await page.locator('select[name="team"]').inputValue();
  const thisYear = dayOf(Date.now()).slice(0, 4);
  // A full-timer with a login, employed the whole year: the entitlement is the contract's days.
  agent = (await call(page, 'GET', `/agents?team=${team}&limit=500`)).body.items.find((a) => a.email?.endsWith('@nordlicht.example') &&
    a.contract.kind === 'full_time' && !a.contract.fixed_days_off?.length && !a.leave_date && a.hire_date < `${thisYear}-01-01`);
  assert.ok(agent, 'the team has a full-timer employed all year');
  assert.equal(agent.contract.vacation_days ?? 0, 0, 'the demo keeps no vacation days');

  const site = (await call(page, 'GET', '/sites')).body.items.find((s) => s.name === SITE);
  holidays = (await call(page, 'GET', `/sites/${site.id}/holidays?year=${thisYear}`)).body;
  week = freeWeek(holidays);
  if (!week) {
    await context.close();
    t.skip(`no Monday–Friday without public holidays is left in ${thisYear}`);
    return;
  }

  await page.getByRole('button', { name: `Change ${agent.name}` }).click();
  let dlg = page.getByRole('dialog', { name: `Change ${agent.name}` });
  const days = dlg.getByLabel('Vacation days a year', { exact: true });
  assert.equal(await days.inputValue(), '0');
  assert.deepEqual(await days.evaluate((el) => [el.min, el.max, el.step]), ['0', '366', '0.5']);

  // Past the browser's own bound, the server refuses: named on the field, the dialog stays open.
  await days.evaluate((el) => el.removeAttribute('max'));
  await days.fill('400');
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.getByRole('alert').filter({ hasText: 'contract.vacation_days:' }).waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await audit(page), [], 'the form with the refusal has no accessibility violations');
  assert.equal((await call(page, 'GET', `/agents/${agent.id}`)).body.contract.vacation_days ?? 0, 0);

  // From 1 January: the year's entitlement is then the contract's 30
  // (from today, the year would count the former contract's 0 up to it).
  await days.fill('30');
  await dlg.getByLabel('Contract and rate hold from', { exact: true }).fill(`${thisYear}-01-01`);
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.waitFor({ state: 'detached' });
  const saved = (await call(page, 'GET', `/agents/${agent.id}`)).body;
  assert.equal(saved.contract.vacation_days, 30);
  assert.equal(saved.contract.weekly_hours, agent.contract.weekly_hours, 'the rest of the contract stays');
  assert.ok(!saved.contract_change, 'a change from a past day waits for nothing');
  await page.locator('tbody tr', { hasText: agent.name }).filter({ hasText: '30 vacation days a year' }).waitFor();

  // The form shows the agent's value when opened again.
  await page.getByRole('button', { name: `Change ${agent.name}` }).click();
  dlg = page.getByRole('dialog', { name: `Change ${agent.name}` });
  assert.equal(await dlg.getByLabel('Vacation days a year', { exact: true }).inputValue(), '30');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  await dlg.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the agent sees 30 of 30 left and asks for a week: 5 days on the request, 5 asked for', { timeout: 120_000 }, async (t) => {
  if (!week) return t.skip('no week to ask for');
  const { context, page, problems } = await session(agent.email);
  watch(page, problems);
  await page.goto(`${demo.base}/my/requests`);
  let v = (await call(page, 'GET', '/me/vacation')).body;
  assert.deepEqual([v.entitlement, v.approved, v.requested, v.remaining], [30, 0, 0, 30]);
  const year = v.year;
  assert.equal(await balance(page, '30 of 30'), `Vacation ${year}: 30 of 30 days left`);

  await page.getByLabel('First day').fill(week[0]);
  await page.getByLabel('Last day').fill(week[4]);
  await page.getByLabel('Kind').selectOption('vacation');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.locator('.alert-ok', { hasText: 'Request sent' }).first().waitFor();
  request = (await call(page, 'GET', '/time-off?limit=500')).body.items.find((x) => x.kind === 'vacation' && dayOf(Date.parse(x.start)) === week[0]);
  assert.ok(request, 'the request is stored');
  assert.equal(dayOf(Date.parse(request.end) - 1), week[4]);

  v = (await call(page, 'GET', '/me/vacation')).body;
  assert.deepEqual([v.entitlement, v.approved, v.requested, v.remaining], [30, 0, 5, 30]);
  assert.deepEqual(v.requests, [{ id: request.id, status: 'requested', days: 5 }]);
  assert.equal(await balance(page, 'asked for'), `Vacation ${year}: 30 of 30 days left · 5 asked for`);
  assert.equal((await page.locator(`li[data-time-off="${request.id}"] .vacation-days`).innerText()).trim(), '· 5 days');
  assert.deepEqual(await audit(page), [], 'the page with the balance has no accessibility violations');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the lead sees 5 days and 25 left after approval, in English and German, and approves', { timeout: 120_000 }, async (t) => {
  if (!request) return t.skip('no request to decide');
  for (const [lang, want] of [['de', '5 Tage · nach Genehmigung 25 übrig'], ['en', '5 days · 25 left after approval']]) {
    const { context, page, problems } = await session(LEAD, { lang });
    watch(page, problems);
    await page.goto(`${demo.base}/approvals?team=${encodeURIComponent(agent.team_id)}`);
    const item = page.locator(`li[data-time-off="${request.id}"]`);
    const effect = item.locator('.vacation-effect p');
    await effect.waitFor();
    assert.equal((await effect.innerText()).trim(), want);
    assert.equal(await item.locator('.vacation-effect .over').count(), 0, 'within the entitlement: not marked');
    await item.locator('.effect .alert').waitFor();
    assert.deepEqual(await audit(page), [], `the approvals (${lang}) have no accessibility violations`);
    if (lang === 'en') {
      await item.getByRole('button', { name: 'Approve' }).click();
      await item.locator('.decision .alert-ok').waitFor();
      assert.equal((await call(page, 'GET', `/agents/${agent.id}/vacation`)).body.approved, 5);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('once approved the agent has 25 left and 5 taken, in English and German', { timeout: 120_000 }, async (t) => {
  if (!request) return t.skip('no request decided');
  for (const [lang, left, days] of [['en', (y) => `Vacation ${y}: 25 of 30 days left · 5 taken`, '· 5 days'],
    ['de', (y) => `Urlaub ${y}: 25 von 30 Tagen übrig · 5 genommen`, '· 5 Tage']]) {
    const { context, page, problems } = await session(agent.email, { lang, width: lang === 'de' ? 360 : 1366 });
    watch(page, problems);
    await page.goto(`${demo.base}/my/requests`);
    const v = (await call(page, 'GET', '/me/vacation')).body;
    assert.deepEqual([v.entitlement, v.approved, v.requested, v.remaining], [30, 5, 0, 25]);
    assert.deepEqual(v.requests, [{ id: request.id, status: 'approved', days: 5 }]);
    assert.equal(await balance(page, lang === 'en' ? 'taken' : 'genommen'), left(v.year));
    assert.equal((await page.locator(`li[data-time-off="${request.id}"] .vacation-days`).innerText()).trim(), days);
    assert.deepEqual(await audit(page), [], `the agent's page (${lang}) has no accessibility violations`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a vacation past the entitlement is marked on the approvals and the agent\'s balance', { timeout: 120_000 }, async (t) => {
  if (!request) return t.skip('no request decided');
  // A working day of this year after the week, not a holiday.
  const off = new Set(holidays.days.filter((d) => d.holiday).map((d) => d.date));
  let day = plusDays(week[4], 3);
  while (day.startsWith(String(holidays.year)) && (off.has(day) || [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay()))) day = plusDays(day, 1);
  if (!day.startsWith(String(holidays.year))) return t.skip(`no working day left in ${holidays.year} after the week`);
  const lead = await session(LEAD);
  watch(lead.page, lead.problems);
  // The lead corrects the contract to 3 days from 1 January: the 5 approved are 2 over.
  const fixed = await call(lead.page, 'PATCH', `/agents/${agent.id}`, { contract: { ...agent.contract, vacation_days: 3 }, contract_from: `${holidays.year}-01-01` });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));

  // The agent asks for one day more, from midnight to midnight on the site's clock.
  const A = await session(agent.email);
  watch(A.page, A.problems);
  const midnight = (d) => [-1, -2].map((h) => Date.parse(`${d}T00:00:00Z`) + h * 3600e3).find((ms) => dayOf(ms) === d && dayOf(ms - 1) !== d);
  const asked = await call(A.page, 'POST', '/time-off', { start: new Date(midnight(day)).toISOString(), end: new Date(midnight(plusDays(day, 1))).toISOString(), kind: 'vacation' });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  await A.page.goto(`${demo.base}/my/requests`);
  const v = (await call(A.page, 'GET', '/me/vacation')).body;
  assert.deepEqual([v.entitlement, v.approved, v.requested, v.remaining], [3, 5, 1, -2]);
  assert.equal(await balance(A.page, 'over'), `Vacation ${v.year}: 2 over the 3 days of the year · 5 taken · 1 asked for`);
  assert.equal(await A.page.locator('.vacation-balance.over').count(), 1);
  assert.equal((await A.page.locator(`li[data-time-off="${asked.body.id}"] .vacation-days`).innerText()).trim(), '· 1 day');
  assert.deepEqual(await audit(A.page), [], 'the balance over the entitlement has no accessibility violations');
  assert.deepEqual(A.problems, []);
  await A.context.close();

  await lead.page.goto(`${demo.base}/approvals?team=${encodeURIComponent(agent.team_id)}`);
  const over = lead.page.locator(`li[data-time-off="${asked.body.id}"] .vacation-effect .over`);
  await over.waitFor();
  assert.equal((await over.innerText()).trim(), `Over the entitlement: 1 day · 3 over the 3 days of ${v.year} after approval`);
  assert.deepEqual(await audit(lead.page), [], 'the approvals with a vacation over the entitlement have no accessibility violations');
  assert.deepEqual(lead.problems, []);
  await lead.context.close();
});

test('the German agent form names the field and shows the agent\'s days', { timeout: 120_000 }, async (t) => {
  if (!agent) return t.skip('no agent');
  const { context, page, problems } = await session(LEAD, { lang: 'de' });
  watch(page, problems);
  await page.goto(`${demo.base}/agents?team=${encodeURIComponent(agent.team_id)}`);
  const days = (await call(page, 'GET', `/agents/${agent.id}`)).body.contract.vacation_days;
  await page.locator('tbody tr', { hasText: agent.name }).filter({ hasText: `${days} Urlaubstage im Jahr` }).waitFor();
  await page.locator('tbody tr', { hasText: agent.name }).getByRole('button').first().click();
  const dlg = page.locator('dialog[open]');
  assert.equal(await dlg.getByLabel('Urlaubstage im Jahr', { exact: true }).inputValue(), String(days));
  assert.deepEqual(await audit(page), [], 'the German agent form has no accessibility violations');
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});
