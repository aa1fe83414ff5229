// Accessibility: axe-core (WCAG 2.1 A and AA rules) on every page of the
// app as each role that can see it, in English and German, at desktop
// width and 360 px, with the dialogs that matter open; and the main flows
// by keyboard alone. Every violation fails the test, whatever its impact,
// unless its rule is in ALLOWED below with the reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startDemo } from '../lib/server.mjs';
import { launch } from '../lib/browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'shiftplan-demo';
const ADMIN = 'admin@nordlicht.example';
const LEAD = 'lead.de@nordlicht.example';
const HR = 'hr@nordlicht.example';
const AGENT = 'zeynep.meyer@nordlicht.example';
const WIDTHS = [1366, 360];
const LANGS = ['en', 'de'];

/**
 * ALLOWED: rule id → why the app does not follow it. Keep it tiny; a
 * serious or critical rule never belongs here.
 */
const ALLOWED = new Map([
]);

// The pages each role can open (main.js's routes), and what to open on them.
const PAGES = {
  [ADMIN]: ['/roster', '/generate', '/forecast', '/approvals', '/agents', '/agents/wishes', '/hours', '/setup', '/queues', '/users', '/account', '/inbox', '/no-such-page'],
  [LEAD]: ['/roster', '/generate', '/forecast', '/approvals', '/agents', '/agents/wishes', '/account', '/inbox'],
  [AGENT]: ['/my/schedule', '/my/requests', '/my/wishes', '/my/hours', '/account', '/inbox', '/roster'],
  [HR]: ['/hours', '/account'],
};

let server;
let browser;
const summary = []; // one line per role/language/width: pages and dialogs checked, violations

before(async () => {
  server = await startDemo();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (summary.length) console.log(`a11y (axe-core ${TAGS.join(', ')}):\n${summary.map((l) => `  ${l}`).join('\n')}`);
});

/** context opens a browser context whose app speaks lang, width px wide. */
async function context({ width = 1366, lang = 'en' } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
  await ctx.addInitScript((l) => localStorage.setItem('shiftplan.lang', l), lang);
  return ctx;
}

/** session opens a fresh context logged in as email (the login form, as a user would). */
async function session(email, { width, lang = 'en' } = {}) {
  const ctx = await context({ width, lang });
  const page = await ctx.newPage();
  await page.goto(`${server.base}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('button', { name: lang === 'de' ? 'Abmelden' : 'Log out' }).waitFor();
  return { ctx, page };
}

/** settled waits until the page shown has rendered and loaded its data. */
async function settled(page) {
  await page.locator('main .page').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 30_000 });
}

/**
 * audit runs axe-core on the page as it is and returns its violations as
 * lines "rule (impact) where: n node(s) [first target]", allowed rules left out.
 */
async function audit(page, where) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`) }));
  }, TAGS);
  return violations.filter((v) => !ALLOWED.has(v.id))
    .map((v) => `${v.id} (${v.impact}) ${where}: ${v.targets.length} node(s), e.g. ${v.targets.slice(0, 3).join(' | ')}`);
}

/** checkLang says what is wrong with <html lang> for the language picked. */
async function checkLang(page, lang, where) {
  const got = await page.evaluate(() => document.documentElement.lang);
  return got === lang ? [] : [`html-lang ${where}: lang="${got}", want "${lang}"`];
}

/** dialogs opens, audits and closes the dialogs that matter on a page. */
async function dialogs(page, path, where) {
  const found = [];
  const open = async (name, opener) => {
    if (!await opener.count()) { found.push(`${where} ${path}: nothing to open the ${name} dialog`); return; }
    await opener.first().click();
    const dlg = page.locator('dialog[open]');
    await dlg.waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400); // the rule check answers 250 ms after the dialog opens
    found.push(...await audit(page, `${where} ${path} [${name} dialog]`));
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    return 1;
  };
  let n = 0;
  if (!await page.locator(`main [data-page="${path.split('/').pop()}"]`).count()) return { found, n }; // forbidden here
  if (path === '/roster') {
    n += await open('edit shift', page.locator('table.board .chip')) || 0;
    n += await open('add shift', page.locator('table.board td .add-shift')) || 0;
    n += await open('history', page.locator('.roster-meta .btn-link')) || 0;
  } else if (path === '/agents') {
    n += await open('import agents', page.locator('main .page-head .actions button').nth(0)) || 0;
    n += await open('new agent', page.locator('main .page-head .actions button').nth(1)) || 0;
  } else if (path === '/users') {
    n += await open('change login', page.locator('main table tbody button').first()) || 0;
  } else if (path === '/setup') {
    n += await open('change site', page.locator('main table tbody button').first()) || 0;
  }
  return { found, n };
}

async function visit(page, path, lang, where) {
  await page.goto(`${server.base}${path}`);
  await settled(page);
  return [...await checkLang(page, lang, `${where} ${path}`), ...await audit(page, `${where} ${path}`)];
}

// The keyboard flows run first: the time-off request they leave behind
// gives the lead's approvals page and inbox something to show.
/** focused describes the element with focus: tag, name, data-shift, and whether it shows a focus outline. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase(), name: el?.getAttribute('name'), shift: el?.dataset?.shift || null, text: el?.textContent || '',
      type: el?.getAttribute('type'), inDialog: Boolean(el?.closest('dialog[open]')),
      outlined: Boolean(style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0),
    };
  });
}

/** tabTo presses Tab until want(focused) holds, at most limit times. */
async function tabTo(page, want, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (want(f)) return f;
  }
  throw new Error('not reached by Tab');
}

test('a lead opens a shift on the roster board by keyboard and closes it with Escape, focus back on the shift', { timeout: 120_000 }, async () => {
  const { ctx, page } = await session(LEAD);
  await page.waitForURL(/\/roster/);
  await page.locator('table.board .chip').first().waitFor();
  await settled(page);
  const chip = await tabTo(page, (f) => Boolean(f.shift));
  assert.ok(chip.outlined, 'the focused shift shows a focus outline');
  await page.keyboard.press('Enter');
  const dlg = page.getByRole('dialog');
  await dlg.waitFor();
  assert.equal(await dlg.getAttribute('aria-modal'), 'true');
  assert.match(await dlg.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby'))?.textContent || ''), /^Shift of /);
  assert.ok((await focused(page)).inDialog, 'focus moves into the dialog');
  // Tab stays inside the modal dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body') assert.ok(f.inDialog, `Tab ${i + 1} stays in the dialog (${f.tag})`);
  }
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  const back = await focused(page);
  assert.equal(back.shift, chip.shift, 'focus returns to the shift that opened the dialog');
  await ctx.close();
});

test('an agent sends a time-off request by keyboard alone', { timeout: 120_000 }, async () => {
  const { ctx, page } = await session(AGENT);
  await page.waitForURL(/\/my\/schedule/);
  await settled(page);
  // From the top of the page to the main navigation's "Time off & swaps".
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'Time off & swaps');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/my\/requests/);
  await settled(page);
  const first = await tabTo(page, (f) => f.name === 'first_day');
  assert.ok(first.outlined, 'the focused field shows a focus outline');
  // A day later than offered: ArrowUp on the day of the last day. The
  // order of day, month and year follows the browser's locale: try each
  // part, and take an ArrowUp back where it moves further than a day.
  await tabTo(page, (f) => f.name === 'last_day');
  const lastDay = page.locator('input[name="last_day"]');
  const before = await lastDay.inputValue();
  const nextDay = new Date(Date.parse(`${before}T12:00:00Z`) + 86400e3).toISOString().slice(0, 10);
  for (let part = 0; part < 3; part++) {
    await page.keyboard.press('ArrowUp');
    if (await lastDay.inputValue() === nextDay) break;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
  }
  assert.equal(await lastDay.inputValue(), nextDay, 'the last day changes by keyboard');
  await tabTo(page, (f) => f.name === 'kind');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('select[name="kind"]').inputValue(), 'training');
  await tabTo(page, (f) => f.name === 'reason');
  await page.keyboard.type('Course in Hamburg');
  const submit = await tabTo(page, (f) => f.type === 'submit');
  assert.ok(submit.outlined, 'the focused button shows a focus outline');
  await page.keyboard.press('Enter');
  await page.locator('.alert-ok', { hasText: 'Request sent' }).first().waitFor();
  const mine = await page.evaluate(async () => (await (await fetch('/api/v1/time-off')).json()).items);
  assert.ok(mine.some((x) => x.kind === 'training' && x.reason === 'Course in Hamburg' && x.status === 'requested'), 'the request is stored');
  await ctx.close();
});

test('the login page has no accessibility violations', { timeout: 120_000 }, async () => {
  const found = [];
  let checked = 0;
  for (const lang of LANGS) {
    for (const width of WIDTHS) {
      const ctx = await context({ width, lang });
      const page = await ctx.newPage();
      found.push(...await visit(page, '/login', lang, `login ${lang} ${width}px`));
      // The refusal of a wrong password, shown in the form.
      await page.locator('input[name="email"]').fill(LEAD);
      await page.locator('input[name="password"]').fill('wrong');
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      found.push(...await audit(page, `login ${lang} ${width}px /login [refused]`));
      checked += 2;
      if (lang === 'en' && width === WIDTHS[0]) {
        // Switching the language in the top bar switches <html lang> with it.
        await page.locator('#lang').selectOption('de');
        await page.getByRole('button', { name: 'Anmelden' }).waitFor();
        found.push(...await checkLang(page, 'de', 'login after switching to German'), ...await audit(page, 'login switched to de /login'));
        checked += 1;
      }
      await ctx.close();
    }
  }
  summary.push(`login: ${checked} views, ${found.length} violation(s)`);
  assert.deepEqual(found, []);
});

for (const [email, paths] of Object.entries(PAGES)) {
  test(`every page of ${email} has no accessibility violations, in English and German, wide and at 360 px`, { timeout: 600_000 }, async () => {
    const found = [];
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        const where = `${email} ${lang} ${width}px`;
        const { ctx, page } = await session(email, { width, lang });
        const had = found.length;
        let pages = 0;
        let dlgs = 0;
        for (const path of paths) {
          found.push(...await visit(page, path, lang, where));
          pages += 1;
          const d = await dialogs(page, path, where);
          found.push(...d.found);
          dlgs += d.n;
        }
        summary.push(`${where}: ${pages} pages, ${dlgs} dialogs, ${found.length - had} violation(s)`);
        await ctx.close();
      }
    }
    assert.deepEqual(found, []);
  });
}

// Last, so the agent it adds shows on no page checked above.
test('the invitation page has no accessibility violations, in English and German, wide and at 360 px', { timeout: 300_000 }, async () => {
  // An agent of its own, with an e-mail address and no login, invited by
  // the admin through the API; the link is opened but never accepted.
  const admin = await session(ADMIN);
  const stamp = Date.now();
  const link = await admin.page.evaluate(async (stamp) => {
    const me = await (await fetch('/api/v1/me')).json();
    const call = async (path, body) => {
      const res = await fetch(`/api/v1${path}`, {
        method: body ? 'POST' : 'GET', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: body && JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const team = (await call(`/teams?site=${me.site.id}`)).items[0];
    const agent = await call('/agents', {
      team_id: team.id, first_name: 'Ida', last_name: 'Audit', email: `ida.${stamp}@nordlicht.example`, contract: { kind: 'full_time', weekly_hours: 40 },
    });
    const res = await call('/invitations', { agent_ids: [agent.id] });
    return res.invited[0]?.link;
  }, stamp);
  await admin.ctx.close();
  assert.match(link || '', new RegExp(`^${server.base}/invite/[0-9a-f]{64}$`));

  const found = [];
  let checked = 0;
  for (const lang of LANGS) {
    for (const width of WIDTHS) {
      const where = `invite ${lang} ${width}px`;
      const ctx = await context({ width, lang }); // not signed in
      const page = await ctx.newPage();
      const path = new URL(link).pathname;
      found.push(...await visit(page, path, lang, where));
      await page.locator('input[name="password"]').waitFor();
      // Passwords that do not match: the form shows its error.
      await page.locator('input[name="password"]').fill('one password here');
      await page.locator('input[name="again"]').fill('another password');
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      found.push(...await audit(page, `${where} /invite/… [passwords differ]`));
      // A link unknown or used up.
      found.push(...await visit(page, '/invite/not-a-token', lang, where));
      await page.locator('main a[href="/login"]').waitFor();
      checked += 3;
      await ctx.close();
    }
  }
  summary.push(`invite: ${checked} views, ${found.length} violation(s)`);
  assert.deepEqual(found, []);
});
