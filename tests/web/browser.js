// tests/web/browser.js URL ARTIFACT_DIR: drives the resorb web page in Debian's chromium through
// playwright-core (run by tests/sh/web_browser.sh, which starts the server and installs
// playwright-core). Each check prints "ok    NAME" or "FAIL  NAME: why"; the exit status is 1
// when any check failed. Screenshots and a print PDF go to ARTIFACT_DIR. The registry part signs
// in as RESORB_WEB_USER (a clinician) and RESORB_WEB_ADMIN (an admin), with their passwords in
// RESORB_WEB_PASSWORD and RESORB_WEB_ADMIN_PASSWORD; web_browser.sh creates them.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, artifacts] = process.argv.slice(2);
const env = (name) => {
  if (!process.env[name]) { console.error('browser.js: ' + name + ' is not set (tests/sh/web_browser.sh sets it)'); process.exit(2); }
  return process.env[name];
};
const user = env('RESORB_WEB_USER'), password = env('RESORB_WEB_PASSWORD');
const admin = env('RESORB_WEB_ADMIN'), adminPassword = env('RESORB_WEB_ADMIN_PASSWORD');
if (!url || !artifacts) {
  console.error('usage: node browser.js URL ARTIFACT_DIR');
  process.exit(2);
}
fs.mkdirSync(artifacts, { recursive: true });

let failed = 0;
function ok(name) { console.log('ok    ' + name); }
function fail(name, why) { failed++; console.log('FAIL  ' + name + ': ' + why); }
async function check(name, fn) {
  try {
    const r = await fn();
    if (r === false) fail(name, 'condition not met');
    else ok(name);
  } catch (e) {
    fail(name, (e && e.message ? e.message : String(e)).split('\n')[0]);
  }
}
function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(what + ': expected ' + JSON.stringify(expected) + ', got ' + JSON.stringify(actual));
}
function expectContains(text, part, what) {
  if (!String(text).includes(part)) throw new Error(what + ': ' + JSON.stringify(part) + ' not in ' + JSON.stringify(String(text).slice(0, 200)));
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'resorb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(10000);
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  // The deliberate error responses (the invalid case: 422; signed out: 401; a wrong password:
  // 401; an admin reading patients: 403) are logged by the browser too. Each error response is
  // checked against that list at the end, by method and path.
  const refusals = [];
  page.on('response', (r) => {
    if (r.status() >= 400) refusals.push(r.status() + ' ' + r.request().method() + ' ' + new URL(r.url()).pathname);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|403|422)/.test(m.text())) problems.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
  const shot = async (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: false });

  try {
    await check('the page loads with its catalog (English)', async () => {
      const resp = await page.goto(url + '?lang=en');
      expectEqual(resp.status(), 200, 'status');
      await page.waitForSelector('body[data-ready="1"]');
      expectEqual(await page.getAttribute('html', 'lang'), 'en', 'html lang');
      expectEqual((await page.textContent('#submit')).trim(), 'Assess', 'submit label');
      const csp = resp.headers()['content-security-policy'] || '';
      expectContains(csp, "script-src 'self'", 'CSP header');
    });

    await check('"Load example" fills the form with the worked case', async () => {
      await page.click('#load-example');
      await page.waitForFunction(() => document.getElementById('patient-age').value === '44');
      expectEqual(await page.inputValue('#case-id'), 'seed-l5s1-right', 'case id');
      expectEqual(await page.inputValue('#history-onset'), '2025-02-01', 'onset');
      expectEqual(await page.locator('#rows-motor .row').count(), 1, 'motor rows');
      expectEqual(await page.locator('#rows-findings .row').count(), 1, 'finding rows');
      expectEqual(await page.isChecked('input[name="rf-fever"][value="no"]'), true, 'fever asked: no');
      expectEqual(await page.isChecked('input[name="rf-night_pain"][value=""]'), true, 'night pain not asked');
    });
    await shot('en-form-1280x800.png');

    await check('every control has an accessible name (label or aria-label)', async () => {
      const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button, a[href]')]
        .filter((e) => e.offsetParent !== null || e.closest('details'))
        .filter((e) => {
          if (e.getAttribute('aria-label')) return false;
          if ((e.tagName === 'BUTTON' || e.tagName === 'A') && e.textContent.trim()) return false;
          return !(e.labels && e.labels.length > 0 && [...e.labels].some((l) => l.textContent.trim()));
        })
        .map((e) => e.tagName.toLowerCase() + '#' + (e.id || e.name || '?')));
      if (unnamed.length) throw new Error('no name: ' + unnamed.slice(0, 8).join(', '));
    });

    await check('keyboard only: Tab reaches the submit button and Enter submits', async () => {
      await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
      await page.focus('body');
      let reached = false;
      for (let i = 0; i < 250 && !reached; i++) { // bounded: the form has far fewer stops
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'submit');
      }
      if (!reached) throw new Error('250 Tab presses did not reach #submit');
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      if (ring === 'none') throw new Error('no visible focus on the submit button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#triage-category');
    });

    await check('the assessment: triage "conservative", extrusion resorption 68%', async () => {
      expectEqual(await page.getAttribute('#triage', 'data-category'), 'conservative', 'triage category');
      expectEqual((await page.textContent('#triage-category')).trim(), 'CONSERVATIVE', 'triage label');
      const prob = page.locator('.finding[data-morphology="extrusion"] .prob-value');
      expectEqual((await prob.textContent()).trim(), '68%', 'extrusion probability');
      expectContains(await page.textContent('.finding .prob-interval'), '52%', 'interval');
      expectEqual(await page.locator('.finding svg.chart circle').count(), 4, 'chart points (by month)');
      expectContains(await page.textContent('#triage .not-assessed'), 'night pain', 'not assessed list');
      expectEqual(await page.locator('.drugs li').count() > 0, true, 'plan drugs');
      expectEqual(await page.locator('.blocks li').count() > 0, true, 'plan blocks');
    });
    await shot('en-result-1280x800.png');
    await page.locator('.finding').first().scrollIntoViewIfNeeded();
    await shot('en-finding-1280x800.png');

    await check('an evidence id opens its row in a dialog, Escape closes it', async () => {
      const link = page.locator('#triage a.ev').first();
      const id = (await link.textContent()).trim();
      await link.click();
      await page.waitForSelector('#evidence-dialog[open] #evidence-body dl');
      expectEqual((await page.textContent('#evidence-title')).trim(), id, 'dialog title');
      expectContains(await page.textContent('#evidence-body'), 'Source', 'source shown');
      await shot('en-evidence-dialog-1280x800.png');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#evidence-dialog', { state: 'hidden' });
      const back = await page.evaluate(() => document.activeElement && document.activeElement.dataset.ev);
      expectEqual(back, id, 'focus returns to the link');
    });

    await check('switching to Japanese re-renders the page and the assessment', async () => {
      await page.click('button[data-lang="ja"]');
      await page.waitForFunction(() => (document.getElementById('triage-category')?.textContent || '').trim() === '保存療法');
      expectEqual(await page.getAttribute('html', 'lang'), 'ja', 'html lang');
      expectEqual((await page.textContent('#submit')).trim(), '評価する', 'submit label');
      expectEqual(await page.getAttribute('button[data-lang="ja"]', 'aria-pressed'), 'true', 'aria-pressed');
      expectEqual((await page.locator('.finding .prob-value').first().textContent()).trim(), '68%', 'probability');
      expectContains(await page.textContent('#triage .not-assessed'), '夜間痛', 'Japanese red flag name');
    });
    await shot('ja-result-1280x800.png');

    await check('an invalid value (MMT 6) shows the server\'s message next to the field', async () => {
      const mmt = page.locator('#rows-motor .row').first().locator('input[data-field="mmt"]');
      await mmt.fill('6');
      await page.click('#submit');
      const error = page.locator('#rows-motor .row').first().locator('.field[data-field="mmt"] .field-error');
      await error.waitFor();
      expectEqual(await error.getAttribute('data-problem'), 'range', 'problem');
      const text = await error.textContent();
      expectContains(text, '6', 'message names the value');
      expectContains(text, '0', 'message names the range');
      expectEqual(await mmt.getAttribute('aria-invalid'), 'true', 'aria-invalid');
      const described = await mmt.getAttribute('aria-describedby');
      expectEqual(await page.locator('#' + described).count(), 1, 'aria-describedby target');
      expectContains(await page.textContent('#form-errors'), '/exam/motor/0/mmt', 'summary names the path');
      // The same message the CLI and the API give for this case, in Japanese.
      const expected = await page.evaluate(async () => {
        const kase = await (await fetch('/examples/seed-l5s1-right.json')).json();
        kase.exam.motor[0].mmt = 6;
        const r = await fetch('/api/v1/validate?lang=ja', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(kase) });
        return (await r.json()).errors[0].message;
      });
      expectEqual(text.trim(), expected, 'message');
      await mmt.scrollIntoViewIfNeeded();
    });
    await shot('ja-invalid-mmt-1280x800.png');

    await check('correcting the value clears the error', async () => {
      const mmt = page.locator('#rows-motor .row').first().locator('input[data-field="mmt"]');
      await mmt.fill('4');
      await page.click('#submit');
      await page.waitForSelector('#form-errors', { state: 'hidden' });
      expectEqual(await page.locator('.field-error').count(), 0, 'errors left');
      await page.waitForFunction(() => (document.getElementById('triage-category')?.textContent || '').trim() === '保存療法');
    });

    await check('tablet width (768x1024): one column, no horizontal scrolling', async () => {
      await page.click('button[data-lang="en"]');
      await page.waitForFunction(() => (document.getElementById('triage-category')?.textContent || '').trim() === 'CONSERVATIVE');
      await page.setViewportSize({ width: 768, height: 1024 });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (widths[0] > widths[1]) throw new Error('page is ' + widths[0] + 'px wide in a ' + widths[1] + 'px window');
      const form = await page.locator('#case-form').boundingBox();
      const result = await page.locator('#result').boundingBox();
      if (!(result.y >= form.y + form.height - 1)) throw new Error('the result is not below the form');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('en-form-768x1024.png');
      await page.locator('#result').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('result').scrollIntoView({ block: 'start' }));
      await shot('en-result-768x1024.png');
    });

    await check('print: only the assessment (PDF saved)', async () => {
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => [getComputedStyle(document.getElementById('case-form')).display,
        getComputedStyle(document.getElementById('result')).display]);
      expectEqual(shown[0], 'none', 'form in print');
      if (shown[1] === 'none') throw new Error('the result is hidden in print');
      await page.screenshot({ path: path.join(artifacts, 'en-print-preview.png'), fullPage: true });
      await page.pdf({ path: path.join(artifacts, 'en-print.pdf'), format: 'A4' });
      await page.emulateMedia({ media: 'screen' });
    });

    // ---- the registry: sign in, the patient list, a patient's timeline ----
    await page.setViewportSize({ width: 1280, height: 800 });

    await check('signed out, "Patients" leads to the sign-in form', async () => {
      expectEqual(await page.isVisible('#sign-in-link'), true, 'sign-in link shown');
      await page.click('.nav a[data-view="patients"]');
      await page.waitForSelector('#view-login:not([hidden]) #login-user');
      expectContains(await page.evaluate(() => location.hash), '#/login?next=', 'fragment');
      expectEqual(await page.isVisible('#view-assess'), false, 'the form view is hidden');
    });

    await check('a wrong password is refused with the server\'s message, nothing else', async () => {
      await page.fill('#login-user', user);
      await page.fill('#login-password', password + '-wrong');
      await page.click('#login-submit');
      await page.waitForSelector('#login-error:not([hidden])');
      expectContains(await page.textContent('#login-error'), 'wrong user name or password', 'message');
      expectEqual(await page.isVisible('#sign-out'), false, 'not signed in');
    });
    await shot('en-login-refused-1280x800.png');

    await check('signing in opens the patient list (the cookie is HttpOnly: no script sees it)', async () => {
      await page.fill('#login-password', password);
      await page.click('#login-submit');
      await page.waitForSelector('table.patients');
      expectEqual(await page.locator('table.patients tbody tr').count(), 2, 'patients');
      expectContains(await page.textContent('#account-name'), user + ' (clinician)', 'account');
      expectEqual(await page.inputValue('#login-password'), '', 'password field cleared');
      expectEqual(await page.evaluate(() => document.cookie), '', 'document.cookie');
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'resorb_session');
      if (!session || !session.httpOnly || session.sameSite !== 'Strict') throw new Error('session cookie: ' + JSON.stringify(session));
    });
    await shot('en-patients-1280x800.png');

    await check('a patient\'s timeline: size against the forecast band, pain over time, visits', async () => {
      await page.click('table.patients a:text("followup-second-mri")');
      await page.waitForSelector('#view-timeline:not([hidden]) .herniation svg.chart-size');
      expectContains(await page.textContent('#timeline-title'), 'followup-second-mri', 'title');
      const h = page.locator('.herniation[data-level="L5/S1"]');
      expectEqual(await h.locator('svg .observed-point').count(), 2, 'measured points (two MRIs)');
      expectEqual(await h.locator('svg polygon.band80').count(), 1, '80% band');
      expectEqual(await h.locator('svg polygon.band95').count(), 1, '95% band');
      expectEqual(await h.locator('table.forecast tbody tr').count(), 3, 'forecast horizons (3, 6, 12 months)');
      expectContains(await h.locator('table.measurements').textContent(), '75.2%', 'measured reduction');
      expectContains(await h.textContent(), 'marked resorption', 'grade');
      // The chart's text alternative names the measured sizes.
      expectContains(await h.locator('svg.chart-size title').textContent(), '2100', 'chart title');
      const nrs = page.locator('svg.chart-scores').first();
      expectEqual(await nrs.locator('polyline.series').count(), 2, 'leg and back pain series');
      expectEqual(await nrs.locator('circle.series-point').count(), 12, 'six visits x two scores');
      expectEqual(await page.locator('table.visits tbody tr').count(), 6, 'visits');
      expectEqual(await page.getAttribute('table.visits tbody tr:first-child', 'data-category'), 'surgical_consultation', 'first visit triage');
      expectEqual(await page.getAttribute('#record-triage', 'data-category'), 'conservative', 'current triage');
      expectContains(await page.textContent('#view-timeline .disclaimer'), 'does not replace', 'disclaimer');
    });
    await shot('en-timeline-1280x800.png');
    await page.screenshot({ path: path.join(artifacts, 'en-timeline-full.png'), fullPage: true });

    await check('the skip link goes to the timeline\'s heading and stays on the timeline', async () => {
      await page.focus('.skip-link');
      await page.keyboard.press('Enter');
      expectEqual(await page.evaluate(() => document.activeElement.id), 'timeline-title', 'focus');
      expectEqual(await page.evaluate(() => location.hash), '#/patients/1', 'fragment');
    });

    await check('the timeline in Japanese', async () => {
      await page.click('button[data-lang="ja"]');
      await page.waitForFunction(() => document.getElementById('timeline-title').textContent.includes('経過'));
      await page.waitForFunction(() => (document.getElementById('record-triage-category')?.textContent || '').trim() === '保存療法');
      expectContains(await page.textContent('.herniation'), '著明な吸収', 'grade in Japanese');
      expectContains(await page.textContent('#account-name'), '臨床医', 'role in Japanese');
    });
    await shot('ja-timeline-1280x800.png');

    await check('tablet width: the timeline fits (no horizontal scrolling)', async () => {
      await page.setViewportSize({ width: 768, height: 1024 });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (widths[0] > widths[1]) throw new Error('page is ' + widths[0] + 'px wide in a ' + widths[1] + 'px window');
      await shot('ja-timeline-768x1024.png');
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check('"Assess this record" assesses the stored record in the form', async () => {
      await page.click('button[data-lang="en"]');
      await page.waitForFunction(() => (document.getElementById('record-triage-category')?.textContent || '').trim() === 'CONSERVATIVE');
      await page.click('#assess-record');
      await page.waitForFunction(() => !document.getElementById('view-assess').hidden);
      await page.waitForFunction(() => document.querySelector('#result .meta') && document.querySelector('#result .meta').textContent.includes('followup-second-mri'));
      expectEqual(await page.inputValue('#case-id'), 'followup-second-mri', 'case id in the form');
      expectEqual(await page.getAttribute('#triage', 'data-category'), 'conservative', 'triage');
    });

    await check('signing out ends the session: a timeline then asks to sign in again', async () => {
      await page.click('#sign-out');
      await page.waitForSelector('#view-login:not([hidden]) #login-note:not([hidden])');
      expectContains(await page.textContent('#login-note'), 'signed out', 'note');
      expectEqual((await context.cookies()).some((c) => c.name === 'resorb_session' && c.value), false, 'cookie cleared');
      await page.evaluate(() => { location.hash = '#/patients/1'; });
      await page.waitForFunction(() => location.hash.startsWith('#/login?next='));
      // Signing in returns to the timeline that was asked for.
      await page.fill('#login-user', user);
      await page.fill('#login-password', password);
      await page.click('#login-submit');
      await page.waitForSelector('#view-timeline:not([hidden]) .herniation');
      expectEqual(await page.evaluate(() => location.hash), '#/patients/1', 'back to the timeline');
      await page.click('#sign-out');
      await page.waitForSelector('#view-login:not([hidden])');
    });

    await check('an admin manages users and is refused the patients (403, the server\'s message)', async () => {
      await page.fill('#login-user', admin);
      await page.fill('#login-password', adminPassword);
      await page.click('#login-submit');
      await page.waitForSelector('#patients-body .problem[data-status="403"]');
      expectContains(await page.textContent('#patients-body .problem'), admin, 'message names the user');
      await shot('en-admin-403-1280x800.png');
      await page.click('#sign-out');
      await page.waitForSelector('#view-login:not([hidden])');
    });

    await check('no console errors, failed requests or CSP violations', async () => {
      if (problems.length > 0) throw new Error(problems.join(' | '));
    });

    await check('every error response was one of the deliberate ones', async () => {
      const expected = /^(422 POST \/api\/v1\/assess|401 GET \/api\/v1\/(me|patients(\/\d+(\/timeline|\/forecast)?)?)|401 POST \/api\/v1\/login|403 GET \/api\/v1\/patients)$/;
      const other = refusals.filter((r) => !expected.test(r));
      if (other.length) throw new Error(other.join(', '));
      for (const want of ['422 POST /api/v1/assess', '401 POST /api/v1/login', '403 GET /api/v1/patients']) {
        if (!refusals.includes(want)) throw new Error('missing: ' + want);
      }
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log('web_browser: ' + (failed ? failed + ' check(s) failed' : 'all checks passed'));
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error('web_browser: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
