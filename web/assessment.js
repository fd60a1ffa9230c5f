/*
 * web/assessment.js: the assessment view (resorb.assessment/1, docs/assessment.md): the triage
 * banner with its reasons, per finding the concordance and the resorption probability with its
 * interval and time course, scores, the symptom outlook, the plan, warnings and the evidence.
 * renderTriage also draws the current triage of a patient's timeline (registry.js).
 */
import {
  $, t, el, pct, valueLabel, sideWord, evidenceLinks, statements, section, details,
} from './ui.js';
import { resorptionChart } from './charts.js';

/* The triage banner; id names it (its category is id + '-category'). */
export function renderTriage(tr, id) {
  const cat = tr.category;
  return el('section', { class: 'triage triage-' + cat, id, 'data-category': cat },
    el('p', { class: 'triage-label' },
      el('span', { class: 'triage-caption' }, t('report.triage') + ': '),
      el('strong', { id: id + '-category' }, t('report.category.' + cat))),
    statements(tr.reasons),
    tr.not_assessed && tr.not_assessed.length ? el('p', { class: 'not-assessed' },
      el('strong', {}, t('report.not_assessed')), ' ',
      tr.not_assessed.map((f) => t('redflag.' + f)).join(t('server.web.list_separator'))) : null,
    tr.actions && tr.actions.length ? el('div', { class: 'actions' },
      el('p', {}, el('strong', {}, t('report.required_actions'))), statements(tr.actions, 'action')) : null);
}


function renderFinding(f, i) {
  const res = f.resorption;
  const title = [f.level, sideWord(f.side), valueLabel('morphology', f.morphology),
    f.zone ? '(' + valueLabel('zone', f.zone) + ')' : ''].filter(Boolean).join(' ');
  const roots = (f.roots || []).map((r) => sideWord(r.side) + ' ' + r.root).join(', ');
  const chartId = 'chart-title-' + i;
  return el('article', { class: 'finding', 'data-level': f.level, 'data-morphology': f.morphology },
    el('h4', {}, title, roots ? ' → ' + t('report.root') + ' ' + roots : ''),
    el('p', { class: 'concordance concordance-' + f.concordance },
      el('strong', {}, t('report.concordance') + ': '), t('report.concordance.' + f.concordance)),
    details(t('server.web.why'), statements(f.concordance_reasons)),
    el('div', { class: 'resorption' },
      el('div', { class: 'prob' },
        el('p', { class: 'prob-caption' }, t('report.resorption')),
        el('p', { class: 'prob-value', 'data-probability': res.probability }, pct(res.probability)),
        Array.isArray(res.interval)
          ? el('p', { class: 'prob-interval' }, t('server.web.interval', pct(res.interval[0]), pct(res.interval[1]))) : null,
        res.complete_resolution !== null && res.complete_resolution !== undefined
          ? el('p', { class: 'prob-complete' }, t('report.complete') + ' ' + pct(res.complete_resolution)) : null),
      resorptionChart(res, chartId)),
    el('p', { class: 'chart-legend' }, t('server.web.chart.legend')),
    el('p', { class: 'by-month' }, t('report.by_month') + ': ' +
      Object.keys(res.by_month).map((m) => t('server.web.chart.point', m, pct(res.by_month[m]))).join(', ')),
    details(t('server.web.how_computed'), statements(res.reasons), statements(res.modifiers, 'modifier')));
}

function renderFindings(a) {
  const parts = [];
  if (a.exam && a.exam.signs && a.exam.signs.length) {
    parts.push(el('p', {}, el('strong', {}, t('report.exam_signs'))), statements(a.exam.signs));
  }
  if (!a.findings || a.findings.length === 0) parts.push(el('p', {}, t('report.no_findings')));
  else a.findings.forEach((f, i) => parts.push(renderFinding(f, i)));
  return section('report.section.findings', parts);
}

function renderScores(a) {
  if (!a.scores || a.scores.length === 0) return null;
  const rows = a.scores.map((s) => el('li', {},
    el('strong', {}, s.label + ': '), s.computed ? String(s.value) : '–',
    s.band_label ? ' (' + s.band_label + ')' : '', s.date ? ' · ' + s.date : ''));
  return section('report.section.scores', el('ul', { class: 'scores' }, rows),
    statements(a.score_changes), statements(a.score_notes));
}

function renderOutlook(a) {
  const o = a.outlook;
  return section('report.section.outlook', statements(o.statements),
    statements(o.poor_prognosis, 'warning'), statements(o.not_assessed, 'unknown'));
}

function dateList(key, dates) {
  if (!dates || dates.length === 0) return null;
  return el('li', {}, el('strong', {}, t(key) + ': '), [].concat(dates).join(', '));
}

function renderPlan(a) {
  const p = a.plan;
  const drugs = (p.drugs || []).map((d) => el('li', { class: 'drug status-' + d.status, 'data-drug': d.name },
    el('span', { class: 'badge badge-' + d.status }, t('report.status.' + d.status)), ' ',
    el('strong', {}, t('drug.name.' + d.name)),
    d.dose ? el('p', { class: 'dose' }, d.dose.text, ' ', evidenceLinks(d.dose.evidence)) : null,
    details(t('server.web.why'), statements(d.reasons))));
  const blocks = (p.blocks || []).map((b) => el('li', { class: 'block status-' + b.status },
    el('span', { class: 'badge badge-' + b.status }, t('report.status.' + b.status)), ' ',
    el('strong', {}, t('block.type.' + b.type)),
    ' ' + [b.root ? sideWord(b.side) + ' ' + b.root : '', b.guidance ? t('server.web.value.' + b.guidance) : '']
      .filter(Boolean).join(' · '),
    details(t('server.web.why'), statements(b.reasons))));
  return section('report.section.plan',
    el('ul', { class: 'dates' },
      dateList('server.web.reassess', p.reassess),
      dateList('server.web.decision_points', p.decision_points),
      dateList('server.web.surgical_review_from', p.surgical_review_from)),
    statements(p.steps),
    p.refer_if && p.refer_if.length ? el('p', {}, el('strong', {}, t('report.refer_if'))) : null,
    statements(p.refer_if, 'refer'),
    p.options && p.options.length ? el('p', {}, el('strong', {}, t('report.options'))) : null,
    statements(p.options),
    el('h4', {}, t('report.section.treatment')),
    p.treatment_deferred ? el('p', { class: 'deferred' }, t('report.treatment_deferred')) : null,
    el('p', {}, el('strong', {}, t('report.phenotype') + ': '), t('report.phenotype.' + p.phenotype)),
    details(t('server.web.why'), statements(p.phenotype_reasons)),
    el('p', {}, el('strong', {}, t('report.clearance') + ': '),
      typeof p.creatinine_clearance_ml_min === 'number'
        ? Math.round(p.creatinine_clearance_ml_min) + ' mL/min' : t('report.not_computable')),
    details(t('server.web.why'), statements(p.clearance_reasons)),
    drugs.length ? el('p', {}, el('strong', {}, t('report.drugs'))) : null,
    drugs.length ? el('ul', { class: 'drugs' }, drugs) : null,
    blocks.length ? el('p', {}, el('strong', {}, t('report.blocks'))) : null,
    blocks.length ? el('ul', { class: 'blocks' }, blocks) : null);
}

export function renderAssessment(a) {
  const body = $('result-body');
  body.textContent = '';
  const asOf = a.as_of + (a.as_of_source === 'case' ? '' : t('report.as_of_default'));
  body.append(
    el('p', { class: 'meta' }, (a.case_id ? a.case_id + ' · ' : '') + t('report.as_of') + ' ' + asOf),
    renderTriage(a.triage, 'triage'),
    renderFindings(a),
    renderScores(a),
    renderOutlook(a),
    renderPlan(a),
    a.warnings && a.warnings.length ? section('report.section.warnings', statements(a.warnings, 'warning')) : null,
    section('report.section.evidence', el('p', { class: 'all-evidence' }, evidenceLinks(a.evidence))),
    el('p', { class: 'disclaimer' }, a.disclaimer));
  const result = $('result');
  $('result-placeholder').hidden = true;
  result.scrollIntoView({ block: 'start' });
  $('result-title').focus({ preventScroll: true });
}

