// Starts `shiftplan demo` and Chromium for one test file.

import { before, after } from 'node:test';
import { startDemo } from './server.mjs';
import { launch } from './browser.mjs';
import { login } from './session.mjs';

/**
 * useDemo starts the demo server and the browser before the file's tests
 * and stops them after. Once started, base is the server's address and
 * session(email, opts) opens a fresh browser context logged in as email
 * (see login in session.mjs). setUp, when given, runs once both have
 * started, before the tests (node:test does not run a file's before hooks
 * in the order they are written).
 */
export function useDemo(setUp) {
  let server;
  let browser;
  before(async () => {
    server = await startDemo();
    browser = await launch();
    await setUp?.(demo);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const demo = {
    get base() { return server.base; },
    session: (email, opts) => login(browser, server.base, email, opts),
  };
  return demo;
}
