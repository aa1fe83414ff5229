// Checks every browser test makes of a page: no console errors, and no
// accessibility violations.

import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** watch adds the page's console errors and "missing message" warnings to problems. */
export function watch(page, problems) {
  page.on('console', (m) => {
    if ((m.type() === 'error' && !/Failed to load resource/.test(m.text())) || /missing message/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}

/** audit runs axe-core (WCAG 2.1 A and AA) on the page and returns its violations' rules and targets. */
export async function audit(page) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}
