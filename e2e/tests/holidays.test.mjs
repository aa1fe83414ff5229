// An admin keeps the demo site's holiday calendar in the Holidays dialog
// of the Setup page: adds Christmas Eve from 14:00 as a holiday of the site's own,
// has the site work the Day of German Unity, reads both in the dialog and
// the API, is told on the date field that Christmas Day is a public
// holiday already, and undoes both, leaving Berlin's plain calendar. HR
// opens the same dialog from the Hours page, in German.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../lib/session.mjs';
import { useDemo } from '../lib/demo.mjs';
import { audit, watch } from '../lib/check.mjs';

const demo = useDemo();
const { session } = demo;

const ADMIN = 'admin@nordlicht.example';
const HR = 'hr@nordlicht.example';
const SITE = 'Berlin Friedrichshain'; // the demo site, region DE-BE (scheduling/demo)
const YEAR = 2026;
const EVE = '2026-12-24';
const UNITY = '2026-10-03';
const XMAS = '2026-12-25';

/** rows reads the dialog's table: [date attribute, shown date, name, state] per row. */
function rows(dlg) {
  return dlg.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const [th, name, state] = tr.querySelectorAll('th, td');
    return [th.querySelector('time').getAttribute('datetime'), th.innerText.trim(), name.innerText.trim(), state.innerText.trim()];
  }));
}

/** row is the dialog's table row of date. */
const row = (dlg, date) => dlg.locator('tbody tr', { has: dlg.page().locator(`time[datetime="${date}"]`) });

test('an admin adds an own holiday and works a public one in the Holidays dialog, is refused on the date of a public holiday, and undoes both', { timeout: 180_000 }, async () => {
  const { context, page, problems } = await session(ADMIN);
  watch(page, problems);
  await page.goto(`${demo.base}/setup`);
  const site = (await call(page, 'GET', '/sites')).body.items.find((s) => s.name === SITE);
  assert.equal(site.holiday_region, 'DE-BE');
  const plain = (await call(page, 'GET', `/sites/${site.id}/holidays?year=${YEAR}`)).body;
  assert.equal(plain.year, YEAR);
  assert.ok(plain.days.every((d) => d.holiday && !d.own && !d.working && d.name === d.public_name), 'the demo starts from the plain calendar');
  const unity = plain.days.find((d) => d.date === UNITY);
  const xmas = plain.days.find((d) => d.date === XMAS);
  assert.match(unity?.public_name || '', /Deutschen Einheit/);
  assert.ok(xmas?.public_name, 'Christmas Day is a public holiday in Berlin');
  assert.ok(!plain.days.some((d) => d.date === EVE), 'Christmas Eve is no public holiday in Berlin');

  await page.getByRole('button', { name: `Holidays of ${SITE}`, exact: true }).click();
  const dlg = page.getByRole('dialog', { name: `Holidays of ${SITE}` });
  await dlg.waitFor();
  const year = dlg.getByLabel('Year', { exact: true });
  // It opens at this year at the site; the buttons step a year, the field goes to any.
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: site.time_zone, year: 'numeric' }).format(new Date()));
  await dlg.locator('tbody tr').first().waitFor();
  assert.equal(await year.inputValue(), String(thisYear));
  await dlg.getByRole('button', { name: 'Next year' }).click();
  await page.waitForFunction(([y]) => document.querySelector('dialog[open] input[name="year"]').value === String(y), [thisYear + 1]);
  await row(dlg, `${thisYear + 1}-01-01`).waitFor();
  await year.fill(String(YEAR));
  await year.press('Tab');
  await row(dlg, UNITY).waitFor();

  // Every public holiday of the year, in order, with its day in English.
  const shown = (d) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long' }).format(new Date(`${d}T12:00:00Z`));
  assert.deepEqual(await rows(dlg), plain.days.map((d) => [d.date, shown(d.date), d.public_name, 'Public holiday']));
  assert.equal((await rows(dlg)).find(([d]) => d === UNITY)[1], 'Sat 3 October');

  // Christmas Eve, a holiday of the site's own.
  await dlg.getByLabel('Date', { exact: true }).fill(EVE);
  await dlg.getByLabel('Name', { exact: true }).fill('Heiligabend');
  await dlg.getByLabel('From (optional)', { exact: true }).fill('14:00');
  await dlg.getByRole('button', { name: 'Add', exact: true }).click();
  await row(dlg, EVE).filter({ hasText: "Site's own holiday" }).waitFor();
  assert.equal(await dlg.getByRole('status').innerText(), `Heiligabend (${EVE}) is a holiday of the site now.`);
  assert.equal(await dlg.getByLabel('Date', { exact: true }).inputValue(), '', 'the add form empties after adding');

  // The Day of German Unity, worked as an ordinary day; focus stays on its row.
  const unityName = `${unity.public_name} (${UNITY})`;
  await dlg.getByRole('button', { name: `Work this day: ${unityName}`, exact: true }).click();
  await row(dlg, UNITY).filter({ hasText: 'Worked as an ordinary day' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Holiday again: ${unityName}`);

  const want = (d) => (d.date === UNITY ? [d.date, shown(d.date), d.public_name, 'Worked as an ordinary day'] : [d.date, shown(d.date), d.public_name, 'Public holiday']);
  const changed = plain.days.map(want);
  changed.splice(changed.findIndex(([d]) => d > EVE), 0, [EVE, shown(EVE), 'Heiligabend', "Site's own holiday from 14:00"]);
  assert.deepEqual(await rows(dlg), changed);

  // The API agrees: Christmas Eve counts as a holiday, the Day of German Unity does not.
  let got = (await call(page, 'GET', `/sites/${site.id}/holidays?year=${YEAR}`)).body;
  assert.deepEqual(got.days.find((d) => d.date === EVE), { date: EVE, from: '14:00', name: 'Heiligabend', holiday: true, public_name: '', own: true, working: false });
  assert.deepEqual(got.days.find((d) => d.date === UNITY), { date: UNITY, name: '', holiday: false, public_name: unity.public_name, own: true, working: true });
  assert.deepEqual(got.days.filter((d) => d.date !== EVE && d.date !== UNITY), plain.days.filter((d) => d.date !== UNITY));

  assert.deepEqual(await audit(page), [], 'the dialog with its changed days has no accessibility violations');

  // Christmas Day is a public holiday already: refused, named on the date field.
  await dlg.getByLabel('Date', { exact: true }).fill(XMAS);
  await dlg.getByLabel('Name', { exact: true }).fill('Weihnachten');
  await dlg.getByRole('button', { name: 'Add', exact: true }).click();
  const alert = dlg.getByRole('alert');
  await alert.waitFor();
  const said = await alert.innerText();
  assert.match(said, new RegExp(`date: ${XMAS} is already a public holiday in "DE-BE"`));
  assert.equal(await dlg.getByLabel('Date', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await dlg.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), null);
  assert.deepEqual(await audit(page), [], 'the dialog showing the refusal has no accessibility violations');
  got = (await call(page, 'GET', `/sites/${site.id}/holidays?year=${YEAR}`)).body;
  assert.deepEqual(got.days.find((d) => d.date === XMAS), xmas, 'Christmas Day is unchanged');

  // Undo both through the dialog.
  await dlg.getByRole('button', { name: `Remove Heiligabend (${EVE})`, exact: true }).click();
  await row(dlg, EVE).waitFor({ state: 'detached' });
  assert.equal(await alert.count(), 0, 'the refusal goes with the next change');
  await dlg.getByRole('button', { name: `Holiday again: ${unityName}`, exact: true }).click();
  await row(dlg, UNITY).filter({ hasText: 'Public holiday' }).waitFor();
  assert.equal(await dlg.getByRole('status').innerText(), `${unityName} is a public holiday again.`);
  assert.deepEqual(await rows(dlg), plain.days.map((d) => [d.date, shown(d.date), d.public_name, 'Public holiday']));
  assert.deepEqual((await call(page, 'GET', `/sites/${site.id}/holidays?year=${YEAR}`)).body, plain);

  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('HR opens the holidays from the Hours page, in German', { timeout: 120_000 }, async () => {
  const { context, page, problems } = await session(HR, { lang: 'de', width: 360 });
  watch(page, problems);
  await page.goto(`${demo.base}/hours`);
  // One site: the button says "Feiertage" only.
  await page.getByRole('button', { name: 'Feiertage', exact: true }).click();
  const dlg = page.getByRole('dialog', { name: `Feiertage von ${SITE}` });
  await dlg.waitFor();
  await dlg.getByLabel('Jahr', { exact: true }).fill(String(YEAR));
  await dlg.getByLabel('Jahr', { exact: true }).press('Tab');
  await row(dlg, UNITY).waitFor();
  const site = (await call(page, 'GET', '/sites')).body.items.find((s) => s.name === SITE);
  const plain = (await call(page, 'GET', `/sites/${site.id}/holidays?year=${YEAR}`)).body;
  const shown = (d) => new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long' }).format(new Date(`${d}T12:00:00Z`));
  assert.deepEqual(await rows(dlg), plain.days.map((d) => [d.date, shown(d.date), d.public_name, 'Gesetzlicher Feiertag']));
  assert.equal((await rows(dlg)).find(([d]) => d === UNITY)[1], 'Sa., 3. Oktober');
  await dlg.getByRole('button', { name: `An diesem Tag arbeiten: ${plain.days.find((d) => d.date === UNITY).public_name} (${UNITY})`, exact: true }).waitFor();
  await dlg.getByRole('heading', { name: 'Eigenen Feiertag des Standorts hinzufügen' }).waitFor();
  assert.deepEqual(await audit(page), [], 'the German dialog at 360 px has no accessibility violations');
  await dlg.getByRole('button', { name: 'Schließen' }).click();
  await dlg.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});
