// The Hours page of HR: the non-regular and shift-hours columns beside
// the paid hours, and a range whose last day is before its first, which
// is named on the field and offers no download.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from '../lib/demo.mjs';

const demo = useDemo();
const { session } = demo;

const HR = 'hr@nordlicht.example';

// A report as GET /reports/hours?format=json&detail=agents gives it
// (api/hours), two agents. Anna works a 22:00–06:00 night on which the
// clocks go back (9 h from start to end) with a 30-minute unpaid break,
// all night hours: 8.50 paid, 8.50 non-regular; and an 8-hour day with a
// 30-minute unpaid break: 7.50 paid, all regular; shift hours 9 + 8 = 17.
// Ben works 08:00–16:15 with a 15-minute unpaid break: 8.00 paid, all
// regular, 8.25 shift hours.
const report = {
  from: '2026-10-01', to: '2026-11-01', time_zone: 'Europe/Berlin',
  agents: [
    { agent_id: 'a', name: 'Anna Night', team: 'DE', shifts: 2, paid_hours: 16, regular_hours: 7.5, non_regular_hours: 8.5, night_hours: 8.5,
      saturday_hours: 0, sunday_hours: 8.5, holiday_hours: 0, overtime_hours: 0, estimated_gross: 0, shift_hours: 17 },
    { agent_id: 'b', name: 'Ben Day', team: 'DE', shifts: 1, paid_hours: 8, regular_hours: 8, non_regular_hours: 0, night_hours: 0,
      saturday_hours: 0, sunday_hours: 0, holiday_hours: 0, overtime_hours: 0, estimated_gross: 0, shift_hours: 8.25 },
  ],
  shifts: [], // the page asks for the agents' rows only (detail=agents)
};

/** cells returns the texts of a table row's cells by their column heading. */
async function cells(page, row) {
  const heads = await page.locator('table.hours thead th').allInnerTexts();
  const texts = await row.locator('th, td').allInnerTexts();
  return Object.fromEntries(heads.map((hd, i) => [hd.trim(), texts[i].trim()]));
}

test('the hours table shows non-regular hours (regular + non-regular = paid) and shift hours', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(HR);
  await page.route((url) => url.pathname.endsWith('/api/v1/reports/hours') && url.searchParams.get('format') === 'json'
    && url.searchParams.get('detail') === 'agents',
    (route) => route.fulfill({ json: report }));
  await page.goto(`${demo.base}/hours?from=2026-10-01&last=2026-10-31`);
  await page.locator('table.hours tbody tr').nth(1).waitFor();
  const anna = await cells(page, page.locator('table.hours tbody tr', { hasText: 'Anna Night' }));
  assert.equal(anna['Regular h'], '7.50');
  assert.equal(anna['Non-regular h'], '8.50');
  assert.equal(anna['Paid h'], '16.00'); // 7.50 + 8.50
  assert.equal(anna['Shift h'], '17.00'); // 9.00 (the fall-back night) + 8.00
  const ben = await cells(page, page.locator('table.hours tbody tr', { hasText: 'Ben Day' }));
  assert.equal(ben['Non-regular h'], '0.00');
  assert.equal(ben['Shift h'], '8.25');
  const total = await cells(page, page.locator('table.hours tfoot tr'));
  assert.equal(total['Regular h'], '15.50'); // 7.50 + 8.00
  assert.equal(total['Non-regular h'], '8.50');
  assert.equal(total['Paid h'], '24.00'); // 15.50 + 8.50
  assert.equal(total['Shift h'], '25.25'); // 17.00 + 8.25
  assert.match(await page.locator('table.hours thead th', { hasText: 'Non-regular h' }).getAttribute('title'), /regular plus non-regular is paid/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a last day before the first is named on the field, focused, and offers no download', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(HR);
  await page.goto(`${demo.base}/hours`);
  await page.getByRole('link', { name: 'Download CSV' }).waitFor();
  const last = page.getByLabel('Last day');
  await page.getByLabel('First day').fill('2026-03-10');
  await last.fill('2026-03-01');
  await page.getByRole('button', { name: 'Show' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'must not be before the first' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /^Last day: /);
  assert.equal(await last.getAttribute('aria-invalid'), 'true');
  assert.equal(await last.getAttribute('aria-errormessage'), await alert.getAttribute('id'));
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'last');
  assert.equal(await page.getByRole('link', { name: 'Download CSV' }).count(), 0, 'no CSV of the bad range');
  assert.equal(await page.getByRole('link', { name: 'Download XLSX' }).count(), 0, 'no XLSX of the bad range');

  // Corrected, the downloads cover the days shown: the report's end is
  // the day after the last (exclusive).
  await last.fill('2026-03-31');
  const csv = new URL(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'), demo.base);
  assert.equal(csv.searchParams.get('from'), '2026-03-10');
  assert.equal(csv.searchParams.get('to'), '2026-04-01');
  const xlsx = new URL(await page.getByRole('link', { name: 'Download XLSX' }).getAttribute('href'), demo.base);
  assert.equal(xlsx.searchParams.get('to'), '2026-04-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await alert.waitFor({ state: 'detached' });
  assert.equal(await last.getAttribute('aria-invalid'), null);
  assert.deepEqual(problems, []);
  await context.close();
});
