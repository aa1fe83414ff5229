// A sick call on the roster board: the lead opens a shift of this week
// that has not begun, asks the shift dialog who could take it over
// ("Find cover"), reads the team's other agents in the API's order (their
// week's hours, overtime marked, those who would break a rule set apart
// with the rule named and no button), gives the shift to the first who
// breaks nothing, and the API shows it theirs. In German the dialog says
// the same in German.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { screenshot } from '../lib/browser.mjs';
import { audit, watch } from '../lib/check.mjs';

const demo = useDemo(async () => {
  const lead = await session(LEAD);
  plan = await setUp(lead.page);
  await lead.context.close();
});
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';
const ZONE = 'Europe/Berlin'; // the demo site's zone (scheduling/demo)
const H = 3600e3;
const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../frontend/static/i18n/${lang}.json`, import.meta.url), 'utf8'));
const MESSAGES = { en: catalogue('en'), de: catalogue('de') };

let plan; // { roster, en: shift, de: shift }: this week's roster and a shift for each test, each with a colleague free to take it

const dayOf = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));

/**
 * setUp finds, through the API, this week's published roster of the
 * lead's team and two of its shifts that start later than now, on two
 * days, each worked at the same times on the same queue by a colleague
 * (who has the queue's skills, then). The demo's solver leaves nobody
 * free for a shift of the week (everyone already works or rests then), so
 * the colleague's own shift that day is cancelled (forced: their week may
 * fall short of its minimum hours): they are free for it, the rest of the
 * team still is not.
 */
async function setUp(page) {
  const me = (await call(page, 'GET', '/me')).body;
  const team = me.user.team_ids[0];
  const today = dayOf(Date.now());
  const res = await call(page, 'GET', `/rosters?team=${team}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const list = res.body.items;
  const found = list.find((r) => r.status === 'published' && r.period_start <= today && today < r.period_end);
  assert.ok(found, `the demo publishes this week's roster of team ${team}: ${JSON.stringify(list)}`);
  const roster = (await call(page, 'GET', `/rosters/${found.id}`)).body;
  const soon = Date.now() + H;
  const active = roster.shifts.filter((s) => s.status === 'active');
  const pairs = active.filter((s) => Date.parse(s.start) > soon)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((s) => [s, active.find((x) => x.agent_id !== s.agent_id && x.start === s.start && x.end === s.end && x.queue_id === s.queue_id)])
    .filter(([, twin]) => twin);
  const first = pairs[0];
  const second = first && pairs.find(([s, twin]) => dayOf(Date.parse(s.start)) !== dayOf(Date.parse(first[0].start))
    && ![s.agent_id, twin.agent_id].some((id) => [first[0].agent_id, first[1].agent_id].includes(id)));
  assert.ok(first && second, `two shifts of this week after now, on two days, each worked at the same times by another agent (${pairs.length} found)`);
  for (const [, twin] of [first, second]) {
    const res = await call(page, 'PATCH', `/rosters/${roster.id}/shifts/${twin.id}?force=true`, { status: 'cancelled' }, { 'If-Match': `"${twin.version}"` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  for (const [shift, twin] of [first, second]) {
    const { items } = (await call(page, 'GET', `/rosters/${roster.id}/shifts/${shift.id}/candidates`)).body;
    const them = items.find((c) => c.agent_id === twin.agent_id);
    assert.deepEqual(them?.violations, [], `${twin.agent_name} may take ${shift.agent_name}'s shift once theirs is cancelled: ${JSON.stringify(them)}`);
  }
  return { roster, en: first[0], de: second[0] };
}

/** candidates asks the API who could take shift over, the messages in lang. */
async function candidates(page, shift, lang) {
  return (await answer(page, shift, lang)).items;
}

/** answer is the API's whole answer: the candidates and giver_violations. */
async function answer(page, shift, lang) {
  const res = await call(page, 'GET', `/rosters/${plan.roster.id}/shifts/${shift.id}/candidates`, undefined, { 'Accept-Language': lang });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.shift_id, shift.id);
  return res.body;
}

/**
 * shown reads the dialog's candidates in order: agent id, name, hours,
 * whether overtime is marked, the broken rules as shown ("Label: message"),
 * the names of their buttons, and whether they are among those set apart.
 */
function shown(dlg) {
  return dlg.locator('.cover li[data-agent]').evaluateAll((lis) => lis.map((li) => ({
    agent: li.dataset.agent,
    name: li.querySelector('.who strong').innerText.trim(),
    hours: li.querySelector('.who .small').innerText.trim(),
    overtime: Boolean(li.querySelector('.badge.overtime')),
    rules: [...li.querySelectorAll('.violations li')].map((v) => v.innerText.trim()),
    buttons: [...li.querySelectorAll('button')].map((b) => b.innerText.trim()),
    apart: Boolean(li.closest('ul.blocked')),
  })));
}

/** expected is what the dialog should show of the API's candidates in lang. */
function expected(items, lang) {
  const de = lang === 'de';
  const num = (x) => new Intl.NumberFormat(de ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(x);
  const rule = (code) => MESSAGES[lang][`rule.${code}`] || code;
  return items.map((c) => ({
    agent: c.agent_id,
    name: c.name,
    hours: de ? `${num(c.week_hours)} Std. diese Woche von ${num(c.contract_hours)} Std.` : `${num(c.week_hours)} h this week of ${num(c.contract_hours)} h`,
    overtime: c.overtime,
    rules: c.violations.map((v) => `${rule(v.rule)}: ${v.message}`),
    buttons: c.violations.length ? [] : [de ? `An ${c.name} geben` : `Give to ${c.name}`],
    apart: c.violations.length > 0,
  }));
}

/** openShift opens the roster board on the plan's week and the dialog of shift. */
async function openShift(page, shift, title) {
  await page.goto(`${demo.base}/roster?team=${plan.roster.team_id}&roster=${plan.roster.id}&from=${plan.roster.period_start}&view=week`);
  await page.locator(`table.board .chip[data-shift="${shift.id}"]`).click();
  const dlg = page.getByRole('dialog', { name: title });
  await dlg.waitFor();
  return dlg;
}

test('the lead finds cover for a shift and gives it to the first colleague who breaks no rule by it', { timeout: 180_000 }, async (t) => {
  const { context, page, problems } = await session(LEAD);
  watch(page, problems);
  const shift = plan.en;
  const dlg = await openShift(page, shift, `Shift of ${shift.agent_name}`);
  const items = await candidates(page, shift, 'en');
  const free = items.filter((c) => !c.violations.length);
  const blocked = items.filter((c) => c.violations.length);
  assert.ok(free.length >= 1, `someone may take the shift: ${JSON.stringify(items.map((c) => c.name))}`);
  assert.ok(blocked.length >= 1, 'someone would break a rule by it');
  assert.ok(!items.some((c) => c.agent_id === shift.agent_id), 'the shift\'s own agent is no candidate');

  await dlg.getByRole('button', { name: 'Find cover', exact: true }).click();
  await dlg.getByRole('heading', { name: 'Who can take this shift?', exact: true }).waitFor();
  await dlg.getByRole('heading', { name: `May take it (${free.length})`, exact: true }).waitFor();
  await dlg.getByRole('heading', { name: `Would break a rule (${blocked.length})`, exact: true }).waitFor();
  assert.equal(await dlg.getByRole('status').filter({ hasText: 'May take it:' }).innerText(), `May take it: ${free.length}. Would break a rule: ${blocked.length}.`);

  // The same agents in the same order as the API, those who would break a
  // rule set apart with the rule by its name (no code) and no button.
  const got = await shown(dlg);
  assert.deepEqual(got.map((c) => c.name), items.map((c) => c.name));
  assert.deepEqual(got, expected(items, 'en'));
  assert.ok(got.filter((c) => c.apart).every((c) => c.rules.length && c.rules.every((r) => !/^[a-z_]+:/.test(r))), 'rules named, not coded');
  assert.ok(got.some((c) => c.rules.some((r) => r.startsWith('Overlap: '))), 'an overlap is named "Overlap"');
  assert.ok(got.some((c) => c.overtime) && got.some((c) => !c.overtime), 'overtime is marked for some and not others');
  for (const c of blocked) assert.equal(await dlg.getByRole('button', { name: `Give to ${c.name}` }).count(), 0, `no give button for ${c.name}`);
  assert.deepEqual(await audit(page), [], 'the dialog with its candidates has no accessibility violations');
  await screenshot(page, 'cover-candidates');

  // Give it to the first who breaks nothing, by keyboard. The candidates
  // are judged by their own rules; the shift's own agent may fall short of
  // their weekly hours without it, which the save refuses, as the dialog's
  // Save does, with the rule named under the list and "Save anyway".
  const to = free[0];
  const check = await call(page, 'POST', `/rosters/${plan.roster.id}/check`, { id: shift.id, agent_id: to.agent_id });
  assert.equal(check.status, 200, JSON.stringify(check.body));
  const broken = check.body.violations;
  assert.ok(broken.every((v) => v.agent_id === shift.agent_id), `only the shift's own agent can be short of a rule: ${JSON.stringify(broken)}`);
  // What losing the shift breaks for its agent, the answer says once, and
  // the dialog above the list, before anything is given.
  const giver = (await answer(page, shift, 'en')).giver_violations;
  assert.deepEqual(giver.map((v) => v.rule), broken.map((v) => v.rule), 'giver_violations are what the edit is refused for');
  const warn = dlg.locator('.cover .alert-warn');
  assert.equal(await warn.count(), giver.length ? 1 : 0, 'a warning above the list exactly when losing the shift breaks a rule');
  if (giver.length) {
    assert.deepEqual((await warn.locator('li strong').allInnerTexts()).map((x) => x.trim()), giver.map((v) => `${MESSAGES.en[`rule.${v.rule}`]}:`));
  }
  await dlg.getByRole('button', { name: `Give to ${to.name}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  t.diagnostic(broken.length ? `refused first: ${broken.map((v) => v.rule).join(', ')} of ${shift.agent_name}` : 'given at once');
  if (broken.length) {
    const force = dlg.getByRole('button', { name: 'Save anyway and flag it', exact: true });
    await force.waitFor();
    const refused = dlg.locator('.cover .violations').first();
    assert.deepEqual((await refused.locator('li strong').allInnerTexts()).map((x) => x.trim()),
      broken.map((v) => `${MESSAGES.en[`rule.${v.rule}`]}:`), 'the refusal, under the list, names the rules');
    await force.click();
    await dlg.waitFor({ state: 'detached' });
    await page.locator('.notice', { hasText: `Shift saved and flagged: it breaks ${broken.length} rule(s).` }).waitFor();
  } else {
    await dlg.waitFor({ state: 'detached' });
    await page.locator('.notice', { hasText: `Shift given to ${to.name}.` }).waitFor();
  }
  await page.locator(`table.board td[data-agent="${to.agent_id}"] .chip[data-shift="${shift.id}"]`).waitFor();
  const after = (await call(page, 'GET', `/rosters/${plan.roster.id}`)).body.shifts.find((s) => s.id === shift.id);
  assert.equal(after.agent_id, to.agent_id, 'the API shows the shift with the agent it was given to');
  assert.equal(after.status, 'active');
  assert.equal(after.version, shift.version + 1);
  assert.deepEqual([after.start, after.end], [shift.start, shift.end], 'only the agent changed');
  const audited = (await call(page, 'GET', `/rosters/${plan.roster.id}/audit`)).body;
  const last = (audited.items || audited).at(-1);
  assert.equal(last.after?.agent_id, to.agent_id, 'the roster\'s history records the change');
  assert.deepEqual(problems, []);
  await context.close();
});

test('in German, Find cover says the same in German', { timeout: 180_000 }, async () => {
  const { context, page, problems } = await session(LEAD, { lang: 'de', width: 360 });
  watch(page, problems);
  const shift = plan.de;
  const dlg = await openShift(page, shift, `Schicht von ${shift.agent_name}`);
  const items = await candidates(page, shift, 'de');
  const free = items.filter((c) => !c.violations.length);
  assert.ok(free.length >= 1 && free.length < items.length, `some may take the shift, some would break a rule: ${JSON.stringify(items.slice(0, 3))}`);

  await dlg.getByRole('button', { name: 'Vertretung finden', exact: true }).click();
  await dlg.getByRole('heading', { name: 'Wer kann diese Schicht übernehmen?', exact: true }).waitFor();
  await dlg.getByRole('heading', { name: `Können sie übernehmen (${free.length})`, exact: true }).waitFor();
  await dlg.getByRole('heading', { name: `Würden eine Regel verletzen (${items.length - free.length})`, exact: true }).waitFor();
  const got = await shown(dlg);
  assert.deepEqual(got, expected(items, 'de'));
  assert.ok(got.some((c) => c.rules.some((r) => r.startsWith('Überschneidung: '))), 'an overlap is named "Überschneidung"');
  assert.ok(got.some((c) => c.overtime), 'overtime is marked');
  assert.equal(await dlg.locator('.badge.overtime').first().innerText(), 'Mit dieser Schicht Überstunden');
  await dlg.getByRole('button', { name: `An ${free[0].name} geben`, exact: true }).waitFor();
  assert.deepEqual(await audit(page), [], 'the German dialog at 360 px has no accessibility violations');
  await screenshot(page, 'cover-candidates-de-360px');

  await dlg.getByRole('button', { name: 'Schließen' }).click();
  await dlg.waitFor({ state: 'detached' });
  const after = (await call(page, 'GET', `/rosters/${plan.roster.id}`)).body.shifts.find((s) => s.id === shift.id);
  assert.equal(after.agent_id, shift.agent_id, 'looking for cover changes nothing');
  assert.deepEqual(problems, []);
  await context.close();
});
