// Flows of a lead, two agents of their team and an admin: swaps and
// shift edits on a roster the lead builds by hand (a swap the colleague
// has not accepted yet is the lead's to decline only, the colleague can
// say no, the proposer can take an offer back, one click on "Save
// anyway" adds one shift), and the wide lists on a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';

const demo = useDemo(async () => {
  const lead = await session(LEAD);
  plan = await setUp(lead.page);
  await lead.context.close();
});
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';
const ZONE = 'Europe/Berlin'; // the demo site's zone (scheduling/demo)
const H = 3600e3;

let plan; // { rosterId, team, monday, a, b, tue: {a, b}, wed: {a} }: the roster setUp builds

const dayOf = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const clockOf = (ms) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));



/**
 * setUp has the lead build and publish, through the API, a roster of
 * their team for the week after next (no roster of the demo's covers it):
 * two agents with a login, A and B, each work Tuesday 06:00–14:00 on the
 * site's clock (05:00–13:00 UTC in winter, 04:00–12:00 in summer: either
 * way the same times for both), and A works Wednesday too. Shifts are
 * added forced: without a template they have no breaks, which the rules
 * flag.
 */
async function setUp(page) {
  const me = (await call(page, 'GET', '/me')).body;
  const team = me.user.team_ids[0];
  const agents = (await call(page, 'GET', `/agents?team=${team}&limit=500`)).body.items.filter((x) => x.email?.endsWith('@nordlicht.example'));
  const [a, b] = agents;
  // Monday of the week after next, on the site's calendar.
  const todayMs = Date.parse(`${dayOf(Date.now())}T12:00:00Z`);
  const weekday = (new Date(todayMs).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(todayMs + (14 - weekday) * 24 * H).toISOString().slice(0, 10);
  const plusDays = (n) => new Date(Date.parse(`${monday}T12:00:00Z`) + n * 24 * H).toISOString().slice(0, 10);
  const r = await call(page, 'POST', '/rosters', { team_id: team, period_start: monday, period_end: plusDays(7) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // 06:00 on the site's clock of day d: the UTC hour whose Berlin time reads 06.
  const six = (d) => {
    for (const utc of [4, 5]) {
      const ms = Date.parse(`${d}T0${utc}:00:00Z`);
      if (clockOf(ms) === '06:00') return ms;
    }
    throw new Error(`no 06:00 in ${ZONE} on ${d}`);
  };
  const add = async (agent, d) => {
    const start = six(d);
    const res = await call(page, 'POST', `/rosters/${r.body.id}/shifts?force=true`,
      { agent_id: agent.id, start: new Date(start).toISOString(), end: new Date(start + 8 * H).toISOString() });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.shift;
  };
  const tue = { a: await add(a, plusDays(1)), b: await add(b, plusDays(1)) };
  const wed = { a: await add(a, plusDays(2)) };
  const cur = (await call(page, 'GET', `/rosters/${r.body.id}`)).body;
  const pub = await call(page, 'POST', `/rosters/${r.body.id}/publish`, undefined, { 'If-Match': `"${cur.version}"` });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  return { rosterId: r.body.id, team, monday, a, b, tue, wed };
}

test('a colleague declines a swap; the proposer withdraws another; a lead may only decline one not yet accepted', { timeout: 120_000 }, async () => {
  const A = await session(plan.a.email);
  // A offers Tuesday to B for B's Tuesday, and gives Wednesday away.
  const exchange = await call(A.page, 'POST', '/swaps', { shift_id: plan.tue.a.id, with_agent_id: plan.b.id, their_shift_id: plan.tue.b.id });
  assert.equal(exchange.status, 201, JSON.stringify(exchange.body));
  const giveAway = await call(A.page, 'POST', '/swaps', { shift_id: plan.wed.a.id, with_agent_id: plan.b.id });
  assert.equal(giveAway.status, 201, JSON.stringify(giveAway.body));

  // The lead sees both while B has not answered: the server approves only
  // an accepted swap (api/swap.go approveSwap), so Decline is all there is.
  const lead = await session(LEAD);
  await lead.page.goto(`${demo.base}/approvals?team=${encodeURIComponent(plan.team)}`);
  const item = lead.page.locator(`li[data-swap="${exchange.body.id}"]`);
  await item.getByText('The colleague has not accepted yet.').waitFor();
  await item.getByRole('button', { name: 'Decline' }).waitFor();
  assert.equal(await item.getByRole('button', { name: 'Approve' }).count(), 0, 'no Approve on a proposed swap');
  assert.deepEqual(lead.problems, []);
  await lead.context.close();

  // B says no to the exchange, by keyboard: the list is drawn anew, and
  // the keyboard goes on from the outcome, not from the top of the page.
  const B = await session(plan.b.email);
  await B.page.goto(`${demo.base}/my/requests`);
  const offered = B.page.locator(`.swaps-in li[data-swap="${exchange.body.id}"]`);
  await offered.getByRole('button', { name: new RegExp(`^Decline ${plan.a.first_name} .*'s offer of `) }).focus();
  await B.page.keyboard.press('Enter');
  await B.page.locator('.alert-ok', { hasText: 'Swap declined.' }).first().waitFor();
  assert.equal(await B.page.evaluate(() => document.activeElement.textContent), 'Swap declined.', 'focus on the outcome');
  await B.page.locator(`.swaps-in li[data-swap="${exchange.body.id}"] .badge`, { hasText: 'Declined' }).waitFor();
  assert.deepEqual(B.problems, []);
  await B.context.close();

  // A takes the give-away back; the declined exchange has nothing left to withdraw.
  await A.page.goto(`${demo.base}/my/requests`);
  const mine = A.page.locator(`.swaps-out li[data-swap="${giveAway.body.id}"]`);
  await mine.getByRole('button', { name: /^Withdraw the swap of .* proposed to / }).click();
  await A.page.locator('.alert-ok', { hasText: 'Swap withdrawn.' }).first().waitFor();
  await A.page.locator(`.swaps-out li[data-swap="${giveAway.body.id}"] .badge`, { hasText: 'Declined' }).waitFor();
  assert.equal(await A.page.locator(`.swaps-out li[data-swap="${exchange.body.id}"] button`).count(), 0);
  const status = Object.fromEntries((await call(A.page, 'GET', '/swaps')).body.items.map((s) => [s.id, s.status]));
  assert.equal(status[exchange.body.id], 'declined');
  assert.equal(status[giveAway.body.id], 'declined');
  assert.deepEqual(A.problems, []);
  await A.context.close();
});

/** shorten has the lead end shift id of the plan's roster a quarter of an hour earlier (forced: the rules are not the point). */
async function shorten(page, id) {
  const sh = (await call(page, 'GET', `/rosters/${plan.rosterId}`)).body.shifts.find((x) => x.id === id);
  const res = await call(page, 'PATCH', `/rosters/${plan.rosterId}/shifts/${id}?force=true`,
    { end: new Date(Date.parse(sh.end) - 15 * 60e3).toISOString() }, { 'If-Match': `"${sh.version}"` });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

test('a swap whose shift the lead edits after it was offered can only be declined, by the colleague and by the lead', { timeout: 120_000 }, async () => {
  const A = await session(plan.a.email);
  const lead = await session(LEAD);
  const offer = async () => {
    const res = await call(A.page, 'POST', '/swaps', { shift_id: plan.tue.a.id, with_agent_id: plan.b.id, their_shift_id: plan.tue.b.id });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };

  // Offered, then edited: B's Accept is refused (agents do not see shift
  // versions, so the page learns it from the answer), which says why,
  // and No is what is left.
  const first = await offer();
  await shorten(lead.page, plan.tue.a.id);
  const B = await session(plan.b.email);
  await B.page.goto(`${demo.base}/my/requests`);
  const offered = B.page.locator(`.swaps-in li[data-swap="${first}"]`);
  await offered.getByRole('button', { name: 'Accept' }).click();
  await B.page.getByRole('alert').filter({ hasText: 'A shift of this swap has changed since it was offered' }).waitFor();
  await offered.getByText('changed since it was offered; it can only be declined').waitFor();
  assert.equal(await offered.getByRole('button', { name: 'Accept' }).count(), 0, 'no Accept on a changed offer');
  await offered.getByRole('button', { name: /^Decline / }).click();
  await B.page.locator('.alert-ok', { hasText: 'Swap declined.' }).first().waitFor();

  // Offered as it now is and accepted, then edited again: the lead is
  // told, and may only decline it; the server would refuse the approval.
  const second = await offer();
  assert.equal((await call(B.page, 'POST', `/swaps/${second}/accept`)).status, 200);
  await shorten(lead.page, plan.tue.a.id);
  await lead.page.goto(`${demo.base}/approvals?team=${encodeURIComponent(plan.team)}`);
  const item = lead.page.locator(`li[data-swap="${second}"]`);
  await item.getByText('has changed since it was proposed').waitFor();
  assert.equal(await item.getByRole('button', { name: 'Approve' }).count(), 0, 'no Approve on a changed swap');
  assert.equal((await call(lead.page, 'POST', `/swaps/${second}/approve`)).status, 409);
  await item.getByRole('button', { name: 'Decline' }).click();
  await item.locator('.decision .alert-warn', { hasText: 'Declined' }).waitFor();
  for (const s of [A, B, lead]) {
    assert.deepEqual(s.problems, []);
    await s.context.close();
  }
});

test('a lead approves a time-off request by keyboard; focus stays on its outcome', { timeout: 120_000 }, async () => {
  // B asks for Thursday of the roster's week, a day B does not work.
  const B = await session(plan.b.email);
  const thursday = new Date(Date.parse(`${plan.monday}T12:00:00Z`) + 3 * 24 * H).toISOString().slice(0, 10);
  const friday = new Date(Date.parse(`${plan.monday}T12:00:00Z`) + 4 * 24 * H).toISOString().slice(0, 10);
  const midnight = (d) => [-1, -2].map((h) => Date.parse(`${d}T00:00:00Z`) + h * H).find((ms) => clockOf(ms) === '00:00' && dayOf(ms) === d);
  const asked = await call(B.page, 'POST', '/time-off', {
    start: new Date(midnight(thursday)).toISOString(), end: new Date(midnight(friday)).toISOString(), kind: 'vacation',
  });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  await B.context.close();

  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/approvals?team=${encodeURIComponent(plan.team)}`);
  const item = page.locator(`li[data-time-off="${asked.body.id}"]`);
  await item.locator('.effect .alert').waitFor();
  await item.getByRole('button', { name: 'Approve' }).focus();
  await page.keyboard.press('Enter');
  await item.locator('.decision .alert-ok').waitFor();
  assert.equal(await item.getByRole('button', { name: 'Approve' }).count(), 0, 'the buttons go with the decision');
  assert.ok(await item.locator('.decision').evaluate((el) => el === document.activeElement), 'focus on the outcome, in the request decided');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a double click on "Save anyway and flag it" adds the shift once', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/roster?roster=${plan.rosterId}&from=${plan.monday}&view=week`);
  // A's Monday is free; a shift from 23:00 to an hour after A's Tuesday
  // starts overlaps it, which the rules refuse until forced.
  const cell = page.locator(`table.board td[data-agent="${plan.a.id}"][data-day="${plan.monday}"]`);
  await cell.locator('.add-shift').click();
  const dlg = page.getByRole('dialog', { name: /^New shift for / });
  await dlg.getByLabel('Template').selectOption('');
  await dlg.getByLabel('Start').fill('23:00');
  await dlg.getByLabel('End').fill(clockOf(Date.parse(plan.tue.a.start) + H));
  await dlg.getByRole('button', { name: 'Add shift' }).click();
  const force = dlg.getByRole('button', { name: 'Save anyway and flag it' });
  await force.waitFor();
  // The refusal names the broken rule in the page's language, not by its code.
  const refused = (await dlg.locator('.violations').last().locator('li strong').allInnerTexts()).map((x) => x.trim());
  assert.ok(refused.includes('Overlap:'), `the overlap is named: ${JSON.stringify(refused)}`);
  assert.ok(refused.every((x) => !/_|^[a-z]/.test(x)), `no rule code shown: ${JSON.stringify(refused)}`);
  await force.dblclick();
  await page.locator('.notice', { hasText: 'Shift saved' }).first().waitFor();
  await page.waitForLoadState('networkidle');
  const shifts = (await call(page, 'GET', `/rosters/${plan.rosterId}`)).body.shifts
    .filter((s) => s.agent_id === plan.a.id && s.status === 'active' && dayOf(Date.parse(s.start)) === plan.monday);
  assert.equal(shifts.length, 1, `one shift added on ${plan.monday}: ${JSON.stringify(shifts.map((s) => s.id))}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 360 px the Agents and Users lists scroll in their box, not the page', { timeout: 120_000 }, async () => {
  for (const [email, path] of [[LEAD, '/agents'], ['admin@nordlicht.example', '/users']]) {
    const { context, page, problems } = await session(email, { width: 360 });
    await page.goto(`${demo.base}${path}`);
    await page.locator('.table-wrap table tbody tr').first().waitFor();
    const { page: overflow, box } = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, box: wrap.scrollWidth - wrap.clientWidth };
    });
    assert.ok(box > 0, `${path}: the table is wider than the phone, so its box scrolls (by ${box}px)`);
    assert.ok(overflow <= 0, `${path}: no sideways scrolling of the page (overflow ${overflow}px)`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
