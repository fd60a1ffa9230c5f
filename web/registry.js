/*
 * web/registry.js: the parts of the page that need a signed-in user (docs/api.md#authentication):
 *  - sign in (POST /api/v1/login: the server sets an HttpOnly session cookie that no script
 *    reads) and sign out, and who is signed in (GET /api/v1/me);
 *  - the patient list (GET /api/v1/patients);
 *  - a patient's timeline (GET /api/v1/patients/{id}/timeline and /forecast, and the record
 *    itself for its age and sex): the current triage, each herniation's measured size against
 *    its forecast band, symptom scores over time, the visits with their triage, the studies.
 * The server decides who may see what: a 401 sends the user to the sign-in form (and back after
 * it), a 403 or 404 shows the server's message. Nothing here is computed from the numbers that
 * the server did not say; the charts draw them and the tables list them.
 */
import {
  $, state, t, el, pct, valueLabel, sideWord, evidenceLinks, statements, section, details, api,
  errorText,
} from './ui.js';
import { renderTriage } from './assessment.js';
import { sizeChart, scoreChart } from './charts.js';
import { assessCase } from './form.js';

/* ---- who is signed in ---- */
export async function refreshUser() {
  let res = null;
  try { res = await api('GET', '/api/v1/me'); } catch (e) { /* offline: nobody */ }
  state.user = res && res.ok ? res.body : null;
  showUser();
}

/* Shows who is signed in (state.user), in the current language. */
export function showUser() {
  const u = state.user;
  $('account-name').textContent = u ? t('server.web.account.signed_in', u.user, t('server.web.role.' + u.role)) : '';
  $('account-name').hidden = !u;
  $('sign-out').hidden = !u;
  $('sign-in-link').hidden = Boolean(u);
}

/* Where the sign-in form sends the user afterwards (a route of this page, never a URL). */
function nextRoute() {
  const m = /^#\/login\?next=(.*)$/.exec(location.hash);
  let next = '';
  try { next = m ? decodeURIComponent(m[1]) : ''; } catch (e) { /* malformed: the default */ }
  return /^#\/[A-Za-z0-9/]*$/.test(next) ? next : '#/patients';
}

function requireLogin() {
  location.hash = '#/login?next=' + encodeURIComponent(location.hash);
}

async function onLogin(ev) {
  ev.preventDefault();
  const alert = $('login-error');
  alert.hidden = true;
  const button = $('login-submit');
  button.disabled = true;
  try {
    const res = await api('POST', '/api/v1/login', { user: $('login-user').value, password: $('login-password').value });
    if (!res.ok) {
      alert.textContent = errorText(res);
      alert.hidden = false;
      alert.focus();
      return;
    }
    $('login-password').value = '';
    state.user = { user: res.body.user, role: res.body.role };
    showUser();
    location.hash = nextRoute();
  } catch (e) {
    alert.textContent = t('server.web.network_error');
    alert.hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function onLogout() {
  try { await api('POST', '/api/v1/logout', {}); } catch (e) { /* the cookie is ended below */ }
  state.user = null;
  showUser();
  $('login-note').textContent = t('server.web.login.signed_out');
  $('login-note').hidden = false;
  location.hash = '#/login';
}

export function showLogin() {
  if (state.user) $('login-note').textContent = t('server.web.account.signed_in', state.user.user, t('server.web.role.' + state.user.role));
  $('login-note').hidden = !state.user && !$('login-note').textContent;
  $('login-user').focus();
}

/* A refusal or failure in a view: the server's message, and a way on. */
function showProblem(box, res) {
  box.textContent = '';
  box.append(el('p', { class: 'problem', role: 'alert', 'data-status': res.status }, errorText(res)));
}

/* ---- the patient list ---- */
export async function showPatients() {
  const box = $('patients-body');
  box.textContent = t('server.web.busy');
  let res;
  try { res = await api('GET', '/api/v1/patients'); } catch (e) {
    box.textContent = t('server.web.network_error');
    return;
  }
  if (res.status === 401) { requireLogin(); return; }
  if (!res.ok) { showProblem(box, res); return; }
  const patients = res.body.patients || [];
  box.textContent = '';
  if (patients.length === 0) {
    box.append(el('p', { class: 'placeholder' }, t('server.web.patients.empty')));
    return;
  }
  const cols = ['id', 'case_id', 'age', 'sex', 'onset', 'first', 'last', 'visits', 'studies'];
  const numeric = new Set(['id', 'age', 'visits', 'studies']);
  const head = el('tr', {}, cols.map((c) => el('th', { scope: 'col', class: numeric.has(c) ? 'num' : null }, t('server.web.patients.col.' + c))));
  const rows = patients.map((p) => el('tr', { 'data-patient': p.id },
    cols.map((c) => {
      if (c === 'case_id') {
        return el('th', { scope: 'row' }, el('a', { href: '#/patients/' + p.id, class: 'open-timeline' }, p.case_id || ('#' + p.id)));
      }
      if (c === 'sex') return el('td', {}, p.sex ? valueLabel('sex', p.sex) : '–');
      const v = p[c];
      return el('td', { class: typeof v === 'number' ? 'num' : null }, v === null || v === undefined ? '–' : String(v));
    })));
  box.append(el('table', { class: 'table patients' },
    el('caption', {}, t('server.web.patients.caption', patients.length)),
    el('thead', {}, head), el('tbody', {}, rows)));
}

/* ---- a patient's timeline ---- */
function cell(v, cls) {
  return el('td', { class: cls || (typeof v === 'number' ? 'num' : null) }, v === null || v === undefined || v === '' ? '–' : String(v));
}

function table(cls, caption, cols, rows) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'table ' + cls },
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col' }, t(c))))),
    el('tbody', {}, rows)));
}

function num(v, digits) {
  if (typeof v !== 'number' || !isFinite(v)) return '–';
  const f = Math.pow(10, digits);
  return String(Math.round(v * f) / f);
}

const unitText = (u) => ({ mm3: 'mm³', mm2: 'mm²', mm: 'mm' }[u] || u || '');

function renderHerniation(h, fh, i) {
  const title = [h.level, sideWord(h.side), valueLabel('morphology', h.morphology)].filter(Boolean).join(' ');
  const unit = unitText(fh && fh.unit ? fh.unit : (h.points[0] && h.points[0].unit));
  const measured = table('measurements', t('server.web.timeline.measured'),
    ['server.web.timeline.col.date', 'server.web.timeline.col.months', 'server.web.timeline.col.measure',
      'server.web.timeline.col.size', 'server.web.timeline.col.reduction', 'server.web.timeline.col.grade'],
    h.points.map((p) => el('tr', {},
      el('th', { scope: 'row' }, p.date), cell(num(p.months, 1), 'num'),
      cell(p.measure ? t('followup.measure.' + p.measure) : null),
      cell(typeof p.size === 'number' ? num(p.size, 1) + ' ' + unitText(p.unit) : null, 'num'),
      cell(typeof p.reduction_percent === 'number' ? num(p.reduction_percent, 1) + '%' : null, 'num'),
      cell(p.grade ? t('followup.grade.' + p.grade) : null))));
  const horizons = fh && Array.isArray(fh.horizons) ? fh.horizons : [];
  // Sizes in mm (AP depth) need a decimal; volumes in mm³ do not.
  const d = fh && fh.baseline && fh.baseline.size < 100 ? 1 : 0;
  const interval = (z, lo, hi) => num(z.size[lo], d) + '–' + num(z.size[hi], d) + ' ' + unit;
  const forecast = horizons.length ? table('forecast', t('server.web.timeline.forecast'),
    ['server.web.timeline.col.date', 'server.web.timeline.col.months', 'server.web.timeline.col.median',
      'server.web.timeline.col.interval80', 'server.web.timeline.col.interval95'],
    horizons.map((z) => el('tr', {}, el('th', { scope: 'row' }, z.date), cell(z.months, 'num'),
      cell(num(z.size.median, d) + ' ' + unit + ' (' + pct(z.relative.median) + ')', 'num'),
      cell(interval(z, 'low80', 'high80'), 'num'), cell(interval(z, 'low95', 'high95'), 'num')))) : null;
  const reasons = fh ? fh.reasons || [] : [];
  const headline = reasons.filter((r) => /^followup\.forecast\.(fit|half|single|no_|not_)/.test(r.key));
  const method = reasons.filter((r) => !headline.includes(r));
  return el('article', { class: 'herniation', 'data-level': h.level, 'data-side': h.side || '' },
    el('h4', {}, title, h.grade_label ? ' · ' + h.grade_label : ''),
    sizeChart(h, fh, 'size-title-' + i),
    el('p', { class: 'chart-legend' }, t(horizons.length ? 'server.web.timeline.legend_size' : 'server.web.timeline.legend_measured')),
    statements(h.reasons),
    statements(headline),
    measured,
    forecast,
    details(t('server.web.timeline.how_forecast'), statements(method)));
}

function renderSymptoms(tl) {
  const series = tl.symptoms || [];
  const nrs = series.filter((s) => /_nrs$/.test(s.instrument) && s.points.length > 0);
  const other = series.filter((s) => !/_nrs$/.test(s.instrument) && s.points.length > 0);
  const charts = [];
  if (nrs.length) charts.push(scoreChart(nrs, 10, 'nrs-title', t('server.web.timeline.chart_nrs')));
  for (const s of other) {
    const max = s.instrument === 'odi' ? 100 : Math.max(10, ...s.points.map((p) => p.value));
    charts.push(scoreChart([s], max, 'score-title-' + s.instrument, s.label));
  }
  const parts = charts.length ? [el('div', { class: 'charts' }, charts)] : [];
  for (const s of series) {
    if (s.change) parts.push(el('div', { class: 'change', 'data-instrument': s.instrument },
      el('p', {}, el('strong', {}, s.label + ': '), t('score.verdict.' + s.change.verdict)),
      statements(s.change.reasons)));
  }
  if (parts.length === 0) parts.push(el('p', { class: 'placeholder' }, t('server.web.timeline.no_scores')));
  return section('server.web.timeline.section.symptoms', parts);
}

function renderVisits(tl) {
  const visits = tl.visits || [];
  if (visits.length === 0) return section('server.web.timeline.section.visits', el('p', { class: 'placeholder' }, t('server.web.timeline.no_visits')));
  const rows = visits.map((v) => el('tr', { 'data-visit': v.visit, 'data-category': v.triage.category },
    el('th', { scope: 'row' }, v.date), cell(num(v.months_since_onset, 1), 'num'),
    cell(v.leg_pain_nrs), cell(v.back_pain_nrs), cell(v.course ? valueLabel('course', v.course) : null),
    el('td', {}, el('span', { class: 'tag tag-' + v.triage.category }, t('report.category.' + v.triage.category)),
      v.triage.changed ? el('span', { class: 'changed' }, ' ' + t('server.web.timeline.changed')) : null,
      details(t('server.web.why'), statements(v.triage.reasons)))));
  return section('server.web.timeline.section.visits', table('visits', null,
    ['server.web.timeline.col.date', 'server.web.timeline.col.since_onset', 'server.web.timeline.col.leg',
      'server.web.timeline.col.back', 'server.web.timeline.col.course', 'server.web.timeline.col.triage'], rows));
}

function renderStudies(tl) {
  const studies = tl.studies || [];
  if (studies.length === 0) return null;
  const items = studies.map((s) => el('li', {}, el('strong', {}, s.date + ' ' + valueLabel('modality', s.modality) + ': '),
    (s.findings || []).map((f) => [f.level, sideWord(f.side), valueLabel('morphology', f.morphology),
      typeof f.volume_mm3 === 'number' ? f.volume_mm3 + ' mm³' : '', typeof f.ap_mm === 'number' ? 'AP ' + f.ap_mm + ' mm' : '']
      .filter(Boolean).join(' ')).join('; ')));
  return section('server.web.timeline.section.studies', el('ul', { class: 'studies' }, items));
}

export async function showTimeline(id) {
  const box = $('timeline-body');
  $('timeline-title').textContent = t('server.web.timeline.title');
  box.textContent = t('server.web.busy');
  let res;
  try {
    res = await Promise.all(['', '/timeline', '/forecast'].map((p) => api('GET', '/api/v1/patients/' + id + p)));
  } catch (e) {
    box.textContent = t('server.web.network_error');
    return;
  }
  if (res.some((r) => r.status === 401)) { requireLogin(); return; }
  const failed = res.find((r) => !r.ok);
  if (failed) { showProblem(box, failed); return; }
  const [kase, tl, fc] = res.map((r) => r.body);
  const p = kase.patient || {};
  $('timeline-title').textContent = t('server.web.timeline.title_of', tl.case_id || ('#' + id));
  box.textContent = '';
  const forecastFor = (h) => (fc.herniations || []).find((f) => f.level === h.level && (f.side || '') === (h.side || ''));
  const herniations = (tl.herniations || []).map((h, i) => renderHerniation(h, forecastFor(h), i));
  const assess = el('button', { type: 'button', id: 'assess-record', class: 'secondary', onclick: async () => {
    location.hash = '#/';
    await assessCase(kase);
  } }, t('server.web.timeline.assess'));
  box.append(
    el('p', { class: 'meta' }, t('server.web.timeline.meta', p.age === undefined ? '–' : p.age,
      p.sex ? valueLabel('sex', p.sex) : '–', tl.onset || '–', tl.as_of)),
    el('div', { class: 'view-tools' }, el('a', { href: '#/patients', class: 'button secondary' }, t('server.web.timeline.back')), assess),
    el('h3', {}, t('server.web.timeline.current', tl.record.date)),
    renderTriage(tl.record.triage, 'record-triage'),
    section('server.web.timeline.section.size', herniations.length ? herniations
      : el('p', { class: 'placeholder' }, t('server.web.timeline.no_herniations'))),
    renderSymptoms(tl),
    renderVisits(tl),
    renderStudies(tl),
    section('server.web.timeline.section.notes', statements(tl.notes), statements(fc.notes)),
    section('report.section.evidence', el('p', { class: 'all-evidence' },
      evidenceLinks([...new Set([...(tl.evidence || []), ...(fc.evidence || [])])].sort()))),
    el('p', { class: 'disclaimer' }, tl.disclaimer));
}

export function initRegistry() {
  $('login-form').addEventListener('submit', onLogin);
  $('sign-out').addEventListener('click', onLogout);
}
