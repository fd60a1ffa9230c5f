/*
 * web/ui.js: what every part of the page shares: the page's state, the message catalog (t),
 * element builders (el, svg), number and value formatting, and the statement lists with their
 * evidence links that the assessment and the patient timeline both show.
 *
 * Every string shown comes from the message catalog that the server serves as JSON
 * (GET /api/v1/messages?lang=en|ja): the page's own strings (server.web.*) and the words of the
 * reports (report.*, redflag.*, drug.name.*, ...), so the page and the CLI say the same thing.
 */
export const LANGS = ['en', 'ja'];

export const state = {
  lang: 'en',
  messages: {},
  catalogs: {},
  lastCase: null,      // the case last sent, re-sent when the language changes
  kept: {},            // parts of a loaded case the form has no fields for, sent unchanged
  study: 0,            // index of the form's study in imaging[] (earlier studies come first)
  uid: 0,
  user: null,          // the signed-in user {user, role} (registry.js), or null
};

const RAW_LABELS = new Set(['dermatome', 'level']); // shown as written: "L5/S1", "S1"

/* ---- small helpers ---- */
export const $ = (id) => document.getElementById(id);

export function t(key, ...args) {
  const s = state.messages[key];
  if (s === undefined) return key;
  return s.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
}
export const has = (key) => state.messages[key] !== undefined;

export function el(tag, attrs, ...children) {
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

export const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
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
export function pct(p) {
  if (typeof p !== 'number' || !isFinite(p)) return '–';
  const k = Math.round(p * 1000);
  let whole = Math.floor(k / 10);
  const rest = k - whole * 10;
  if (rest > 5 || (rest === 5 && whole % 2 === 1)) whole += 1;
  return whole + '%';
}

export function valueLabel(enumName, v) {
  if (RAW_LABELS.has(enumName)) return v;
  if (enumName === 'muscle') return t('concordance.muscle.' + v);
  const specific = 'server.web.value.' + enumName + '.' + v;
  return has(specific) ? t(specific) : t('server.web.value.' + v);
}

/* ---- the message catalog ---- */
export async function loadCatalog(lang) {
  if (!state.catalogs[lang]) {
    const r = await fetch('/api/v1/messages?lang=' + encodeURIComponent(lang));
    if (!r.ok) throw new Error('messages ' + r.status);
    state.catalogs[lang] = (await r.json()).messages;
  }
  return state.catalogs[lang];
}

/* Fills every data-i18n element under root with its message in the current language. */
export function applyTexts(root) {
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


/* ---- statements: {key, text, evidence} as in every report ---- */
export function evidenceLinks(ids) {
  if (!ids || ids.length === 0) return null;
  return el('span', { class: 'evidence' }, ids.map((id) => el('a', {
    class: 'ev', href: '/api/v1/evidence/' + encodeURIComponent(id), 'data-ev': id,
  }, id)));
}

export function statement(s, mark) {
  return el('li', { class: mark ? 'mark-' + mark : null, 'data-key': s.key },
    el('span', { class: 'statement' }, s.text), ' ', evidenceLinks(s.evidence));
}

export function statements(list, mark) {
  if (!list || list.length === 0) return null;
  return el('ul', { class: 'statements' }, list.map((s) => statement(s, mark)));
}

export function section(titleKey, ...children) {
  return el('section', { class: 'card' }, el('h3', {}, t(titleKey)), ...children);
}

export function details(summaryText, ...children) {
  const content = children.filter(Boolean);
  if (content.length === 0) return null;
  return el('details', { class: 'more' }, el('summary', {}, summaryText), ...content);
}

export function sideWord(side) { return side ? valueLabel('finding_side', side) : ''; }


/* ---- the API ---- */
/*
 * Calls the API in the page's language: {status, ok, body} with the JSON body (null when there
 * is none). A network failure throws. The session cookie goes along (same origin).
 */
export async function api(method, path, body) {
  const opts = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const sep = path.includes('?') ? '&' : '?';
  const r = await fetch(path + sep + 'lang=' + encodeURIComponent(state.lang), opts);
  let json = null;
  try { json = await r.json(); } catch (e) { /* no JSON body */ }
  return { status: r.status, ok: r.ok, body: json };
}

/* The message of an API error body, else the HTTP status. */
export function errorText(res) {
  return res.body && res.body.error && res.body.error.message ? res.body.error.message : String(res.status);
}
