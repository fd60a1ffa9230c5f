/*
 * resorb web page: a case form, the assessment view and the evidence dialog.
 *
 * Plain JavaScript, no framework, no inline script or style (the server's Content-Security-
 * Policy forbids both). Every string shown comes from the message catalog that the server
 * serves as JSON (GET /api/v1/messages?lang=en|ja): the page's own strings (server.web.*) and
 * the words of the reports (report.*, redflag.*, drug.name.*, ...), so the page and the CLI
 * say the same thing. The form does not validate: it turns what was entered into a case
 * (resorb.case/1) and lets the server judge; the server's diagnostics (JSON pointer + message)
 * are shown next to the field the pointer names.
 */
'use strict';

(function () {
  const CASE_FORMAT = 'resorb.case/1';
  const LANGS = ['en', 'ja'];
  const EXAMPLE_URL = '/examples/seed-l5s1-right.json';

  const state = {
    lang: 'en',
    messages: {},
    catalogs: {},
    lastCase: null,      // the case last sent, re-sent when the language changes
    kept: {},            // parts of a loaded case the form has no fields for, sent unchanged
    study: 0,            // index of the form's study in imaging[] (earlier studies come first)
    uid: 0,
  };

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
  const RAW_LABELS = new Set(['dermatome', 'level']); // shown as written: "L5/S1", "S1"
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

  /* ---- small helpers ---- */
  const $ = (id) => document.getElementById(id);

  function t(key, ...args) {
    const s = state.messages[key];
    if (s === undefined) return key;
    return s.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
  }
  const has = (key) => state.messages[key] !== undefined;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v;
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c) e.append(c);
    return e;
  }

  /* A probability as a whole percent. The JSON carries 3 decimals, so a value whose last digit
   * is 5 lies exactly halfway: it is rounded half to even, as C's printf rounds a binary
   * half, so 0.685 reads 68% like the CLI's text report. */
  function pct(p) {
    if (typeof p !== 'number' || !isFinite(p)) return '–';
    const k = Math.round(p * 1000);
    let whole = Math.floor(k / 10);
    const rest = k - whole * 10;
    if (rest > 5 || (rest === 5 && whole % 2 === 1)) whole += 1;
    return whole + '%';
  }

  function valueLabel(enumName, v) {
    if (RAW_LABELS.has(enumName)) return v;
    if (enumName === 'muscle') return t('concordance.muscle.' + v);
    const specific = 'server.web.value.' + enumName + '.' + v;
    return has(specific) ? t(specific) : t('server.web.value.' + v);
  }

  /* ---- language ---- */
  async function loadCatalog(lang) {
    if (!state.catalogs[lang]) {
      const r = await fetch('/api/v1/messages?lang=' + encodeURIComponent(lang));
      if (!r.ok) throw new Error('messages ' + r.status);
      state.catalogs[lang] = (await r.json()).messages;
    }
    return state.catalogs[lang];
  }

  function applyTexts(root) {
    for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of root.querySelectorAll('[data-i18n-aria]')) {
      e.setAttribute('aria-label', t(e.dataset.i18nAria, ...(e.dataset.i18nArgs || '').split('|')));
    }
    for (const e of root.querySelectorAll('option[data-enum-value]')) {
      e.textContent = e.value === '' ? t(e.dataset.enumValue)
        : valueLabel(e.dataset.enumName, e.value);
    }
    const note = $('kept-note');
    if (note && note.dataset.names) note.textContent = t('server.web.kept', note.dataset.names);
  }

  async function setLanguage(lang, resubmit) {
    if (!LANGS.includes(lang)) lang = 'en';
    state.messages = await loadCatalog(lang);
    state.lang = lang;
    document.documentElement.lang = lang;
    document.title = t('server.web.title');
    for (const b of document.querySelectorAll('.lang-button')) {
      b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    }
    applyTexts(document);
    try { localStorage.setItem('resorb.lang', lang); } catch (e) { /* private mode */ }
    if (resubmit && state.lastCase) await send(state.lastCase);
  }

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

  /* ---- the assessment view ---- */
  function evidenceLinks(ids) {
    if (!ids || ids.length === 0) return null;
    return el('span', { class: 'evidence' }, ids.map((id) => el('a', {
      class: 'ev', href: '/api/v1/evidence/' + encodeURIComponent(id), 'data-ev': id,
    }, id)));
  }

  function statement(s, mark) {
    return el('li', { class: mark ? 'mark-' + mark : null, 'data-key': s.key },
      el('span', { class: 'statement' }, s.text), ' ', evidenceLinks(s.evidence));
  }

  function statements(list, mark) {
    if (!list || list.length === 0) return null;
    return el('ul', { class: 'statements' }, list.map((s) => statement(s, mark)));
  }

  function section(titleKey, ...children) {
    return el('section', { class: 'card' }, el('h3', {}, t(titleKey)), ...children);
  }

  function details(summaryText, ...children) {
    const content = children.filter(Boolean);
    if (content.length === 0) return null;
    return el('details', { class: 'more' }, el('summary', {}, summaryText), ...content);
  }

  function sideWord(side) { return side ? valueLabel('finding_side', side) : ''; }

  function renderTriage(a) {
    const tr = a.triage;
    const cat = tr.category;
    return el('section', { class: 'triage triage-' + cat, id: 'triage', 'data-category': cat },
      el('p', { class: 'triage-label' },
        el('span', { class: 'triage-caption' }, t('report.triage') + ': '),
        el('strong', { id: 'triage-category' }, t('report.category.' + cat))),
      statements(tr.reasons),
      tr.not_assessed && tr.not_assessed.length ? el('p', { class: 'not-assessed' },
        el('strong', {}, t('report.not_assessed')), ' ',
        tr.not_assessed.map((f) => t('redflag.' + f)).join(t('server.web.list_separator'))) : null,
      tr.actions && tr.actions.length ? el('div', { class: 'actions' },
        el('p', {}, el('strong', {}, t('report.required_actions'))), statements(tr.actions, 'action')) : null);
  }

  /* A small chart of P(regressed by month m) with the eventual probability and its interval. */
  function chart(res, titleId) {
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
        chart(res, chartId)),
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

  function renderAssessment(a) {
    const body = $('result-body');
    body.textContent = '';
    const asOf = a.as_of + (a.as_of_source === 'case' ? '' : t('report.as_of_default'));
    body.append(
      el('p', { class: 'meta' }, (a.case_id ? a.case_id + ' · ' : '') + t('report.as_of') + ' ' + asOf),
      renderTriage(a),
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

  /* ---- the evidence dialog ---- */
  let dialogReturn = null;

  async function openEvidence(id, opener) {
    const dialog = $('evidence-dialog');
    const bodyBox = $('evidence-body');
    $('evidence-title').textContent = id;
    bodyBox.textContent = t('server.web.busy');
    dialogReturn = opener;
    if (!dialog.open) dialog.showModal();
    try {
      const r = await fetch('/api/v1/evidence/' + encodeURIComponent(id) + '?lang=' + state.lang);
      const row = await r.json();
      bodyBox.textContent = '';
      if (!r.ok) {
        bodyBox.append(el('p', {}, row.error ? row.error.message : String(r.status)));
        return;
      }
      const label = state.lang === 'ja' && row.label_ja ? row.label_ja : row.label_en;
      const value = row.value === null ? t('server.web.qualitative')
        : row.value + (row.unit ? ' ' + row.unit : '') +
          (row.low !== null && row.high !== null ? ' (' + row.low + '–' + row.high + ')' : '');
      const dl = el('dl', { class: 'evidence-row' });
      const item = (key, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, t(key)), el('dd', {}, v)); };
      item('server.web.ev.label', label);
      item('server.web.ev.value', value);
      item('server.web.ev.population', row.population);
      item('server.web.ev.n', row.n);
      item('server.web.ev.source', [row.authors, row.title, row.journal, row.year].filter(Boolean).join('. '));
      if (row.doi) {
        item('server.web.ev.doi', el('a', { href: 'https://doi.org/' + row.doi, target: '_blank', rel: 'noopener noreferrer' }, row.doi));
      }
      if (row.pmid) {
        item('server.web.ev.pmid', el('a', { href: 'https://pubmed.ncbi.nlm.nih.gov/' + encodeURIComponent(row.pmid) + '/',
          target: '_blank', rel: 'noopener noreferrer' }, row.pmid));
      }
      item('server.web.ev.confidence', row.confidence);
      item('server.web.ev.note', row.note);
      bodyBox.append(dl);
    } catch (e) {
      bodyBox.textContent = t('server.web.network_error');
    }
  }

  /* ---- start ---- */
  async function loadExample() {
    const r = await fetch(EXAMPLE_URL);
    fillForm(await r.json());
    applyTexts(document);
    $('case-id').focus();
  }

  function initialLanguage() {
    const q = new URLSearchParams(location.search).get('lang');
    if (LANGS.includes(q)) return q;
    try {
      const saved = localStorage.getItem('resorb.lang');
      if (LANGS.includes(saved)) return saved;
    } catch (e) { /* private mode */ }
    return (navigator.language || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
  }

  async function start() {
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
    for (const b of document.querySelectorAll('.lang-button')) {
      b.addEventListener('click', () => setLanguage(b.dataset.lang, true));
    }
    document.addEventListener('click', (ev) => {
      const a = ev.target.closest('a.ev');
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      openEvidence(a.dataset.ev, a);
    });
    $('evidence-close').addEventListener('click', () => $('evidence-dialog').close());
    $('evidence-dialog').addEventListener('close', () => { if (dialogReturn) dialogReturn.focus(); });
    // Printing shows every collapsed explanation.
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('#result details:not([open])')) {
        d.dataset.printOpened = '1';
        d.open = true;
      }
    });
    window.addEventListener('afterprint', () => {
      for (const d of document.querySelectorAll('#result details[data-print-opened]')) {
        d.open = false;
        delete d.dataset.printOpened;
      }
    });
    await setLanguage(initialLanguage(), false);
    document.body.dataset.ready = '1';
  }

  document.addEventListener('DOMContentLoaded', start);
}());
