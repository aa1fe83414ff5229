// Vacation days as the pages say them: an agent's balance of a year
// (GET /me/vacation, /agents/{id}/vacation) and the days a request takes.

import { t, language } from './i18n.js';

/** fmtDays is a number of vacation days in the page's language, a half as "0.5" ("0,5"); a balance is kept to 0.1. */
export function fmtDays(x) {
  return new Intl.NumberFormat(language() === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(x);
}

/** daysText is "1 day", "0.5 days", "5 days". */
export function daysText(x) {
  return t(x === 1 ? 'vacation.day' : 'vacation.days', { days: fmtDays(x) });
}

/**
 * balanceText is a year's vacation (GET /me/vacation) in a line: "Vacation
 * 2026: 25 of 30 days left · 5 taken · 0.5 asked for", the days taken and
 * asked for when there are any; more approved than the year holds is said
 * as over the entitlement.
 */
export function balanceText(v) {
  const parts = [v.remaining < 0
    ? t('vacation.over', { year: v.year, over: fmtDays(-v.remaining), entitlement: fmtDays(v.entitlement) })
    : t('vacation.left', { year: v.year, left: fmtDays(v.remaining), entitlement: fmtDays(v.entitlement) })];
  if (v.approved) parts.push(t('vacation.taken', { days: fmtDays(v.approved) }));
  if (v.requested) parts.push(t('vacation.asked', { days: fmtDays(v.requested) }));
  return parts.join(' · ');
}
