// Inline SVG charts: coverage (required vs scheduled per interval) and
// forecast (history, forecast, prediction band). Drawn from data with
// viewBox scaling so they fit any width.

import { s } from './dom.js';
import { localDay, localTime, fmtDay, fmtTime, fmtNumber } from './time.js';

const W = 1000;
const PAD = { l: 44, r: 12, t: 12, b: 34 };

function niceMax(v) {
  if (!(v > 0)) return 1;
  // Four grid steps, each a round number.
  const step = v / 4;
  const p = 10 ** Math.floor(Math.log10(step));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= step) return 4 * m * p;
  return 40 * p;
}

function yAxis(height, max, fmt = (v) => fmtNumber(v, Number.isInteger(v) ? 0 : 1)) {
  const out = [];
  const ih = height - PAD.t - PAD.b;
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = PAD.t + ih - (ih * i) / 4;
    out.push(s('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y, y2: y }));
    out.push(s('text', { x: PAD.l - 6, y: y + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  return out;
}

/** xTicks labels days (or hours when the span is one day). */
function xTicks(t0, t1, x, height) {
  const out = [];
  const span = t1 - t0;
  const y = height - PAD.b + 16;
  if (span <= 36 * 3600e3) {
    const first = Math.ceil(t0 / 3600e3) * 3600e3;
    for (let t = first; t <= t1; t += 3600e3) {
      if (Number(localTime(t).slice(0, 2)) % 3 !== 0 || x(t) > W - PAD.r - 20) continue;
      out.push(s('line', { class: 'axis', x1: x(t), x2: x(t), y1: height - PAD.b, y2: height - PAD.b + 4 }));
      out.push(s('text', { x: x(t), y, 'text-anchor': 'middle' }, fmtTime(t)));
    }
    return out;
  }
  let last = '';
  const every = span > 15 * 86400e3 ? 7 : 1;
  let n = 0;
  for (let t = t0; t <= t1; t += 3600e3) {
    const d = localDay(t);
    if (d === last) continue;
    last = d;
    if (localTime(t) !== '00:00' && t !== t0) continue;
    if (n++ % every !== 0 || x(t) > W - PAD.r - 40) continue;
    out.push(s('line', { class: 'grid', x1: x(t), x2: x(t), y1: PAD.t, y2: height - PAD.b }));
    out.push(s('text', { x: x(t) + 3, y, 'text-anchor': 'start' }, fmtDay(d, { weekday: 'short', day: 'numeric' })));
  }
  return out;
}

/**
 * coverageChart draws scheduled agents as bars (red where below required,
 * amber where above required by more than overBy) and required as a step line.
 * points: [{start (ms), end (ms), required, scheduled}] sorted by start.
 */
export function coverageChart(points, { height = 220, overBy = 2, labels = {} } = {}) {
  if (!points.length) return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}` });
  const t0 = points[0].start;
  const t1 = points[points.length - 1].end;
  const max = niceMax(Math.max(...points.map((p) => Math.max(p.required, p.scheduled))) * 1.1);
  const iw = W - PAD.l - PAD.r;
  const ih = height - PAD.t - PAD.b;
  const x = (t) => PAD.l + ((t - t0) / (t1 - t0)) * iw;
  const y = (v) => PAD.t + ih - (v / max) * ih;
  // Scheduled agents as bars (amber when over-covered); the shortfall up to
  // the requirement as a red block, so under-cover shows even at zero.
  const bars = points.flatMap((p) => {
    const under = p.scheduled < p.required - 1e-9;
    const over = p.scheduled > p.required + overBy;
    const x0 = x(p.start);
    const w = Math.max(0.5, x(p.end) - x0 - 0.3);
    const tip = s('title', {}, `${fmtDay(localDay(p.start))} ${fmtTime(p.start)}: ${labels.scheduled || 'scheduled'} ${fmtNumber(p.scheduled, 0)}, ${labels.required || 'required'} ${fmtNumber(p.required, 1)}`);
    const out = [];
    if (p.scheduled > 0) {
      out.push(s('rect', { x: x0, y: y(p.scheduled), width: w, height: Math.max(0, y(0) - y(p.scheduled)), fill: over ? '#e0a526' : '#7fa7e0', 'data-state': over ? 'over' : 'ok' }, under ? null : tip));
    }
    if (under) {
      out.push(s('rect', { x: x0, y: y(p.required), width: w, height: Math.max(0, y(p.scheduled) - y(p.required)), fill: '#d9534f', 'fill-opacity': 0.55, 'data-state': 'under' }, tip));
    }
    return out;
  });
  let d = '';
  points.forEach((p, i) => {
    d += `${i ? 'L' : 'M'}${x(p.start).toFixed(1)},${y(p.required).toFixed(1)}H${x(p.end).toFixed(1)}`;
  });
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': labels.title || '' },
    yAxis(height, max), xTicks(t0, t1, x, height), bars,
    s('path', { d, fill: 'none', stroke: '#15223b', 'stroke-width': 1.6 }),
    s('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: y(0), y2: y(0) }));
}

/**
 * forecastChart draws history (grey), the p10–p90 band (light blue),
 * the forecast (blue) and the adjusted forecast when it differs.
 * history: [{t, v}], forecast: [{t, v, lo, hi, adj}] with t in ms.
 */
export function forecastChart(history, forecast, { height = 260, labels = {} } = {}) {
  const all = [...history.map((p) => p.t), ...forecast.map((p) => p.t)];
  if (!all.length) return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}` });
  const t0 = Math.min(...all);
  const t1 = Math.max(...all);
  const max = niceMax(Math.max(1, ...history.map((p) => p.v), ...forecast.map((p) => Math.max(p.hi ?? 0, p.v, p.adj ?? 0))) * 1.05);
  const iw = W - PAD.l - PAD.r;
  const ih = height - PAD.t - PAD.b;
  const x = (t) => PAD.l + ((t - t0) / Math.max(1, t1 - t0)) * iw;
  const y = (v) => PAD.t + ih - (v / max) * ih;
  // Lines break where data is missing (e.g. a queue closed at night).
  const line = (pts, f) => {
    const ok = pts.filter((p) => f(p) !== null && f(p) !== undefined);
    let step = Infinity;
    for (let i = 1; i < ok.length; i++) { const d = ok[i].t - ok[i - 1].t; if (d > 0 && d < step) step = d; }
    return ok.map((p, i) => `${i && p.t - ok[i - 1].t <= 2 * step ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(f(p)).toFixed(1)}`).join('');
  };
  const banded = forecast.filter((p) => p.lo !== undefined && p.hi !== undefined && p.lo !== null && p.hi !== null);
  let band = '';
  if (banded.length) {
    band = banded.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.hi).toFixed(1)}`).join('')
      + banded.slice().reverse().map((p) => `L${x(p.t).toFixed(1)},${y(p.lo).toFixed(1)}`).join('') + 'Z';
  }
  const adjusted = forecast.some((p) => p.adj !== undefined && p.adj !== null && Math.abs(p.adj - p.v) > 1e-9);
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': labels.title || '' },
    yAxis(height, max), xTicks(t0, t1, x, height),
    band ? s('path', { d: band, fill: '#cfe0fb', stroke: 'none', 'data-series': 'band' }) : null,
    s('path', { d: line(history, (p) => p.v), fill: 'none', stroke: '#8a93a3', 'stroke-width': 1.2, 'data-series': 'history' }),
    s('path', { d: line(forecast, (p) => p.v), fill: 'none', stroke: '#1f5fbf', 'stroke-width': 1.6, 'data-series': 'forecast' }),
    adjusted ? s('path', { d: line(forecast, (p) => p.adj), fill: 'none', stroke: '#c2410c', 'stroke-width': 1.6, 'stroke-dasharray': '5 3', 'data-series': 'adjusted' }) : null,
    s('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: y(0), y2: y(0) }));
}
