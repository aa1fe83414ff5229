// A lead reads how a forecast fared. The demo keeps, beside this week's
// forecast of each queue, last week's, made from the history before that
// week: the page opens on this week's, with nothing to compare yet; the
// lead picks last week's, and the page shows "How it fared" (WAPE, bias
// and p10–p90 coverage against the week's history, as worked out again
// here from the forecast's points and the history), the days' actual
// totals and the actuals drawn on; the same in German, axe-clean.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { audit } from '../lib/check.mjs';

const demo = useDemo();
const { session } = demo;

const LEAD = 'lead.de@nordlicht.example';

/**
 * fared works the outcome out again from a forecast and the history from
 * its start to a day past its end: each interval's actual is the history
 * inside it, 0 on a day the history holds but not in that interval; days
 * without history, and intervals past the history's last one, are left
 * out; the coverage counts the intervals with history only.
 */
function fared(fc, history, zone) {
  const iv = fc.interval_minutes * 60e3;
  const dayOf = (t) => new Date(t).toLocaleDateString('en-CA', { timeZone: zone });
  const inSpan = history.filter((h) => Date.parse(h.start) < Date.parse(fc.end));
  const seen = new Set(inSpan.map((h) => dayOf(h.start)));
  const known = Math.max(...history.map((h) => Date.parse(h.start) + h.length_minutes * 60e3));
  let abs = 0; let f = 0; let a = 0; let inside = 0; let n = 0; let banded = 0;
  for (const p of fc.points) {
    const t0 = Date.parse(p.start);
    if (!seen.has(dayOf(p.start)) || t0 + iv > known) continue;
    const rows = inSpan.filter((h) => Date.parse(h.start) >= t0 && Date.parse(h.start) < t0 + iv);
    const act = rows.reduce((s, h) => s + h.offered, 0);
    const fc0 = Math.max(0, p.forecast);
    abs += Math.abs(fc0 - act); f += fc0; a += act; n++;
    if (rows.length) { banded++; if (p.p10 <= act && act <= p.p90) inside++; }
  }
  return { intervals: n, wape: abs / a, bias: (f - a) / a, coverage: inside / banded, actual: a };
}

test('a lead picks last week\'s forecast and reads how it fared against the week\'s history', { timeout: 180_000 }, async () => {
  const { context, page, problems } = await session(LEAD);
  await page.goto(`${demo.base}/forecast`);
  await page.getByRole('heading', { name: 'Forecast', level: 1 }).waitFor();
  await page.locator('.kpis').first().waitFor();
  const queue = await page.getByLabel('Queue').inputValue();
  const list = (await call(page, 'GET', `/forecasts?queue=${queue}&limit=100`)).body.items
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  const [current, last] = [list[0], list.find((x) => x.start < list[0].start)];
  assert.ok(last, `a forecast of last week among ${JSON.stringify(list.map((x) => x.start))}`);
  assert.equal((await call(page, 'GET', `/forecasts/${current.id}/outcome`)).body.intervals, 0, 'this week has no history yet');
  assert.equal(await page.getByRole('region', { name: 'How it fared' }).count(), 0);

  await page.getByLabel('Forecast', { exact: true }).selectOption(last.id);
  const region = page.getByRole('region', { name: 'How it fared' });
  await region.waitFor();
  const fc = (await call(page, 'GET', `/forecasts/${last.id}`)).body;
  const site = (await call(page, 'GET', `/queues/${queue}`)).body.site_id;
  const zone = (await call(page, 'GET', `/sites/${site}`)).body.time_zone;
  const history = [];
  for (let cursor = ''; ;) {
    const to = new Date(Date.parse(fc.end) + 86400e3).toISOString();
    const res = (await call(page, 'GET', `/queues/${queue}/history?from=${fc.start}&to=${to}&limit=500${cursor}`)).body;
    history.push(...res.items);
    if (!res.next_cursor) break;
    cursor = `&cursor=${encodeURIComponent(res.next_cursor)}`;
  }
  const want = fared(fc, history, zone);
  const got = (await call(page, 'GET', `/forecasts/${last.id}/outcome`)).body;
  assert.equal(got.days, 7);
  assert.equal(got.intervals, want.intervals);
  for (const k of ['wape', 'bias', 'coverage', 'actual']) assert.ok(Math.abs(got[k] - want[k]) < 1e-9, `${k}: ${got[k]}, worked out ${want[k]}`);
  const kpis = await region.locator('.kpi').allInnerTexts();
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  assert.ok(kpis.some((k) => k.includes('WAPE against actuals') && k.includes(pct(got.wape))), `WAPE shown: ${kpis}`);
  assert.ok(kpis.some((k) => k.includes('Bias') && k.includes(pct(got.bias))), `bias shown: ${kpis}`);
  assert.ok(kpis.some((k) => k.includes('within p10–p90') && k.includes(pct(got.coverage))), `coverage shown: ${kpis}`);
  await page.getByRole('columnheader', { name: 'Actual' }).waitFor();
  const first = page.getByRole('region', { name: 'Daily totals' }).locator('tbody tr').first();
  assert.equal((await first.locator('td').last().innerText()).replace(/[^0-9]/g, ''), String(Math.round(got.by_day[0].actual)));
  assert.deepEqual(await audit(page), []);

  // In German, the page opens on this week's again.
  await page.locator('#lang').selectOption('de');
  await page.getByLabel('Prognose', { exact: true }).selectOption(last.id);
  await page.getByRole('region', { name: 'Wie sie eingetroffen ist' }).waitFor();
  await page.getByRole('columnheader', { name: 'Ist', exact: true }).waitFor();
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
