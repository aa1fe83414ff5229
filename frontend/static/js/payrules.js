// The pay rules form, shared by the Setup page (admins) and the Hours
// page (HR): the premiums the hours export pays, as percentages of the
// base rate, the night window, the overtime threshold and how premiums of
// one minute combine.

import { h } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { errorText, field, select, notice, formDialog, numberInput, numberValue } from './ui.js';

const WEEK_STARTS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const PREMIUMS = ['night_premium', 'saturday_premium', 'sunday_premium', 'holiday_premium', 'overtime_premium'];


/** editPayRules opens the pay rules of site {id, name} in a dialog and saves them. */
export async function editPayRules(site) {
  let r;
  try {
    r = await api.get(`/sites/${site.id}/pay-rules`);
  } catch (err) {
    notice(errorText(err), 'error');
    return;
  }
  const nightStart = h('input', { type: 'time', name: 'night_start', value: r.night_start || '' });
  const nightEnd = h('input', { type: 'time', name: 'night_end', value: r.night_end || '' });
  // Premiums are fractions in the API (0.25) and percentages on screen (25).
  const premiums = PREMIUMS.map((key) => ({ key, input: numberInput(key, r[key] ? +(r[key] * 100).toFixed(4) : 0, { min: 0, max: 1000 }) }));
  const weekStart = select(WEEK_STARTS.map((d, i) => ({ value: d, label: t(`setup.pr.week.${i}`) })), r.week_start || 'monday', { name: 'week_start' });
  const daily = numberInput('daily_limit_hours', r.daily_limit_hours || 0, { min: 0, max: 24 });
  const stacking = select(['stack', 'highest'].map((v) => ({ value: v, label: t(`setup.pr.stacking.${v}`) })), r.stacking || 'stack', { name: 'stacking' });
  formDialog(t('setup.pay_who', { name: site.name }), [
    h('div', { class: 'inline' }, field(t('setup.pr.night_start'), nightStart), field(t('setup.pr.night_end'), nightEnd, t('setup.pr.night_hint'))),
    h('div', { class: 'inline' }, premiums.map((p) => field(t(`setup.pr.${p.key}`), p.input, '%'))),
    h('div', { class: 'inline' }, field(t('setup.pr.week_start'), weekStart), field(t('setup.pr.daily_limit'), daily, t('setup.pr.daily_hint')),
      field(t('setup.pr.stacking'), stacking)),
  ], t('setup.save'), async () => {
    const body = { week_start: weekStart.value, daily_limit_hours: numberValue(daily), stacking: stacking.value };
    if (nightStart.value || nightEnd.value) Object.assign(body, { night_start: nightStart.value, night_end: nightEnd.value });
    for (const p of premiums) body[p.key] = numberValue(p.input) / 100;
    await api.put(`/sites/${site.id}/pay-rules`, body);
    notice(t('setup.saved', { name: t('setup.pay_who', { name: site.name }) }), 'ok');
  });
}
