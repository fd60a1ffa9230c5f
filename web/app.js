/*
 * web/app.js: the resorb web page's entry point (an ES module, loaded by index.html): the
 * language, the views and the start.
 *
 * Plain JavaScript, no framework, no inline script or style (the server's Content-Security-
 * Policy forbids both). The parts:
 *   ui.js          shared state, the message catalog, element builders, statements, the API call
 *   form.js        the case form; assessment.js the assessment view; charts.js the SVG charts
 *   evidence.js    the evidence dialog
 *   registry.js    sign in and out, the patient list, a patient's timeline
 *
 * Views are chosen by the URL's fragment, so the browser's back button and bookmarks work:
 *   #/ (or none)      the case form and its assessment
 *   #/login           the sign-in form (?next=#/... : where to go afterwards)
 *   #/patients        the patient list
 *   #/patients/ID     one patient's timeline
 */
import { $, state, t, LANGS, loadCatalog, applyTexts } from './ui.js';
import { initForm, resend } from './form.js';
import { initEvidence } from './evidence.js';
import {
  initRegistry, refreshUser, showUser, showLogin, showPatients, showTimeline,
} from './registry.js';

const VIEWS = ['assess', 'login', 'patients', 'timeline'];

function route() {
  const h = location.hash;
  let m;
  if (h.startsWith('#/login')) return { view: 'login' };
  if (h === '#/patients') return { view: 'patients' };
  if ((m = /^#\/patients\/([1-9][0-9]{0,17})$/.exec(h))) return { view: 'timeline', id: m[1] };
  return { view: 'assess' };
}

/* Shows the view the fragment names and loads what it needs. */
async function render() {
  const r = route();
  for (const v of VIEWS) $('view-' + v).hidden = v !== r.view;
  for (const a of document.querySelectorAll('.nav a')) {
    const current = a.dataset.view === r.view || (a.dataset.view === 'patients' && r.view === 'timeline');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (r.view === 'login') showLogin();
  else if (r.view === 'patients') await showPatients();
  else if (r.view === 'timeline') await showTimeline(r.id);
  if (r.view !== 'assess') {
    const heading = $('view-' + r.view).querySelector('h1');
    if (heading && r.view !== 'login') heading.focus({ preventScroll: true });
  }
}

async function setLanguage(lang, rerender) {
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
  if (rerender) {
    showUser(); // the account's role in the new language at once, before anything is fetched
    const r = route();
    if (r.view === 'assess') await resend();
    else await render();
    await refreshUser();
  }
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

/* Printing shows every collapsed explanation. */
function initPrint() {
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('main:not([hidden]) details:not([open])')) {
      d.dataset.printOpened = '1';
      d.open = true;
    }
  });
  window.addEventListener('afterprint', () => {
    for (const d of document.querySelectorAll('details[data-print-opened]')) {
      d.open = false;
      delete d.dataset.printOpened;
    }
  });
}

async function start() {
  initForm();
  initEvidence();
  initRegistry();
  initPrint();
  for (const b of document.querySelectorAll('.lang-button')) {
    b.addEventListener('click', () => setLanguage(b.dataset.lang, true));
  }
  window.addEventListener('hashchange', render);
  // The skip link goes to the heading of the view shown; following its href would change the
  // fragment, which chooses the view.
  document.querySelector('.skip-link').addEventListener('click', (ev) => {
    ev.preventDefault();
    const heading = document.querySelector('main:not([hidden]) h1');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  });
  await setLanguage(initialLanguage(), false);
  await refreshUser();
  await render();
  document.body.dataset.ready = '1';
}

start();
