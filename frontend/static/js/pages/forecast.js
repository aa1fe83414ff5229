// Forecast view: a queue's recent history, the forecast with its p10–p90
// prediction band, the chosen model and its backtest accuracy, manual
// adjustments (percent or absolute over a time window), and, once history
// of its days is in, how the forecast fared. Earlier forecasts of the
// queue can be picked to see how they fared.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import * as data from '../data.js';
import { today, addDays, localDay, localMinutes, instant, fmtDay, fmtDateTime, fmtNumber, fmtPercent, setZone } from '../time.js';
import { loading, errorBox, field, select, busy, progress, notice, pageHeader, formDialog, scrollBox, removeButton } from '../ui.js';
import { forecastChart } from '../chart.js';
import { kpi } from './roster.js';

const value = (p) => Number(p.volume ?? p.calls ?? p.offered ?? p.value ?? 0);

export async function render(root, { session } = {}) {
  const q = new URLSearchParams(location.search);
  const body = h('div', {}, loading());
  replace(root, pageHeader(t('forecast.title')), body);
  const controller = new AbortController();
  let queues;
  try {
    queues = await data.queues();
    // A lead plans the queues of their teams' sites only (the API refuses the others).
    const user = session?.me?.user;
    if (user?.role === 'team_lead') {
      const sites = new Set((await data.teams(user)).map((tm) => String(tm.site_id)));
      queues = queues.filter((x) => sites.has(String(x.site_id)));
    }
  } catch (err) { replace(body, errorBox(err)); return; }
  if (!queues.length) { replace(body, h('p', {}, t('forecast.no_queues'))); return; }

  let queueId = q.get('queue') || String(queues[0].id);
  if (!queues.some((x) => String(x.id) === queueId)) queueId = String(queues[0].id);
  const queueSel = select(queues.map((x) => ({ value: x.id, label: x.name })), queueId, { onchange: (e) => { queueId = e.target.value; load(); } });
  // As far ahead as a roster may run (the generate page's lengths).
  const horizonSel = select([1, 2, 4, 6].map((w) => ({ value: w * 7, label: t('generate.weeks', { n: w }) })), 14, { name: 'horizon' });
  const newBtn = h('button', { type: 'button', class: 'btn', onclick: () => create() }, t('forecast.create'));
  const importBtn = h('button', { type: 'button', class: 'btn', onclick: () => importHistory() }, t('forecast.import'));
  const main = h('div', {});
  let forecasts = []; // the queue's forecasts, newest first
  replace(body, h('div', { class: 'toolbar' }, field(t('forecast.queue'), queueSel), field(t('forecast.horizon'), horizonSel), h('div', { class: 'field' }, h('span', {}, ' '), h('div', { class: 'buttons' }, importBtn, newBtn))), main);

  // importHistory uploads a CSV of the queue's past intervals: all of it
  // is stored or, with the lines named, none.
  function importHistory() {
    const queue = queues.find((x) => String(x.id) === queueId);
    const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
    formDialog(t('forecast.import_title', { queue: queue?.name || '' }), [
      h('p', { class: 'muted small' }, t('forecast.import_hint')),
      h('pre', { class: 'small' }, 'interval_start,offered,handled,aht_seconds\n2026-03-02T08:00,41,39,287\n2026-03-02T08:15,47,45,301'),
      field(t('forecast.import_file'), file),
    ], t('forecast.import'), async () => {
      const form = new FormData();
      form.append('file', file.files[0]);
      const res = await api.post(`/queues/${queueId}/history`, form);
      notice(t('forecast.imported', { n: res.intervals, from: fmtDateTime(res.from), to: fmtDateTime(res.to) }), 'ok');
      load();
    });
  }

  async function load() {
    history.replaceState({}, '', `${location.pathname}?queue=${encodeURIComponent(queueId)}`);
    replace(main, loading());
    try {
      // The forecast is on the queue's site's clock.
      const zone = await data.zoneOfSite(queues.find((x) => String(x.id) === queueId)?.site_id);
      if (zone) setZone(zone);
      const list = await busy(api.items('/forecasts', { queue: queueId }));
      list.sort((a, b) => String(b.created_at || b.id).localeCompare(String(a.created_at || a.id)));
      forecasts = list;
      if (!list.length) {
        replace(main, h('div', { class: 'card' }, h('p', {}, t('forecast.none')),
          h('button', { type: 'button', class: 'btn btn-primary', onclick: () => create() }, t('forecast.create'))));
        return;
      }
      const fc = await busy(api.get(`/forecasts/${list[0].id}`));
      await draw(fc);
    } catch (err) {
      replace(main, errorBox(err, { retry: load }));
    }
  }

  async function create() {
    newBtn.disabled = true;
    const prog = progress(t('forecast.running'));
    replace(main, h('div', { class: 'card' }, prog.el));
    try {
      const job = await busy(api.post('/forecasts', { queue_id: queueId, horizon: `${horizonSel.value}d` }));
      const started = Date.now();
      const final = await api.watchJob(job.job_id || job.id, (j) => {
        const el = j?.progress?.elapsed_seconds ?? (Date.now() - started) / 1000;
        prog.set(j?.progress?.fraction ?? null, t('forecast.elapsed', { s: fmtNumber(el, 1) }));
      }, { signal: controller.signal });
      if (final.status === 'failed') throw Object.assign(new Error(final.error || ''), { status: -1 });
      await load();
    } catch (err) {
      if (err.name !== 'AbortError') replace(main, errorBox(err, { retry: load }));
    } finally {
      newBtn.disabled = false;
    }
  }

  async function draw(fc) {
    const points = (fc.points || []).map((p) => ({
      t: new Date(p.start).getTime(),
      v: Number(p.forecast ?? p.p50 ?? 0), lo: p.p10, hi: p.p90,
      adj: p.adjusted ?? null, base: p.base ?? p.unadjusted ?? null, raw: p,
    }));
    // When the server keeps the unadjusted value apart, draw both lines.
    for (const p of points) {
      if (p.base !== null && p.base !== undefined && p.adj === null) { p.adj = p.v; p.v = Number(p.base); }
    }
    const first = points.length ? localDay(points[0].t) : today();
    let history = [];
    try {
      const res = await api.items(`/queues/${queueId}/history`, { from: addDays(first, -14), to: first });
      history = res.map((p) => ({ t: new Date(p.start).getTime(), v: value(p) }));
    } catch { /* the forecast alone is still useful */ }
    // How the forecast fared where the history has its days: drawn on as
    // history, its figures beside the backtest's.
    let outcome = null;
    try {
      outcome = await api.get(`/forecasts/${fc.id}/outcome`);
    } catch { /* the forecast alone is still useful */ }
    const fared = outcome && outcome.intervals > 0;
    if (fared) history = history.concat(outcome.points.map((p) => ({ t: new Date(p.start).getTime(), v: Number(p.actual) })));
    const actualOn = new Map((outcome?.by_day || []).map((d) => [d.date, d.actual]));
    const pct = (x) => (typeof x === 'number' ? fmtPercent(x) : '—');
    const bt = fc.backtest || {};
    const adjustments = fc.adjustments || [];
    // A day's p10/p90 are the server's, from the day total's own law: the
    // sums of the intervals' quantiles would be far too wide. A forecast
    // made before the server kept that law shows none.
    const band = new Map((fc.days || []).map((d) => [d.date, d]));
    const daily = new Map();
    for (const p of points) {
      const d = localDay(p.t);
      const row = daily.get(d) || { f: 0, lo: band.get(d)?.p10 ?? null, hi: band.get(d)?.p90 ?? null, adj: 0 };
      row.f += p.v; row.adj += Number(p.adj ?? p.v);
      daily.set(d, row);
    }
    const anyAdj = points.some((p) => p.adj !== null && p.adj !== undefined);
    const picker = forecasts.length > 1 ? h('div', { class: 'toolbar' }, field(t('forecast.pick'), select(forecasts.map((x) => ({
      value: x.id,
      label: t('forecast.made', { created: fmtDateTime(x.created_at), from: fmtDay(localDay(new Date(x.start).getTime())) }),
    })), fc.id, { name: 'forecast', onchange: async (e) => draw(await busy(api.get(`/forecasts/${e.target.value}`))) }))) : null;
    replace(main,
      picker,
      h('div', { class: 'kpis' },
        kpi(t('forecast.model'), fc.model || '—'),
        kpi(t('forecast.wape'), typeof bt.wape === 'number' ? fmtPercent(bt.wape) : '—'),
        kpi(t('forecast.mae'), typeof bt.mae === 'number' ? fmtNumber(bt.mae, 1) : '—'),
        kpi(t('forecast.interval'), fc.interval_minutes ? t('forecast.minutes', { n: fc.interval_minutes }) : fc.interval || '—'),
        kpi(t('forecast.horizon'), points.length ? `${fmtDay(first)} – ${fmtDay(localDay(points[points.length - 1].t))}` : '—')),
      fared ? h('section', { 'aria-labelledby': 'fared' },
        h('h2', { id: 'fared' }, t('forecast.fared')),
        h('div', { class: 'kpis' },
          kpi(t('forecast.fared_wape'), pct(outcome.wape), typeof outcome.wape === 'number' && typeof outcome.backtest_wape === 'number' && outcome.wape > 1.5 * outcome.backtest_wape ? 'bad' : ''),
          kpi(t('forecast.bias'), typeof outcome.bias === 'number' ? `${outcome.bias > 0 ? '+' : ''}${fmtPercent(outcome.bias)}` : '—'),
          kpi(t('forecast.coverage'), pct(outcome.coverage)),
          kpi(t('forecast.actual'), fmtNumber(outcome.actual, 0))),
        h('p', { class: 'muted small' }, t('forecast.fared_note', { days: outcome.days, forecast: fmtNumber(outcome.forecast, 0), backtest: pct(outcome.backtest_wape) }))) : null,
      h('div', { class: 'card' },
        forecastChart(history, points, { labels: { title: t('forecast.chart') } }),
        h('div', { class: 'legend' },
          h('span', {}, h('span', { class: 'sw', style: { background: '#8a93a3' } }), t('forecast.history')),
          h('span', {}, h('span', { class: 'sw', style: { background: '#1f5fbf' } }), t('forecast.forecast')),
          h('span', {}, h('span', { class: 'sw', style: { background: '#cfe0fb' } }), t('forecast.band')),
          anyAdj ? h('span', {}, h('span', { class: 'sw', style: { background: '#c2410c' } }), t('forecast.adjusted')) : null),
        h('p', { class: 'muted small' }, t('forecast.backtest_note', { created: fc.created_at ? fmtDateTime(fc.created_at) : '—' }))),
      h('div', { class: 'grid-2' },
        h('div', {}, h('h2', {}, t('forecast.daily')),
          scrollBox(t('forecast.daily'), h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, t('forecast.day')), h('th', { class: 'num' }, t('forecast.forecast')),
              h('th', { class: 'num' }, 'p10'), h('th', { class: 'num' }, 'p90'), anyAdj ? h('th', { class: 'num' }, t('forecast.adjusted')) : null,
              fared ? h('th', { class: 'num' }, t('forecast.actual')) : null)),
            h('tbody', {}, [...daily].map(([d, r]) => h('tr', {}, h('td', {}, fmtDay(d)), h('td', { class: 'num' }, fmtNumber(r.f, 0)),
              h('td', { class: 'num' }, r.lo === null ? '—' : fmtNumber(r.lo, 0)), h('td', { class: 'num' }, r.hi === null ? '—' : fmtNumber(r.hi, 0)),
              anyAdj ? h('td', { class: 'num' }, fmtNumber(r.adj, 0)) : null,
              fared ? h('td', { class: 'num' }, actualOn.has(d) ? fmtNumber(actualOn.get(d), 0) : '—') : null)))))),
        h('div', {}, h('h2', {}, t('forecast.adjustments')), adjustForm(fc, first, points),
          adjustments.length ? h('ul', { class: 'shift-list' }, adjustments.map((a) => adjustmentItem(fc, a)))
            : h('p', { class: 'muted' }, t('forecast.no_adjustments')))));
  }

  // adjustmentItem shows one adjustment; leads and admins may remove it
  // (HR reads forecasts only).
  function adjustmentItem(fc, a) {
    const amount = a.percent !== undefined && a.percent !== null ? `${a.percent > 0 ? '+' : ''}${fmtNumber(a.percent, 0)} %` : `= ${fmtNumber(a.absolute, 1)}`;
    const range = `${fmtDateTime(a.from)} – ${fmtDateTime(a.to)}`;
    const mayRemove = a.id && session?.me?.user?.role !== 'hr';
    return h('li', {},
      h('span', { class: 'day' }, amount),
      h('span', {}, range), h('span', { class: 'muted small' }, a.reason || a.note || ''),
      mayRemove ? removeButton(`${amount}, ${range}`, t('forecast.remove_adjustment_text'), async () => {
        const updated = await api.request('DELETE', `/forecasts/${fc.id}/adjustments/${encodeURIComponent(a.id)}`);
        await draw(updated?.data?.points ? updated.data : await api.get(`/forecasts/${fc.id}`));
      }) : null);
  }

  function adjustForm(fc, first, points) {
    const last = points.length ? localDay(points[points.length - 1].t) : addDays(first, 13);
    // The first whole morning, 08:00–12:00: a forecast made from the
    // evening's history starts at night, when a centre is often closed
    // and a percentage would change nothing.
    let fromDay = first;
    if (points.length && localMinutes(points[0].t) > 8 * 60 && addDays(first, 1) <= last) fromDay = addDays(first, 1);
    const [fromTime, toDay, toTime] = ['08:00', fromDay, '12:00'];
    const day = h('input', { type: 'date', name: 'adj_from_day', required: true, value: fromDay, min: first, max: last });
    const from = h('input', { type: 'time', name: 'adj_from', required: true, value: fromTime, step: 900 });
    const dayTo = h('input', { type: 'date', name: 'adj_to_day', required: true, value: toDay, min: first, max: last });
    const to = h('input', { type: 'time', name: 'adj_to', required: true, value: toTime, step: 900 });
    const kind = select([{ value: 'percent', label: t('forecast.percent') }, { value: 'absolute', label: t('forecast.absolute') }], 'percent', { name: 'kind' });
    const amount = h('input', { type: 'number', name: 'amount', required: true, step: 'any', value: 10, inputmode: 'decimal' });
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('forecast.apply'));
    return h('form', {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        replace(errors);
        const a = instant(day.value, from.value);
        const b = instant(dayTo.value, to.value);
        if (!(b > a) || amount.value === '') {
          replace(errors, h('div', { class: 'alert alert-error', role: 'alert' }, t('forecast.bad_adjustment')));
          return;
        }
        submit.disabled = true;
        try {
          const body = { from: a.toISOString(), to: b.toISOString(), [kind.value]: Number(amount.value) };
          const updated = await busy(api.post(`/forecasts/${fc.id}/adjustments`, body));
          notice(t('forecast.adjusted_ok'), 'ok');
          await draw(updated && updated.points ? updated : await api.get(`/forecasts/${fc.id}`));
        } catch (err) {
          submit.disabled = false;
          replace(errors, errorBox(err));
        }
      },
    },
    h('p', { class: 'muted small' }, t('forecast.adjust_hint')),
    h('div', { class: 'inline' }, field(t('forecast.adj_from_day'), day), field(t('forecast.adj_from'), from)),
    h('div', { class: 'inline' }, field(t('forecast.adj_to_day'), dayTo), field(t('forecast.adj_to'), to)),
    h('div', { class: 'inline' }, field(t('forecast.kind'), kind), field(t('forecast.amount'), amount)),
    errors, submit);
  }

  await load();
  return () => controller.abort();
}
