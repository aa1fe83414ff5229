// Logs a demo user in through the login form, as a user would.

/** The demo's password for every login (shiftplan demo prints it). */
export const DEMO_PASSWORD = 'shiftplan-demo';

/** The log-out button's name in each language of the app (i18n nav.logout). */
const LOG_OUT = { en: 'Log out', de: 'Abmelden' };

/**
 * login opens a fresh browser context (own cookies), width px wide, of a
 * British browser whose app speaks lang ('en' or 'de', as chosen in the
 * app), and logs email in through the login form. problems collects the
 * page's uncaught errors.
 */
export async function login(browser, base, email, { width = 1366, lang = 'en' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('shiftplan.lang', l), lang);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('button', { name: LOG_OUT[lang] }).waitFor();
  return { context, page, problems };
}

/** call sends method path (JSON body) to the API from inside the page: its cookie and CSRF token. */
export function call(page, method, path, body, headers = {}) {
  return page.evaluate(async ([method, path, body, headers]) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch(`/api/v1${path}`, {
      method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }, [method, path, body, headers]);
}
