/*
 * web/evidence.js: the evidence dialog. Every evidence id the page shows is a link to
 * /api/v1/evidence/{id}; a plain click opens the row (value, population, source, DOI or PMID,
 * confidence) in a modal dialog instead, and closing it returns the focus to the link.
 */
import { $, state, t, el } from './ui.js';

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

/* Opens evidence links in the dialog (ctrl/cmd/shift-click still opens the JSON). */
export function initEvidence() {
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a.ev');
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    openEvidence(a.dataset.ev, a);
  });
  $('evidence-close').addEventListener('click', () => $('evidence-dialog').close());
  $('evidence-dialog').addEventListener('close', () => { if (dialogReturn) dialogReturn.focus(); });
}
