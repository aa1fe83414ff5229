// Setting a centre up (admins): sites with their zone, holidays, labour
// rules and pay rules; teams; skills. Queues and shift templates have
// their own page. Every form sends what the API takes, and the API's
// refusals come back with the field named.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import {
  loading, errorBox, errorText, field, select, notice, pageHeader, formDialog, listSection, changeButton, removeButton, numberInput, numberValue,
} from '../ui.js';
import { editPayRules } from '../payrules.js';
import { editHolidays } from '../holidays.js';

const SKILL_KINDS = ['channel', 'language', 'licence'];

/** zones lists the IANA time zones the browser knows, with the current one kept. */
function zones(current) {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (!list.includes('UTC')) list.push('UTC');
  if (current && !list.includes(current)) list.push(current);
  return list.sort();
}


export async function render(root) {
  const sitesArea = h('section', {}, loading());
  const teamsArea = h('section', {}, loading());
  const skillsArea = h('section', {}, loading());
  replace(root, pageHeader(t('setup.title')), h('p', { class: 'muted' }, t('setup.intro')), sitesArea, teamsArea, skillsArea);

  let sites = [];
  let regions = [];
  try {
    regions = (await api.get('/holiday-regions')).regions || [];
  } catch (err) {
    replace(sitesArea, errorBox(err));
    return;
  }
  const siteName = (id) => sites.find((s) => String(s.id) === String(id))?.name || id;
  const siteOptions = () => sites.map((s) => ({ value: s.id, label: s.name }));

  const drawSites = listSection(sitesArea, {
    title: t('setup.sites'), addLabel: t('setup.add_site'), onAdd: () => siteForm(null),
    load: async () => (sites = await api.items('/sites', {}, 50)),
    columns: [t('setup.name'), t('setup.time_zone'), t('setup.holiday_region'), ''],
    row: (s) => [s.name, s.time_zone, s.holiday_region || '—',
      h('div', { class: 'buttons' },
        changeButton(s.name, () => siteForm(s)),
        h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('setup.labour_who', { name: s.name }), onclick: () => labourForm(s) }, t('setup.labour')),
        h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('setup.pay_who', { name: s.name }), onclick: () => editPayRules(s) }, t('setup.pay')),
        h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': t('holidays.title_who', { name: s.name }), onclick: () => editHolidays(s) }, t('setup.holidays')),
        removeButton(s.name, t('setup.remove_site_text', { name: s.name }), async () => {
          await api.request('DELETE', `/sites/${s.id}`);
          data.forget();
          await drawSites();
          drawTeams();
        }))],
    empty: () => t('setup.no_sites'),
  });

  function siteForm(s) {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, value: s?.name || '' });
    const zone = h('select', { name: 'time_zone', required: true },
      zones(s?.time_zone).map((z) => h('option', { value: z, selected: z === (s?.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone) ? true : null }, z)));
    const current = s?.holiday_region || '';
    const codes = !current || regions.includes(current) ? regions : [...regions, current];
    const region = select([{ value: '', label: t('setup.no_holidays') }, ...codes.map((c) => ({ value: c, label: c }))], current, { name: 'holiday_region' });
    formDialog(s ? t('setup.change_who', { name: s.name }) : t('setup.new_site'), [
      field(t('setup.name'), name),
      field(t('setup.time_zone'), zone, s ? t('setup.zone_hint') : null),
      field(t('setup.holiday_region'), region, t('setup.region_hint')),
    ], t(s ? 'setup.save' : 'setup.add_site'), async () => {
      const body = { name: name.value.trim(), holiday_region: region.value };
      if (!s || zone.value !== s.time_zone) body.time_zone = zone.value;
      await (s ? api.patch(`/sites/${s.id}`, body) : api.post('/sites', body));
      notice(t('setup.saved', { name: body.name }), 'ok');
      data.forget();
      await drawSites();
      drawTeams();
    });
  }

  // labourForm edits the rules rosters must keep at a site: 0 takes the
  // default the hint names, a negative value switches the rule off.
  async function labourForm(s) {
    let r;
    try {
      r = await api.get(`/sites/${s.id}/labour-rules`);
    } catch (err) {
      notice(errorText(err), 'error');
      return;
    }
    const rows = [
      ['min_daily_rest_hours', 'setup.lr.min_daily_rest', 11],
      ['weekly_rest_hours', 'setup.lr.weekly_rest', 35],
      ['max_daily_work_hours', 'setup.lr.max_daily_work', 10],
      ['max_consecutive_days', 'setup.lr.max_days', 6],
      ['max_consecutive_nights', 'setup.lr.max_nights', 4],
      ['max_nights_per_period', 'setup.lr.nights_period', null],
      ['min_weekends_off', 'setup.lr.weekends_off', null],
      ['max_average_weekly_hours', 'setup.lr.avg_weekly', 48],
      ['night_minimum_hours', 'setup.lr.night_minimum', 2],
    ].map(([key, label, def]) => ({ key, label, def, input: numberInput(key, r[key] || 0) }));
    const nightStart = h('input', { type: 'time', name: 'night_start', value: r.night_start || '' });
    const nightEnd = h('input', { type: 'time', name: 'night_end', value: r.night_end || '' });
    formDialog(t('setup.labour_who', { name: s.name }), [
      h('p', { class: 'muted small' }, t('setup.lr.intro')),
      h('div', { class: 'inline' }, rows.map((x) => field(t(x.label), x.input,
        x.def === null ? t(`${x.label}_default`) : t('setup.default', { value: x.def })))),
      h('div', { class: 'inline' }, field(t('setup.lr.night_start'), nightStart, t('setup.default', { value: '23:00' })),
        field(t('setup.lr.night_end'), nightEnd, t('setup.default', { value: '06:00' }))),
    ], t('setup.save'), async () => {
      const body = { night_start: nightStart.value, night_end: nightEnd.value };
      for (const x of rows) body[x.key] = numberValue(x.input);
      await api.put(`/sites/${s.id}/labour-rules`, body);
      notice(t('setup.saved', { name: t('setup.labour_who', { name: s.name }) }), 'ok');
    });
  }

  const drawTeams = listSection(teamsArea, {
    title: t('setup.teams'), addLabel: t('setup.add_team'), onAdd: () => teamForm(null), canAdd: () => sites.length > 0,
    load: () => api.items('/teams', {}, 50),
    columns: [t('setup.name'), t('setup.site'), ''],
    row: (tm) => [tm.name, siteName(tm.site_id), h('div', { class: 'buttons' }, changeButton(tm.name, () => teamForm(tm)),
      removeButton(tm.name, t('setup.remove_team_text', { name: tm.name }), async () => {
        await api.request('DELETE', `/teams/${tm.id}`);
        data.forget();
        drawTeams();
      }))],
    empty: () => t('setup.no_teams'),
  });

  function teamForm(tm) {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, value: tm?.name || '' });
    const site = select(siteOptions(), tm?.site_id || sites[0]?.id, { name: 'site_id', disabled: tm ? true : null });
    formDialog(tm ? t('setup.change_who', { name: tm.name }) : t('setup.new_team'), [
      field(t('setup.name'), name), field(t('setup.site'), site),
    ], t(tm ? 'setup.save' : 'setup.add_team'), async () => {
      const n = name.value.trim();
      await (tm ? api.patch(`/teams/${tm.id}`, { name: n }) : api.post('/teams', { site_id: site.value, name: n }));
      notice(t('setup.saved', { name: n }), 'ok');
      data.forget();
      drawTeams();
    });
  }

  const drawSkills = listSection(skillsArea, {
    title: t('setup.skills'), addLabel: t('setup.add_skill'), onAdd: () => skillForm(null),
    load: () => api.items('/skills', {}, 50),
    columns: [t('setup.skill_code'), t('setup.skill_kind'), t('setup.name'), ''],
    row: (k) => [k.code, t(`setup.kind.${k.kind}`), k.name || '—', h('div', { class: 'buttons' }, changeButton(k.code, () => skillForm(k)),
      removeButton(k.code, t('setup.remove_skill_text', { name: k.code }), async () => {
        await api.request('DELETE', `/skills/${encodeURIComponent(k.code)}`);
        drawSkills();
      }))],
    empty: () => t('setup.no_skills'),
  });

  function skillForm(k) {
    const code = h('input', { type: 'text', name: 'code', required: true, maxlength: 200, value: k?.code || '', readonly: k ? true : null, placeholder: 'lang:fr', pattern: '[A-Za-z0-9:._\\-]+' });
    const kind = select(SKILL_KINDS.map((x) => ({ value: x, label: t(`setup.kind.${x}`) })), k?.kind || 'language', { name: 'kind' });
    const name = h('input', { type: 'text', name: 'name', maxlength: 200, value: k?.name || '' });
    formDialog(k ? t('setup.change_who', { name: k.code }) : t('setup.new_skill'), [
      field(t('setup.skill_code'), code, k ? null : t('setup.code_hint')), field(t('setup.skill_kind'), kind), field(t('setup.name'), name),
    ], t(k ? 'setup.save' : 'setup.add_skill'), async () => {
      const c = code.value.trim();
      await api.put(`/skills/${c}`, { kind: kind.value, name: name.value.trim() });
      notice(t('setup.saved', { name: c }), 'ok');
      drawSkills();
    });
  }

  await drawSites();
  await Promise.all([drawTeams(), drawSkills()]);
}
