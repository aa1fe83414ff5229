// The admin's queue form: a chat queue's abandonment cap and its handle
// time's growth per further concurrent chat are set, stored as fractions,
// shown again when the queue is changed, and a cap without a patience is
// refused naming the field. An e-mail queue is sent without either.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from '../lib/demo.mjs';

const demo = useDemo();
const { session } = demo;

const ADMIN = 'admin@nordlicht.example';

test('an admin sets a chat queue\'s abandonment cap and handle-time growth', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(ADMIN);
  await page.goto(`${demo.base}/queues`);
  await page.getByRole('button', { name: 'Add queue' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Chat Abandon');
  await dlg.getByLabel('Channel').selectOption('chat');
  await dlg.getByLabel('Chats at once').fill('2');
  await dlg.getByLabel('Longer per extra chat (%)').fill('20');
  await dlg.getByLabel('Abandoning at most (%)').fill('5');
  // A cap on abandonment without a patience: nobody abandons, refused.
  await dlg.getByLabel('Patience (s)').fill('0');
  await dlg.getByRole('button', { name: 'Add queue' }).click();
  await dlg.getByRole('alert').filter({ hasText: 'target.max_abandon' }).waitFor();
  await dlg.getByLabel('Patience (s)').fill('60');
  await dlg.getByRole('button', { name: 'Add queue' }).click();
  await dlg.waitFor({ state: 'detached' });

  const stored = await page.evaluate(async () => (await (await fetch('/api/v1/queues?limit=50')).json()).items.find((q) => q.name === 'Chat Abandon'));
  assert.equal(stored.concurrency, 2);
  assert.equal(stored.concurrency_growth, 0.2); // 20 %
  assert.equal(stored.target.max_abandon, 0.05); // 5 %
  assert.equal(stored.patience_seconds, 60);

  await page.getByRole('button', { name: 'Change Chat Abandon' }).click();
  const again = page.getByRole('dialog');
  assert.equal(await again.getByLabel('Longer per extra chat (%)').inputValue(), '20');
  assert.equal(await again.getByLabel('Abandoning at most (%)').inputValue(), '5');
  await again.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an e-mail queue is added without a patience or an abandonment cap', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(ADMIN);
  await page.goto(`${demo.base}/queues`);
  await page.getByRole('button', { name: 'Add queue' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Mail Patience');
  // Typed for a phone queue first, then the channel changes: e-mails wait
  // until handled, so neither is offered nor sent (the API refuses them).
  await dlg.getByLabel('Patience (s)').fill('60');
  await dlg.getByLabel('Abandoning at most (%)').fill('5');
  await dlg.getByLabel('Channel').selectOption('email');
  assert.equal(await dlg.getByLabel('Patience (s)').isVisible(), false);
  assert.equal(await dlg.getByLabel('Abandoning at most (%)').isVisible(), false);
  await dlg.getByLabel('E-mails answered within').fill('24');
  await dlg.getByRole('button', { name: 'Add queue' }).click();
  await dlg.waitFor({ state: 'detached' });

  const stored = await page.evaluate(async () => (await (await fetch('/api/v1/queues?limit=50')).json()).items.find((q) => q.name === 'Mail Patience'));
  assert.equal(stored.channel, 'email');
  assert.equal(stored.patience_seconds, 0);
  assert.equal(stored.target.max_abandon, 0);
  assert.equal(stored.target.response_within_seconds, 86400);
  assert.deepEqual(problems, []);
  await context.close();
});
