/*
 * web/charts.js: the page's SVG charts, drawn from the numbers of the JSON documents (nothing is
 * computed here that the server did not say):
 *  - resorptionChart: an assessment finding's P(regressed by month m), with the eventual
 *    probability and its interval (resorb.assessment/1);
 *  - sizeChart: a herniation's measured size against its forecast band (resorb.timeline/1 and
 *    resorb.forecast/1): the 80% and 95% intervals at the forecast's horizons, joined from the
 *    baseline; the 25% and 50% reduction lines of Zou 2023's bands;
 *  - scoreChart: symptom scores over time (leg and back pain NRS, ODI).
 * Each chart is an <svg role="img"> whose <title> says in words what it shows; the page also
 * lists the same numbers as text or in a table.
 */
import { t, svg, pct } from './ui.js';

export function resorptionChart(res, titleId) {
  const W = 320, H = 150, L = 40, R = 12, T = 12, B = 30;
  const months = Object.keys(res.by_month).map(Number).sort((x, y) => x - y);
  const maxM = Math.max(24, ...months);
  const x = (m) => L + (m / maxM) * (W - L - R);
  const y = (p) => T + (1 - p) * (H - T - B);
  const g = [];
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    g.push(svg('line', { x1: L, x2: W - R, y1: y(p), y2: y(p), class: 'grid' }));
    g.push(svg('text', { x: L - 6, y: y(p) + 4, class: 'tick', 'text-anchor': 'end', text: Math.round(p * 100) + '%' }));
  }
  for (const m of [0].concat(months)) {
    g.push(svg('text', { x: x(m), y: H - B + 16, class: 'tick', 'text-anchor': 'middle', text: String(m) }));
  }
  g.push(svg('text', { x: (L + W - R) / 2, y: H - 2, class: 'axis-label', 'text-anchor': 'middle',
    text: t('server.web.chart.months') }));
  if (Array.isArray(res.interval)) {
    g.push(svg('rect', { x: L, width: W - L - R, y: y(res.interval[1]),
      height: Math.max(1, y(res.interval[0]) - y(res.interval[1])), class: 'band' }));
  }
  g.push(svg('line', { x1: L, x2: W - R, y1: y(res.probability), y2: y(res.probability), class: 'plateau' }));
  const pts = [[0, 0]].concat(months.map((m) => [m, res.by_month[String(m)]]));
  g.push(svg('polyline', { points: pts.map(([m, p]) => x(m) + ',' + y(p)).join(' '), class: 'curve' }));
  for (const [m, p] of pts.slice(1)) {
    g.push(svg('circle', { cx: x(m), cy: y(p), r: 3.5, class: 'point' }));
  }
  const desc = months.map((m) => t('server.web.chart.point', m, pct(res.by_month[String(m)]))).join(', ');
  return svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-labelledby': titleId },
    svg('title', { id: titleId, text: t('server.web.chart.title') + ': ' + desc }), g);
}


const DAY_MS = 86400000;
const dayNumber = (iso) => Date.parse(iso + 'T00:00:00Z') / DAY_MS;

/* A number for a tick label: whole above 10, else one decimal. */
function tickNumber(v) {
  return Math.abs(v) >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

/* A frame: plot area, axes' scales, horizontal grid with labels. */
function frame(W, H, xMax, yMax, yTicks, yLabel) {
  const L = 46, R = 14, T = 12, B = 32;
  const x = (v) => L + (v / xMax) * (W - L - R);
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const g = [];
  for (const v of yTicks) {
    g.push(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
    g.push(svg('text', { x: L - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end', text: yLabel(v) }));
  }
  return { W, H, L, R, T, B, x, y, g };
}

function polyline(points, cls) {
  return svg('polyline', { points: points.map(([a, b]) => a + ',' + b).join(' '), class: cls });
}

/*
 * A herniation's size over the months since its baseline study: the measured points (h: a
 * herniation of resorb.timeline/1; only its series measure) and, when fh (the same herniation
 * in resorb.forecast/1) has horizons, the forecast's median and its 80% and 95% bands.
 */
export function sizeChart(h, fh, titleId) {
  const W = 420, H = 200;
  const first = (h.points || []).find((p) => typeof p.size === 'number');
  const measure = (fh && fh.measure) || h.series_measure || (first ? first.measure : null);
  const pts = (h.points || []).filter((p) => p.measure === measure && typeof p.size === 'number')
    .map((p) => [p.months, p.size]);
  const base = fh && fh.baseline && typeof fh.baseline.size === 'number' ? fh.baseline.size
    : pts.length ? pts[0][1] : 1;
  const horizons = fh && Array.isArray(fh.horizons) ? fh.horizons : [];
  const lastMonth = Math.max(0, ...pts.map((p) => p[0]), ...horizons.map((z) => z.months));
  const xMax = Math.max(6, Math.ceil(lastMonth / 3) * 3);
  const yMax = Math.max(base, ...pts.map((p) => p[1]), ...horizons.map((z) => z.size.high95)) * 1.08;
  const f = frame(W, H, xMax, yMax, [0, 0.25, 0.5, 0.75, 1].map((r) => r * base), tickNumber);
  const { x, y, g } = f;
  for (let m = 0; m <= xMax; m += xMax > 12 ? 6 : 3) {
    g.push(svg('text', { x: x(m), y: H - f.B + 16, class: 'tick', 'text-anchor': 'middle', text: String(m) }));
  }
  g.push(svg('text', { x: (f.L + W - f.R) / 2, y: H - 2, class: 'axis-label', 'text-anchor': 'middle',
    text: t('server.web.timeline.chart_months') }));
  // Zou 2023's bands: a reduction of 25% (partial) and 50% (marked) from the baseline.
  for (const [share, key] of [[0.75, 'server.web.timeline.line_25'], [0.5, 'server.web.timeline.line_50']]) {
    g.push(svg('line', { x1: f.L, x2: W - f.R, y1: y(share * base), y2: y(share * base), class: 'threshold' }));
    g.push(svg('text', { x: W - f.R - 2, y: y(share * base) - 3, class: 'tick', 'text-anchor': 'end', text: t(key) }));
  }
  if (horizons.length > 0) {
    const band = (lo, hi, cls) => {
      const upper = [[x(0), y(base)]].concat(horizons.map((z) => [x(z.months), y(z.size[hi])]));
      const lower = horizons.map((z) => [x(z.months), y(z.size[lo])]).reverse();
      return svg('polygon', { points: upper.concat(lower).map(([a, b]) => a + ',' + b).join(' '), class: cls });
    };
    g.push(band('low95', 'high95', 'band95'), band('low80', 'high80', 'band80'));
    g.push(polyline([[x(0), y(base)]].concat(horizons.map((z) => [x(z.months), y(z.size.median)])), 'median'));
  }
  if (pts.length > 0) {
    g.push(polyline(pts.map(([m, s]) => [x(m), y(s)]), 'observed'));
    for (const [m, s] of pts) g.push(svg('circle', { cx: x(m), cy: y(s), r: 4, class: 'observed-point' }));
  }
  const unit = fh && fh.unit ? fh.unit : (h.points && h.points[0] && h.points[0].unit) || '';
  const words = pts.map(([m, s]) => t('server.web.timeline.chart_point', tickNumber(m), tickNumber(s), unit)).join(', ');
  const band = horizons.map((z) => t('server.web.timeline.chart_band', z.months, tickNumber(z.size.low80),
    tickNumber(z.size.high80), unit)).join(', ');
  return svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart chart-size', role: 'img', 'aria-labelledby': titleId },
    svg('title', { id: titleId, text: t('server.web.timeline.chart_size') + ': ' + words + (band ? '. ' + band : '') }), g);
}

/*
 * Scores over time: series is [{instrument, label, points: [{date, value}]}] on one scale
 * (0..yMax); dates on the x axis, from the first point to the last.
 */
export function scoreChart(series, yMax, titleId, titleText) {
  const W = 420, H = 170 + 15 * series.length; // the legend goes under the dates
  const all = series.flatMap((s) => s.points.map((p) => dayNumber(p.date)));
  const d0 = Math.min(...all);
  const span = Math.max(1, Math.max(...all) - d0);
  const step = yMax > 10 ? 25 : 2;
  const ticks = [];
  for (let v = 0; v <= yMax; v += step) ticks.push(v);
  const f = frame(W, H - 15 * series.length, span, yMax, ticks, String);
  const { x, y, g } = f;
  const first = series.flatMap((s) => s.points).reduce((a, p) => (p.date < a ? p.date : a), '9999');
  const last = series.flatMap((s) => s.points).reduce((a, p) => (p.date > a ? p.date : a), '0000');
  g.push(svg('text', { x: x(0), y: f.H - f.B + 16, class: 'tick', 'text-anchor': 'start', text: first }));
  if (last !== first) {
    g.push(svg('text', { x: x(span), y: f.H - f.B + 16, class: 'tick', 'text-anchor': 'end', text: last }));
  }
  const words = [];
  series.forEach((s, i) => {
    const pts = s.points.map((p) => [x(dayNumber(p.date) - d0), y(p.value)]);
    g.push(polyline(pts, 'series series-' + i));
    for (const [a, b] of pts) g.push(svg('circle', { cx: a, cy: b, r: 3.5, class: 'series-point series-' + i }));
    // The legend, under the dates: a short stroke in the series' style and its name.
    const ly = f.H + 6 + i * 15;
    g.push(svg('line', { x1: f.L, x2: f.L + 22, y1: ly, y2: ly, class: 'series series-' + i }));
    g.push(svg('text', { x: f.L + 28, y: ly + 4, class: 'legend', text: s.label }));
    words.push(s.label + ': ' + s.points.map((p) => p.date + ' ' + p.value).join(', '));
  });
  return svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart chart-scores', role: 'img', 'aria-labelledby': titleId },
    svg('title', { id: titleId, text: titleText + ': ' + words.join('; ') }), g);
}
