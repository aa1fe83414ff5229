// Queues and shift templates (admins): what is forecast and staffed, and
// the shifts a roster may use. Times are entered as people say them —
// seconds for handle time and waits, hours for an e-mail's answer, minutes
// for shifts and breaks, percent for targets — and sent in the API's units.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import {
  loading, errorBox, field, select, notice, pageHeader, formDialog, listSection, changeButton, removeButton, numberInput, numberValue,
} from '../ui.js';

const CHANNELS = ['phone', 'chat', 'email'];

const round = (x, d = 2) => +Number(x || 0).toFixed(d);

/** minutesText is 510 → "8:30 h". */
function minutesText(m) {
  const whole = Math.round(m || 0);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')} h`;
}

/** targetText summarises a queue's service target for the list. */
function targetText(q) {
  const g = q.target || {};
  if (q.channel === 'email') return t('queues.target_email', { hours: round((g.response_within_seconds || 0) / 3600, 1) });
  const parts = [];
  if (g.service_level) parts.push(t('queues.target_sl', { percent: round(g.service_level * 100, 1), seconds: round(g.answer_within_seconds, 0) }));
  if (g.asa_seconds) parts.push(t('queues.target_asa', { seconds: round(g.asa_seconds, 0) }));
  if (g.max_occupancy) parts.push(t('queues.target_occ', { percent: round(g.max_occupancy * 100, 1) }));
  return parts.join(' · ') || '—';
}

export async function render(root) {
  const queuesArea = h('section', {}, loading());
  const templatesArea = h('section', {}, loading());
  replace(root, pageHeader(t('queues.title')), queuesArea, templatesArea);

  let sites = [];
  let skills = [];
  try {
    [sites, skills] = await Promise.all([api.items('/sites', {}, 50), api.items('/skills', {}, 50)]);
  } catch (err) {
    replace(queuesArea, errorBox(err));
    replace(templatesArea);
    return;
  }
  const siteName = (id) => sites.find((s) => String(s.id) === String(id))?.name || id;
  const siteSelect = (value) => select(sites.map((s) => ({ value: s.id, label: s.name })), value || sites[0]?.id, { name: 'site_id' });
  const skillName = (code) => skills.find((s) => s.code === code)?.name || code;

  const drawQueues = listSection(queuesArea, {
    title: t('queues.queues'), addLabel: t('queues.add_queue'), onAdd: () => queueForm(null), canAdd: () => sites.length > 0,
    load: () => api.items('/queues', {}, 50),
    columns: [t('setup.name'), t('setup.site'), t('queues.channel'), t('queues.skills'), t('queues.target'), t('queues.aht'), ''],
    row: (q) => [q.name, siteName(q.site_id), t(`queues.channel.${q.channel}`),
      (q.required_skills || []).map(skillName).join(', ') || '—', targetText(q), `${round(q.aht_seconds, 0)} s`,
      h('div', { class: 'buttons' }, changeButton(q.name, () => queueForm(q)),
        removeButton(q.name, t('queues.remove_queue_text', { name: q.name }), async () => {
          await api.request('DELETE', `/queues/${q.id}`);
          data.forget();
          drawQueues();
        }))],
    empty: () => (sites.length ? t('queues.no_queues') : t('queues.no_sites')),
  });

  function queueForm(q) {
    const g = q?.target || { service_level: 0.8, answer_within_seconds: 20, max_occupancy: 0.85 };
    const site = siteSelect(q?.site_id);
    site.disabled = !!q;
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, value: q?.name || '' });
    const channel = select(CHANNELS.map((c) => ({ value: c, label: t(`queues.channel.${c}`) })), q?.channel || 'phone', { name: 'channel' });
    const boxes = skills.map((s) => h('input', { type: 'checkbox', name: 'required_skills', value: s.code, checked: (q?.required_skills || []).includes(s.code) ? true : null }));
    const sl = numberInput('service_level', round((g.service_level || 0) * 100, 2), { min: 0, max: 100 });
    const within = numberInput('answer_within_seconds', round(g.answer_within_seconds, 0), { min: 0, max: 86400 });
    const asa = numberInput('asa_seconds', round(g.asa_seconds, 0), { min: 0, max: 86400 });
    const occ = numberInput('max_occupancy', round((g.max_occupancy || 0) * 100, 2), { min: 0, max: 100 });
    const abandon = numberInput('max_abandon', round((g.max_abandon || 0) * 100, 2), { min: 0, max: 100 });
    const response = numberInput('response_within_hours', round((g.response_within_seconds || 0) / 3600, 2), { min: 0, max: 744 });
    const aht = numberInput('aht_seconds', round(q?.aht_seconds ?? 300, 0), { min: 1, max: 86400, required: true });
    const concurrency = numberInput('concurrency', q?.concurrency || 0, { min: 0, max: 10, step: 1 });
    const growth = numberInput('concurrency_growth', round((q?.concurrency_growth || 0) * 100, 2), { min: 0, max: 100 });
    const patience = numberInput('patience_seconds', round(q?.patience_seconds, 0), { min: 0, max: 86400 });
    const voice = h('div', { class: 'inline' }, field(t('queues.service_level'), sl, '%'), field(t('queues.answer_within'), within, t('queues.seconds')),
      field(t('queues.asa'), asa, t('queues.zero_none')), field(t('queues.occupancy'), occ, t('queues.zero_none')),
      field(t('queues.max_abandon'), abandon, t('queues.max_abandon_hint')));
    const chat = field(t('queues.concurrency'), concurrency, t('queues.concurrency_hint'));
    const chatGrowth = field(t('queues.concurrency_growth'), growth, t('queues.concurrency_growth_hint'));
    const mail = field(t('queues.response_within'), response, t('queues.hours'));
    // E-mails wait until handled: no patience, nothing abandons.
    const patient = field(t('queues.patience'), patience, t('queues.patience_hint'));
    const showFor = () => {
      chat.hidden = channel.value !== 'chat';
      chatGrowth.hidden = channel.value !== 'chat';
      mail.hidden = channel.value !== 'email';
      voice.hidden = channel.value === 'email';
      patient.hidden = channel.value === 'email';
    };
    channel.addEventListener('change', showFor);
    showFor();
    formDialog(q ? t('setup.change_who', { name: q.name }) : t('queues.new_queue'), [
      h('div', { class: 'inline' }, field(t('setup.site'), site), field(t('setup.name'), name), field(t('queues.channel'), channel)),
      h('fieldset', { class: 'field' }, h('legend', {}, t('queues.skills')),
        skills.map((s, i) => h('label', { class: 'check' }, boxes[i], ' ', s.name || s.code))),
      voice, mail,
      h('div', { class: 'inline' }, field(t('queues.aht'), aht, t('queues.aht_hint')), chat, chatGrowth, patient),
    ], t(q ? 'setup.save' : 'queues.add_queue'), async () => {
      const email = channel.value === 'email';
      const body = {
        site_id: site.value, name: name.value.trim(), channel: channel.value,
        required_skills: boxes.filter((b) => b.checked).map((b) => b.value),
        target: {
          service_level: email ? 0 : numberValue(sl) / 100, answer_within_seconds: email ? 0 : numberValue(within),
          asa_seconds: email ? 0 : numberValue(asa), max_occupancy: email ? 0 : numberValue(occ) / 100,
          max_abandon: email ? 0 : numberValue(abandon) / 100,
          response_within_seconds: email ? numberValue(response) * 3600 : 0,
        },
        aht_seconds: numberValue(aht), concurrency: channel.value === 'chat' ? numberValue(concurrency) : 0, patience_seconds: email ? 0 : numberValue(patience),
        concurrency_growth: channel.value === 'chat' ? numberValue(growth) / 100 : 0,
      };
      await (q ? api.put(`/queues/${q.id}`, body) : api.post('/queues', body));
      notice(t('setup.saved', { name: body.name }), 'ok');
      data.forget();
      drawQueues();
    });
  }

  const drawTemplates = listSection(templatesArea, {
    title: t('queues.templates'), addLabel: t('queues.add_template'), onAdd: () => templateForm(null), canAdd: () => sites.length > 0,
    load: () => api.items('/shift-templates', {}, 50),
    columns: [t('queues.code'), t('setup.name'), t('setup.site'), t('queues.starts'), t('queues.length'), t('queues.breaks'), ''],
    row: (tp) => [
      h('span', {}, tp.color ? h('span', { class: 'swatch', style: `background:${tp.color}`, 'aria-hidden': 'true' }) : null, tp.code),
      [tp.name || '—', tp.night ? ` · ${t('queues.night')}` : ''].join(''), siteName(tp.site_id),
      tp.earliest_start === tp.latest_start ? tp.earliest_start
        : t('queues.start_window', { from: tp.earliest_start, to: tp.latest_start, step: tp.start_step_minutes }),
      minutesText(tp.length_minutes),
      (tp.breaks || []).map((b) => `${b.name || t('queues.break')} ${b.length_minutes} min${b.paid ? ` (${t('queues.paid')})` : ''}`).join(', ') || '—',
      h('div', { class: 'buttons' }, changeButton(tp.code, () => templateForm(tp)),
        removeButton(tp.code, t('queues.remove_template_text', { name: tp.code }), async () => {
          await api.request('DELETE', `/shift-templates/${tp.id}`);
          drawTemplates();
        })),
    ],
    empty: () => (sites.length ? t('queues.no_templates') : t('queues.no_sites')),
  });

  function templateForm(tp) {
    const site = siteSelect(tp?.site_id);
    site.disabled = !!tp;
    const code = h('input', { type: 'text', name: 'code', required: true, maxlength: 200, value: tp?.code || '', placeholder: 'E' });
    const name = h('input', { type: 'text', name: 'name', maxlength: 200, value: tp?.name || '' });
    const earliest = h('input', { type: 'time', name: 'earliest_start', required: true, value: tp?.earliest_start || '08:00' });
    const latest = h('input', { type: 'time', name: 'latest_start', required: true, value: tp?.latest_start || '08:00' });
    const step = numberInput('start_step_minutes', tp?.start_step_minutes || 30, { min: 1, step: 1 });
    const length = numberInput('length_minutes', tp?.length_minutes || 510, { min: 1, max: 960, step: 1, required: true });
    const night = h('input', { type: 'checkbox', name: 'night', checked: tp?.night ? true : null });
    const color = h('input', { type: 'color', name: 'color', value: tp?.color || '#4f7cac' });
    const breakRows = [];
    const breaksArea = h('div', {});
    const addBreak = (b = {}) => {
      const row = {
        name: h('input', { type: 'text', name: 'break_name', maxlength: 200, value: b.name || '' }),
        length: numberInput('break_length', b.length_minutes ?? 30, { min: 1, step: 1 }),
        paid: h('input', { type: 'checkbox', name: 'break_paid', checked: b.paid ? true : null }),
        earliest: numberInput('break_earliest', b.earliest_after_minutes ?? 180, { min: 0, step: 1 }),
        latest: numberInput('break_latest', b.latest_after_minutes ?? 300, { min: 0, step: 1 }),
      };
      row.legend = h('legend', {});
      row.remove = h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => { breakRows.splice(breakRows.indexOf(row), 1); row.el.remove(); number(); } }, t('queues.remove'));
      row.el = h('fieldset', { class: 'field' }, row.legend,
        h('div', { class: 'inline' }, field(t('setup.name'), row.name), field(t('queues.break_length'), row.length, 'min'),
          field(t('queues.break_earliest'), row.earliest, t('queues.after_start')), field(t('queues.break_latest'), row.latest, t('queues.after_start')),
          h('label', { class: 'check' }, row.paid, ' ', t('queues.paid')), row.remove));
      breakRows.push(row);
      breaksArea.append(row.el);
      number();
    };
    // number labels the breaks 1, 2, … in their order, after any removal.
    const number = () => breakRows.forEach((r, i) => {
      r.legend.textContent = t('queues.break_n', { n: i + 1 });
      r.remove.setAttribute('aria-label', t('queues.remove_break_n', { n: i + 1 }));
    });
    for (const b of tp?.breaks || []) addBreak(b);
    formDialog(tp ? t('setup.change_who', { name: tp.code }) : t('queues.new_template'), [
      h('div', { class: 'inline' }, field(t('setup.site'), site), field(t('queues.code'), code), field(t('setup.name'), name)),
      h('div', { class: 'inline' }, field(t('queues.earliest'), earliest), field(t('queues.latest'), latest),
        field(t('queues.step'), step, 'min'), field(t('queues.length'), length, t('queues.length_hint'))),
      h('div', { class: 'inline' }, h('label', { class: 'check' }, night, ' ', t('queues.night_flag')), field(t('queues.color'), color)),
      breaksArea,
      h('button', { type: 'button', class: 'btn', onclick: () => addBreak() }, t('queues.add_break')),
    ], t(tp ? 'setup.save' : 'queues.add_template'), async () => {
      const body = {
        site_id: site.value, code: code.value.trim(), name: name.value.trim(),
        earliest_start: earliest.value, latest_start: latest.value, start_step_minutes: numberValue(step),
        length_minutes: numberValue(length), night: night.checked, color: color.value,
        breaks: breakRows.map((r) => ({
          name: r.name.value.trim(), length_minutes: numberValue(r.length), paid: r.paid.checked,
          earliest_after_minutes: numberValue(r.earliest), latest_after_minutes: numberValue(r.latest),
        })),
      };
      await (tp ? api.put(`/shift-templates/${tp.id}`, body) : api.post('/shift-templates', body));
      notice(t('setup.saved', { name: body.code }), 'ok');
      drawTemplates();
    });
  }

  await Promise.all([drawQueues(), drawTemplates()]);
}
