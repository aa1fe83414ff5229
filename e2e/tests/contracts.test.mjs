// A lead raises an agent's hourly rate from a past day in the Agents
// form: the agent's contracts then hold the former rate up to the day
// before, the form lists it, and a change from before it is named on
// its field. A raise from a day ahead waits for its day: the agent keeps
// the current rate, the form lists the change as scheduled, and its
// button cancels it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { audit } from '../lib/check.mjs';

const demo = useDemo();
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';
const ZONE = 'Europe/Berlin'; // the demo site's zone (scheduling/demo)
const DAY = 864e5;

const dayOf = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));

/** editAgent opens the Agents page's form of agent; returns the dialog. */
async function editAgent(page, agent) {
  await page.getByRole('button', { name: `Change ${agent.name}` }).click();
  return page.locator('dialog[open]');
}

/** raise fills the form dlg with rate from the day from and saves it. */
async function raise(dlg, rate, from) {
  await dlg.locator('input[name="hourly_rate"]').fill(String(rate));
  await dlg.locator('input[name="contract_from"]').fill(from);
  await dlg.getByRole('button', { name: 'Save' }).click();
}
/** shownDay is day (YYYY-MM-DD) as the English form writes it: "27 Dec 2026". */
const shownDay = (day) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
  .format(new Date(`${day}T12:00:00Z`));

test('a raise from a past day keeps the former rate before it, and the form lists it', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/agents`);
  await page.locator('table tbody tr').first().waitFor();
  const team = await page.locator('select[name="team"]').inputValue();
  const [agent] = (await call(page, 'GET', `/agents?team=${team}&limit=1`)).body.items;
  const from = dayOf(Date.now() - 10 * DAY);
  const lastOld = dayOf(Date.parse(`${from}T12:00:00Z`) - DAY);
  const raised = Math.round((agent.hourly_rate + 1.5) * 100) / 100;

  let dlg = await editAgent(page, agent);
  await raise(dlg, raised, from);
  await dlg.waitFor({ state: 'detached' }).catch(() => dlg.waitFor({ state: 'hidden' }));

  const { body } = await call(page, 'GET', `/agents/${agent.id}/contracts`);
  assert.deepEqual(body.items.map((x) => [x.from ?? '', x.until ?? '', x.hourly_rate]),
    [['', from, agent.hourly_rate], [from, '', raised]]);

  dlg = await editAgent(page, agent);
  const past = dlg.locator('li', { hasText: 'up to' });
  await past.waitFor();
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(`${lastOld}T12:00:00Z`));
  assert.equal((await past.innerText()).trim(), `${agent.contract.weekly_hours} h/week at ${agent.hourly_rate} up to ${shown}`);

  // A change from before the raise would reorder the contracts: refused,
  // named on contract_from, and the dialog stays open.
  await raise(dlg, raised + 1, lastOld);
  await dlg.getByText(/contract_from/).waitFor();
  assert.equal((await call(page, 'GET', `/agents/${agent.id}`)).body.hourly_rate, raised);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a raise from a day ahead keeps the current rate until then, is listed as scheduled, and can be cancelled', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  page.on('console', (m) => {
    if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /missing message/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${demo.base}/agents`);
  await page.locator('table tbody tr').first().waitFor();
  const team = await page.locator('select[name="team"]').inputValue();
  // Another agent than the first test's, so each starts from one contract.
  const listed = (await call(page, 'GET', `/agents?team=${team}&limit=2`)).body.items;
  const agent = listed[listed.length - 1];
  const before = (await call(page, 'GET', `/agents/${agent.id}/contracts`)).body.items;
  assert.ok(before.every((x) => !x.scheduled), 'no change waits yet');
  const from = dayOf(Date.now() + 20 * DAY);
  const raised = Math.round((agent.hourly_rate + 2.25) * 100) / 100;
  const hours = agent.contract.weekly_hours;

  let dlg = await editAgent(page, agent);
  await raise(dlg, raised, from);
  // The agent's row still shows the current contract: the notice says
  // the change waits for its day.
  await page.locator('.notice', { hasText: `The contract change is scheduled for ${shownDay(from)}` }).waitFor();
  await dlg.waitFor({ state: 'detached' }).catch(() => dlg.waitFor({ state: 'hidden' }));

  const spells = (await call(page, 'GET', `/agents/${agent.id}/contracts`)).body.items;
  const last = spells[spells.length - 1];
  assert.deepEqual([last.from, last.until, last.hourly_rate, last.scheduled], [from, undefined, raised, true], 'the raise waits for its day');
  const current = spells[spells.length - 2];
  assert.deepEqual([current.until, current.hourly_rate, current.scheduled], [from, agent.hourly_rate, false], 'the current rate holds up to then');
  assert.equal((await call(page, 'GET', `/agents/${agent.id}`)).body.hourly_rate, agent.hourly_rate, 'the agent keeps the current rate');
  // The agents list says a change waits.
  await page.locator('table tbody tr', { hasText: agent.name }).getByText(`Contract change from ${shownDay(from)}`).waitFor();

  dlg = await editAgent(page, agent);
  assert.equal(await dlg.locator('input[name="hourly_rate"]').inputValue(), String(agent.hourly_rate), 'the form shows the current rate');
  const scheduled = dlg.locator('li', { hasText: '(scheduled)' });
  await scheduled.waitFor();
  assert.equal(await scheduled.count(), 1);
  const cancel = dlg.getByRole('button', { name: `Cancel the change from ${shownDay(from)}` });
  assert.equal((await scheduled.innerText()).replace(/\s+/g, ' ').trim(),
    `from ${shownDay(from)} (scheduled): ${hours} h/week at ${raised} ${await cancel.innerText()}`.trim());
  await dlg.getByText(`Current: ${hours} h/week at ${agent.hourly_rate}`).waitFor();
  assert.deepEqual(await audit(page), [], 'the form listing the change has no accessibility violations');

  await cancel.click();
  await page.locator('.notice', { hasText: `The change from ${shownDay(from)} is cancelled.` }).waitFor();
  await scheduled.waitFor({ state: 'detached' });
  assert.ok(await dlg.locator('input[name="contract_from"]').evaluate((el) => el === document.activeElement), 'focus on the day field');
  const after = (await call(page, 'GET', `/agents/${agent.id}/contracts`)).body.items;
  assert.ok(after.every((x) => !x.scheduled), 'no change waits any more');
  assert.deepEqual(after, before, 'the contracts are as before the raise');
  assert.equal((await call(page, 'GET', `/agents/${agent.id}`)).body.hourly_rate, agent.hourly_rate);
  await dlg.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dlg.waitFor({ state: 'detached' }).catch(() => dlg.waitFor({ state: 'hidden' }));
  assert.deepEqual(problems, []);
  await context.close();
});
