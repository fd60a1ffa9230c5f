/*
 * web/form.js: the case form. It enters the fields of the case format (resorb.case/1,
 * docs/case-format.md) and does not validate: it turns what was entered into a case and lets
 * the server judge; the server's diagnostics (JSON pointer + message) are shown next to the
 * field the pointer names, and in a summary at the top. A loaded case keeps what the form has
 * no field for and sends it unchanged.
 */
import { $, state, t, has, el, valueLabel, applyTexts } from './ui.js';
import { renderAssessment } from './assessment.js';

const CASE_FORMAT = 'resorb.case/1';
const EXAMPLE_URL = '/examples/seed-l5s1-right.json';

/* ---- enumerations of the case format (docs/case-format.md) ---- */
const ENUMS = {
  sex: ['female', 'male', 'other', 'unknown'],
  leg_side: ['left', 'right', 'both', 'none'],
  course: ['improving', 'stable', 'worsening'],
  exam_side: ['left', 'right'],
  muscle: ['hip_flexion', 'knee_extension', 'ankle_dorsiflexion', 'great_toe_extension',
    'hip_abduction', 'ankle_plantarflexion', 'knee_flexion'],
  dermatome: ['L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2'],
  sensory_finding: ['reduced', 'absent', 'paresthesia'],
  reflex: ['patellar', 'achilles'],
  grade: ['absent', 'reduced', 'normal', 'increased'],
  perianal: ['normal', 'reduced', 'absent'],
  anal_tone: ['normal', 'reduced'],
  modality: ['mri', 'ct'],
  level: ['L1/L2', 'L2/L3', 'L3/L4', 'L4/L5', 'L5/S1'],
  morphology: ['bulge', 'protrusion', 'extrusion', 'sequestration'],
  zone: ['central', 'subarticular', 'foraminal', 'extraforaminal'],
  finding_side: ['left', 'right', 'midline'],
  migration: ['none', 'cranial', 'caudal'],
  rim: ['complete', 'partial', 'none'],
  bool: ['yes', 'no'],
  tri: ['yes', 'no'],
};
const RED_FLAGS = ['urinary_retention', 'urinary_incontinence', 'bowel_incontinence',
  'saddle_anesthesia', 'sexual_dysfunction', 'bilateral_leg_symptoms', 'fever',
  'unexplained_weight_loss', 'significant_trauma', 'night_pain'];
const CODE_LISTS = {
  conditions: ['peptic_ulcer', 'gi_bleeding_history', 'ckd', 'dialysis', 'heart_failure',
    'hepatic_impairment', 'aspirin_exacerbated_respiratory_disease', 'cancer_history',
    'immunosuppression', 'iv_drug_use', 'osteoporosis', 'diabetes', 'hypertension'],
  medications: ['anticoagulant', 'antiplatelet', 'ssri_snri', 'corticosteroid', 'opioid',
    'benzodiazepine', 'maoi', 'lithium', 'ace_inhibitor_or_arb', 'diuretic'],
  allergies: ['nsaid', 'acetaminophen', 'local_anesthetic', 'corticosteroid', 'contrast'],
};

/* The repeatable rows: [field, kind, enum or number attributes, required]. A required
 * choice starts at "— choose —", an optional one at "not recorded". */
const LISTS = {
  slr: { base: '/exam/slr', fields: [['side', 'select', 'exam_side', true],
    ['positive', 'bool', null, true], ['angle_deg', 'number', { min: 0, max: 90 }]] },
  motor: { base: '/exam/motor', fields: [['muscle', 'select', 'muscle', true],
    ['side', 'select', 'exam_side', true], ['mmt', 'number', { min: 0, max: 5 }, true],
    ['progressive', 'tri']] },
  sensory: { base: '/exam/sensory', fields: [['dermatome', 'select', 'dermatome', true],
    ['side', 'select', 'exam_side', true], ['finding', 'select', 'sensory_finding', true]] },
  reflexes: { base: '/exam/reflexes', fields: [['reflex', 'select', 'reflex', true],
    ['side', 'select', 'exam_side', true], ['grade', 'select', 'grade', true]] },
  findings: { base: '/imaging/0/findings', fields: [['level', 'select', 'level', true],
    ['morphology', 'select', 'morphology', true], ['zone', 'select', 'zone'],
    ['side', 'select', 'finding_side'], ['migration', 'select', 'migration'],
    ['rim_enhancement', 'select', 'rim'], ['ap_mm', 'number', { min: 0, max: 30, step: 0.1 }]] },
};


/* ---- building the form ---- */
function fillSelect(select, enumName, required) {
  select.textContent = '';
  const emptyKey = enumName === 'tri' ? 'server.web.tri.unknown'
    : required ? 'server.web.choose' : 'server.web.not_recorded';
  select.append(el('option', { value: '', 'data-enum-value': emptyKey, 'data-enum-name': enumName }));
  for (const v of ENUMS[enumName]) {
    select.append(el('option', { value: v, 'data-enum-value': v, 'data-enum-name': enumName }));
  }
}

function buildCodeLists() {
  const box = $('code-lists');
  for (const [list, codes] of Object.entries(CODE_LISTS)) {
    const id = 'list-' + list;
    const checks = codes.map((code) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: list, value: code }),
      el('span', { 'data-i18n': 'server.web.' + list + '.' + code })));
    box.append(el('fieldset', { class: 'code-list', 'data-path': '/patient/' + list },
      el('legend', { 'data-i18n': 'server.web.field.' + list }),
      el('label', { class: 'check recorded' },
        el('input', { type: 'checkbox', id: id + '-recorded', 'data-recorded': list }),
        el('span', { 'data-i18n': 'server.web.recorded' })),
      el('div', { class: 'checks' }, checks)));
  }
}

function buildRedFlags() {
  const box = $('red-flag-rows');
  for (const flag of RED_FLAGS) {
    const name = 'rf-' + flag;
    const option = (value, key) => el('label', { class: 'tri-option' },
      el('input', { type: 'radio', name, value, checked: value === '' }),
      el('span', { 'data-i18n': key }));
    box.append(el('fieldset', { class: 'tri-row', 'data-path': '/history/red_flags/' + flag },
      el('legend', { class: 'flag-name', 'data-i18n': 'redflag.' + flag }),
      option('yes', 'server.web.value.yes'), option('no', 'server.web.value.no'),
      option('', 'server.web.tri.not_asked')));
  }
}

function buildLists() {
  for (const box of document.querySelectorAll('[data-list]')) {
    const list = box.dataset.list;
    box.append(
      el('h3', { 'data-i18n': 'server.web.list.' + list }),
      el('div', { class: 'rows', id: 'rows-' + list, 'data-path': LISTS[list].base }),
      el('button', { type: 'button', class: 'add-row secondary', 'data-add': list,
        'data-i18n': 'server.web.add.' + list, onclick: () => { addRow(list).querySelector('select, input').focus(); } }));
  }
}

function addRow(list, values) {
  const spec = LISTS[list];
  const uid = ++state.uid;
  const row = el('div', { class: 'row', role: 'group', 'data-row': list });
  const extra = Object.assign({}, values || {});
  for (const [field, kind, opt, required] of spec.fields) {
    const id = list + '-' + uid + '-' + field;
    let control;
    if (kind === 'number') {
      control = el('input', { id, type: 'number', inputmode: 'decimal', min: opt.min, max: opt.max,
        step: opt.step || 1, 'data-field': field });
      if (values && values[field] !== undefined) control.value = String(values[field]);
    } else {
      const enumName = kind === 'select' ? opt : kind;
      control = el('select', { id, 'data-field': field, 'data-kind': kind });
      fillSelect(control, enumName, Boolean(required));
      if (values && values[field] !== undefined) {
        control.value = kind === 'select' ? String(values[field]) : values[field] ? 'yes' : 'no';
      }
    }
    delete extra[field];
    row.append(el('div', { class: 'field', 'data-field': field },
      el('label', { for: id }, el('span', { 'data-i18n': 'server.web.col.' + field }),
        required ? el('span', { class: 'req' }, ' ', el('span', { 'aria-hidden': 'true' }, '*'),
          el('span', { class: 'visually-hidden', 'data-i18n': 'server.web.required' })) : null), control));
  }
  row._extra = extra; // fields of a loaded case that the row has no control for
  row.append(el('button', { type: 'button', class: 'remove-row secondary',
    'data-i18n-aria': 'server.web.remove_row', onclick: () => removeRow(row) }, '×'));
  $('rows-' + list).append(row);
  renumber(list);
  applyTexts(row);
  return row;
}

function removeRow(row) {
  const list = row.dataset.row;
  const next = row.nextElementSibling || row.previousElementSibling;
  row.remove();
  renumber(list);
  const addButton = document.querySelector('[data-add="' + list + '"]');
  (next ? next.querySelector('select, input') : addButton).focus();
}

function renumber(list) {
  const rows = $('rows-' + list).children;
  for (let i = 0; i < rows.length; i++) {
    rows[i].setAttribute('aria-label', t('server.web.row.' + list, i + 1));
    rows[i].dataset.i18nAria = 'server.web.row.' + list;
    rows[i].dataset.i18nArgs = String(i + 1);
    const rm = rows[i].querySelector('.remove-row');
    rm.dataset.i18nArgs = String(i + 1);
    rm.setAttribute('aria-label', t('server.web.remove_row', i + 1));
  }
}

/* ---- form <-> case ---- */
function str(id) { return $(id).value.trim(); }

/* A number if it looks like one, else the text as typed: the server says what is wrong. */
function numeric(text) {
  const s = text.trim();
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}
function triValue(v) { return v === 'yes' ? true : v === 'no' ? false : undefined; }
function put(obj, key, value) { if (value !== undefined && value !== '') obj[key] = value; }

function listBase(list) {
  return LISTS[list].base.replace(/^\/imaging\/0/, '/imaging/' + state.study);
}

/* Points the form's imaging fields at /imaging/n. */
function setStudyIndex(n) {
  state.study = n;
  for (const e of document.querySelectorAll('[data-path^="/imaging/"]')) {
    e.setAttribute('data-path', e.getAttribute('data-path').replace(/^\/imaging\/\d+/, '/imaging/' + n));
  }
}

function collectRows(list) {
  const out = [];
  for (const row of $('rows-' + list).children) {
    const item = Object.assign({}, row._extra);
    let empty = true;
    for (const c of row.querySelectorAll('[data-field]:is(input, select)')) {
      const f = c.dataset.field;
      let v;
      if (c.tagName === 'INPUT') v = numeric(c.value);
      else if (c.dataset.kind === 'select') v = c.value || undefined;
      else v = triValue(c.value);
      if (v !== undefined) empty = false;
      put(item, f, v);
    }
    for (const c of row.querySelectorAll('[data-field]:is(input, select)')) c.removeAttribute('data-path');
    row.removeAttribute('data-path');
    if (empty && Object.keys(row._extra).length === 0) continue; // a blank row: not sent
    const path = listBase(list) + '/' + out.length;
    row.setAttribute('data-path', path);
    for (const c of row.querySelectorAll('[data-field]:is(input, select)')) {
      c.setAttribute('data-path', path + '/' + c.dataset.field);
    }
    out.push(item);
  }
  return out;
}

function collectCase() {
  const k = state.kept;
  const c = { format: CASE_FORMAT };
  put(c, 'id', str('case-id'));
  put(c, 'as_of', str('case-as-of'));

  const p = Object.assign({}, k.patient);
  put(p, 'age', numeric($('patient-age').value));
  put(p, 'sex', str('patient-sex'));
  put(p, 'weight_kg', numeric($('patient-weight').value));
  put(p, 'height_cm', numeric($('patient-height').value));
  put(p, 'serum_creatinine_mg_dl', numeric($('patient-creatinine').value));
  put(p, 'pregnant', triValue($('patient-pregnant').value));
  for (const list of Object.keys(CODE_LISTS)) {
    if (document.querySelector('[data-recorded="' + list + '"]').checked) {
      p[list] = [...document.querySelectorAll('input[name="' + list + '"]:checked')].map((x) => x.value);
    }
  }
  c.patient = p;

  const h = Object.assign({}, k.history);
  put(h, 'onset', str('history-onset'));
  put(h, 'leg_pain_nrs', numeric($('history-leg-nrs').value));
  put(h, 'back_pain_nrs', numeric($('history-back-nrs').value));
  put(h, 'leg_pain_side', str('history-leg-side'));
  put(h, 'course', str('history-course'));
  const rf = {};
  for (const flag of RED_FLAGS) {
    const checked = document.querySelector('input[name="rf-' + flag + '"]:checked');
    put(rf, flag, triValue(checked ? checked.value : ''));
  }
  if (Object.keys(rf).length > 0) h.red_flags = rf;
  put(h, 'prior_lumbar_surgery', triValue($('history-prior-surgery').value));
  c.history = h;

  const e = Object.assign({}, k.exam);
  for (const list of ['slr', 'motor', 'sensory', 'reflexes']) {
    const rows = collectRows(list);
    if (rows.length > 0) e[list] = rows;
  }
  put(e, 'crossed_slr', triValue($('exam-crossed-slr').value));
  put(e, 'perianal_sensation', str('exam-perianal'));
  put(e, 'anal_tone', str('exam-anal-tone'));
  put(e, 'post_void_residual_ml', numeric($('exam-pvr').value));
  if (Object.keys(e).length > 0) c.exam = e;

  const study = Object.assign({}, k.study);
  put(study, 'date', str('imaging-date'));
  put(study, 'modality', str('imaging-modality'));
  const findings = collectRows('findings');
  if (findings.length > 0 || Object.keys(study).length > 0) {
    study.findings = findings;
    // Earlier studies of a loaded case come first; the form holds the latest.
    c.imaging = (k.earlierStudies || []).concat([study]);
  } else if (k.earlierStudies && k.earlierStudies.length > 0) {
    c.imaging = k.earlierStudies;
  }
  for (const [key, value] of Object.entries(k.top || {})) c[key] = value;
  return c;
}

function resetForm() {
  $('case-form').reset();
  for (const list of Object.keys(LISTS)) $('rows-' + list).textContent = '';
  state.kept = {};
  state.lastCase = null;
  setStudyIndex(0);
  const note = $('kept-note');
  note.hidden = true;
  delete note.dataset.names;
  $('patient-lists').open = false;
  clearErrors();
}

function setValue(id, v) {
  if (v === undefined || v === null) return;
  const e = $(id);
  if (e.tagName === 'SELECT' && e.dataset.enum === 'tri') e.value = v ? 'yes' : 'no';
  else e.value = String(v);
}

/* Fills the form from a case; what the form has no field for is kept and sent unchanged. */
function fillForm(c) {
  resetForm();
  const kept = { top: {}, patient: {}, history: {}, exam: {}, study: {}, earlierStudies: [] };
  const handledTop = new Set(['format', 'id', 'as_of', 'patient', 'history', 'exam', 'imaging']);
  for (const [key, value] of Object.entries(c)) if (!handledTop.has(key)) kept.top[key] = value;
  setValue('case-id', c.id);
  setValue('case-as-of', c.as_of);

  const p = c.patient || {};
  const pHandled = { age: 'patient-age', sex: 'patient-sex', weight_kg: 'patient-weight',
    height_cm: 'patient-height', serum_creatinine_mg_dl: 'patient-creatinine', pregnant: 'patient-pregnant' };
  for (const [key, value] of Object.entries(p)) {
    if (pHandled[key]) setValue(pHandled[key], value);
    else if (CODE_LISTS[key] && Array.isArray(value)) {
      document.querySelector('[data-recorded="' + key + '"]').checked = true;
      for (const code of value) {
        const box = document.querySelector('input[name="' + key + '"][value="' + CSS.escape(String(code)) + '"]');
        if (box) box.checked = true;
      }
      $('patient-lists').open = true;
    } else kept.patient[key] = value;
  }

  const h = c.history || {};
  const hHandled = { onset: 'history-onset', leg_pain_nrs: 'history-leg-nrs', back_pain_nrs: 'history-back-nrs',
    leg_pain_side: 'history-leg-side', course: 'history-course', prior_lumbar_surgery: 'history-prior-surgery' };
  for (const [key, value] of Object.entries(h)) {
    if (hHandled[key]) setValue(hHandled[key], value);
    else if (key === 'red_flags' && value && typeof value === 'object') {
      for (const [flag, v] of Object.entries(value)) {
        const radio = document.querySelector('input[name="rf-' + CSS.escape(flag) + '"][value="' + (v ? 'yes' : 'no') + '"]');
        if (radio) radio.checked = true;
      }
    } else kept.history[key] = value;
  }

  const e = c.exam || {};
  const eHandled = { crossed_slr: 'exam-crossed-slr', perianal_sensation: 'exam-perianal',
    anal_tone: 'exam-anal-tone', post_void_residual_ml: 'exam-pvr' };
  for (const [key, value] of Object.entries(e)) {
    if (eHandled[key]) setValue(eHandled[key], value);
    else if (LISTS[key] && Array.isArray(value)) value.forEach((row) => addRow(key, row));
    else kept.exam[key] = value;
  }

  const studies = Array.isArray(c.imaging) ? c.imaging : [];
  if (studies.length > 0) {
    const latest = studies[studies.length - 1];
    kept.earlierStudies = studies.slice(0, -1);
    setStudyIndex(kept.earlierStudies.length);
    for (const [key, value] of Object.entries(latest)) {
      if (key === 'date') setValue('imaging-date', value);
      else if (key === 'modality') setValue('imaging-modality', value);
      else if (key === 'findings' && Array.isArray(value)) value.forEach((f) => addRow('findings', f));
      else kept.study[key] = value;
    }
  }
  state.kept = kept;
  const names = Object.keys(kept.top).concat(
    Object.keys(kept.patient).map((x) => 'patient.' + x),
    Object.keys(kept.history).map((x) => 'history.' + x),
    Object.keys(kept.exam).map((x) => 'exam.' + x),
    kept.earlierStudies.length ? ['imaging (' + kept.earlierStudies.length + ')'] : []);
  if (names.length > 0) {
    const note = $('kept-note');
    note.dataset.names = names.join(', ');
    note.textContent = t('server.web.kept', note.dataset.names);
    note.hidden = false;
  }
}

/* ---- errors ---- */
function clearErrors() {
  for (const e of document.querySelectorAll('.field-error')) e.remove();
  for (const e of document.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  }
  for (const e of document.querySelectorAll('.has-error')) e.classList.remove('has-error');
  const sum = $('form-errors');
  sum.hidden = true;
  sum.textContent = '';
}

/* The element a JSON pointer names, or its nearest ancestor that the form shows. */
function targetFor(path) {
  let p = path || '';
  for (;;) {
    const hit = document.querySelector('[data-path="' + CSS.escape(p) + '"]');
    if (hit && (hit.offsetParent !== null || hit.closest('details'))) return hit;
    if (p === '') return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function showDiagnostics(error) {
  clearErrors();
  const sum = $('form-errors');
  const list = el('ul');
  let n = 0;
  for (const d of error.diagnostics || []) {
    const target = targetFor(d.path);
    const text = d.message;
    const id = 'err-' + (++n);
    if (target) {
      const details = target.closest('details');
      if (details) details.open = true;
      const control = target.matches('input, select') ? target
        : target.querySelector('input, select');
      const holder = target.matches('input, select') ? target.closest('.field') || target.parentElement : target;
      holder.classList.add('has-error');
      holder.append(el('p', { class: 'field-error', id, 'data-problem': d.problem }, text));
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', id);
      }
    }
    list.append(el('li', {}, el('a', { href: '#' + id, onclick: (ev) => {
      ev.preventDefault();
      const c = target && (target.matches('input, select') ? target : target.querySelector('input, select'));
      if (c) c.focus();
    } }, (d.path ? d.path + ': ' : '') + text)));
  }
  sum.append(el('p', { class: 'summary-title' }, error.message || ''), list);
  sum.hidden = false;
  sum.focus();
}

/* ---- sending ---- */
async function send(c) {
  const busy = $('busy');
  const button = $('submit');
  button.disabled = true;
  busy.textContent = t('server.web.busy');
  try {
    const r = await fetch('/api/v1/assess?lang=' + state.lang, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(c),
    });
    const body = await r.json();
    if (r.ok) {
      clearErrors();
      renderAssessment(body);
    } else {
      showDiagnostics(body.error || { message: String(r.status), diagnostics: [] });
    }
  } catch (e) {
    showDiagnostics({ message: t('server.web.network_error'), diagnostics: [] });
  } finally {
    button.disabled = false;
    busy.textContent = '';
  }
}

async function onSubmit(ev) {
  ev.preventDefault();
  const c = collectCase();
  state.lastCase = c;
  await send(c);
}


async function loadExample() {
  const r = await fetch(EXAMPLE_URL);
  fillForm(await r.json());
  applyTexts(document);
  $('case-id').focus();
}

/* Re-sends the case last assessed (after a change of language). */
export async function resend() {
  if (state.lastCase) await send(state.lastCase);
}

/* Fills the form with a case (e.g. a registry record) and assesses it. */
export async function assessCase(c) {
  fillForm(c);
  applyTexts(document);
  const kase = collectCase();
  state.lastCase = kase;
  await send(kase);
}

export function initForm() {
  for (const s of document.querySelectorAll('select[data-enum]')) {
    fillSelect(s, s.dataset.enum, s.dataset.required === '1');
  }
  buildCodeLists();
  buildRedFlags();
  buildLists();
  $('case-form').addEventListener('submit', onSubmit);
  $('load-example').addEventListener('click', loadExample);
  $('clear-form').addEventListener('click', () => {
    resetForm();
    $('result-body').textContent = '';
    $('result-placeholder').hidden = false;
  });
}
