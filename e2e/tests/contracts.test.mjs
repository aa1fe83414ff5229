// A lead raises an agent's hourly rate from a past day in the Agents
// form: the agent's contracts then hold the former rate up to the day
// before, the form lists it, and a change from before it is named on
// its field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';

const demo = useDemo();
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';
const ZONE = 'Europe/Berlin'; // the demo site's zone (scheduling/demo)
const DAY = 864e5;

const dayOf = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));

test('a raise from a past day keeps the former rate before it, and the form lists it', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/agents`);
  await page.locator('table tbody tr').first().waitFor();
  const team = await page.locator('select[name="team"]').inputValue();
  const [agent] = (await call(page, 'GET', `/agents?team=${team}&limit=1`)).body.items;
  const from = dayOf(Date.now() - 10 * DAY);
  const lastOld = dayOf(Date.parse(`${from}T12:00:00Z`) - DAY);
  const raised = Math.round((agent.hourly_rate + 1.5) * 100) / 100;

  const edit = async () => {
    await page.getByRole('button', { name: `Change ${agent.name}` }).click();
    return page.locator('dialog[open]');
  };
  let dlg = await edit();
  await dlg.locator('input[name="hourly_rate"]').fill(String(raised));
  await dlg.locator('input[name="contract_from"]').fill(from);
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.waitFor({ state: 'detached' }).catch(() => dlg.waitFor({ state: 'hidden' }));

  const { body } = await call(page, 'GET', `/agents/${agent.id}/contracts`);
  assert.deepEqual(body.items.map((x) => [x.from ?? '', x.until ?? '', x.hourly_rate]),
    [['', from, agent.hourly_rate], [from, '', raised]]);

  dlg = await edit();
  const past = dlg.locator('li', { hasText: 'up to' });
  await past.waitFor();
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(`${lastOld}T12:00:00Z`));
  assert.equal((await past.innerText()).trim(), `${agent.contract.weekly_hours} h/week at ${agent.hourly_rate} up to ${shown}`);

  // A change from before the raise would reorder the contracts: refused,
  // named on contract_from, and the dialog stays open.
  await dlg.locator('input[name="hourly_rate"]').fill(String(raised + 1));
  await dlg.locator('input[name="contract_from"]').fill(lastOld);
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.getByText(/contract_from/).waitFor();
  assert.equal((await call(page, 'GET', `/agents/${agent.id}`)).body.hourly_rate, raised);
  assert.deepEqual(problems, []);
  await context.close();
});
