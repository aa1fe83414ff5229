// A German user's refused form says what is wrong in German: the app sends
// its language as Accept-Language, and the API answers each field's
// problem from its German catalogue (api/i18n/de.json) under the
// headline "Bitte prüfen Sie diese Felder:" (error.code.invalid). The
// browser itself asks for British English (e2e/lib/session.mjs): German
// comes from the user's choice in the app alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from '../lib/demo.mjs';

const demo = useDemo();
const { session } = demo;

const ADMIN = 'admin@nordlicht.example';
const LEAD = 'lead.de@nordlicht.example';

// An hourly rate above scheduling.MaxHourlyRate (10000000): the form lets
// it through (it caps no rate), the API refuses it.
const RATE = '12345678';

test('a German team lead saving too high an hourly rate reads why in German', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD, { lang: 'de' });
  await page.goto(`${demo.base}/agents`);
  // The first agent's change button: agents.edit_who, "{name} ändern".
  await page.getByRole('button', { name: / ändern$/ }).first().click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Stundenlohn', { exact: true }).fill(RATE);
  await dlg.getByRole('button', { name: 'Speichern' }).click();
  const alert = dlg.getByRole('alert');
  // scheduling.Agent.Validate: "must be in [0, %d] (in the site's currency), got %v", in German.
  await alert.filter({ hasText: 'hourly_rate: muss zwischen 0 und 10000000 liegen (in der Währung des Standorts), erhalten: ' }).waitFor();
  const text = await alert.innerText();
  assert.match(text, /Bitte prüfen Sie diese Felder:/);
  assert.doesNotMatch(text, /must be|invalid input/);
  await dlg.getByRole('button', { name: 'Abbrechen' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a German admin adding a chat queue that caps abandonment without a patience reads why in German', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(ADMIN, { lang: 'de' });
  await page.goto(`${demo.base}/queues`);
  await page.getByRole('button', { name: 'Queue anlegen' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Chat ohne Geduld');
  await dlg.getByLabel('Kanal').selectOption('chat');
  await dlg.getByLabel('Abbrüche höchstens (%)').fill('5');
  await dlg.getByLabel('Geduld (s)').fill('0');
  await dlg.getByRole('button', { name: 'Queue anlegen' }).click();
  // scheduling.Queue.Validate: "needs a patience: without one nobody abandons", in German.
  await dlg.getByRole('alert').filter({ hasText: 'target.max_abandon: braucht eine Geduld: ohne sie bricht niemand ab' }).waitFor();
  await dlg.getByRole('button', { name: 'Abbrechen' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an English user reads the same refusal in English', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/agents`);
  await page.getByRole('button', { name: /^Change / }).first().click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Hourly rate', { exact: true }).fill(RATE);
  await dlg.getByRole('button', { name: 'Save' }).click();
  const alert = dlg.getByRole('alert');
  await alert.filter({ hasText: "hourly_rate: must be in [0, 10000000] (in the site's currency), got " }).waitFor();
  assert.match(await alert.innerText(), /Please check these fields:/);
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});
