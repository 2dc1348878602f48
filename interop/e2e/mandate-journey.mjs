// Mandates in a real headless Chromium (issue 9): the demo citizen (Camille Tremblay) proves her
// identity, is stepped up with her authenticator app and designates the demo caregiver for a
// public body (the example relying party); the caregiver proves his identity, is stepped up and
// accepts; then logs in at the body and chooses "on behalf of Camille Tremblay": the body's page
// shows the act claim. axe-core (WCAG 2.1 A/AA) runs on every IdNum page visited; a serious or
// critical violation fails.
// Usage: node mandate-journey.mjs <idnum-base> <rp-base> <rp-name> <screenshot-dir>
// Prints one JSON line: {"ok":true,"pages":[...],"rpPage":"..."} or {"ok":false,"error":"..."}.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [idnum, rpBase, rpName, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PRINCIPAL = {
  email: 'demo@idnum.example', password: 'Demo-citoyen-2026!', totp: 'NFSG45LNFVSGK3LPFV2G65DQFVVWK6JB',
  givenName: 'Camille', familyName: 'Tremblay', birthdate: '1985-04-12', document: 'TREC 8554 1219',
};
const CAREGIVER = {
  email: 'aidant@idnum.example', password: 'Demo-aidant-2026!', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  givenName: 'Étienne', familyName: 'Côté', birthdate: '1972-11-03', document: 'COTE 7211 0318',
};
const browser = await chromium.launch({
  executablePath: process.env.IDNUM_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = { ok: false, pages: [] };
let step = 0;

async function check(page, name) {
  step++;
  await page.screenshot({ path: `${shots}/${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
  if (!page.url().startsWith(idnum)) return;
  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  const blocking = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  result.pages.push({ name, path: new URL(page.url()).pathname, violations: axe.violations.map((v) => `${v.id} [${v.impact}]`) });
  if (blocking.length > 0) {
    throw new Error(`axe: ${name}: ${blocking.map((v) => v.id + ' ' + v.nodes.map((n) => n.target.join(' ')).join(', ')).join('; ')}`);
  }
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totp(key) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = createHmac('sha1', base32(key)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function submit(page) {
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
}

async function login(page, who) {
  await page.goto(`${idnum}/login`);
  await page.fill('#username', who.email);
  await page.fill('#password', who.password);
  await submit(page);
}

async function proveIdentity(page, who, name) {
  await page.goto(`${idnum}/account/identity`);
  await check(page, `${name}-identity`);
  await page.fill('#givenName', who.givenName);
  await page.fill('#familyName', who.familyName);
  await page.fill('#birthdate', who.birthdate);
  await page.check('#documentType');
  await page.fill('#documentNumber', who.document);
  await submit(page);
  await check(page, `${name}-identity-verified`);
}

async function stepUpIfAsked(page, who, name) {
  if (new URL(page.url()).pathname === '/login/totp') {
    await check(page, `${name}-totp`);
    await page.fill('#code', totp(who.totp));
    await submit(page);
  }
}

try {
  // the principal designates the caregiver
  const principal = await (await browser.newContext({ bypassCSP: true, locale: 'fr-CA' })).newPage();
  await login(principal, PRINCIPAL);
  await proveIdentity(principal, PRINCIPAL, 'principal');
  await principal.goto(`${idnum}/account/mandates/new`);
  await stepUpIfAsked(principal, PRINCIPAL, 'principal');
  if (new URL(principal.url()).pathname !== '/account/mandates/new') {
    throw new Error('no mandate form after the step-up: ' + principal.url());
  }
  await check(principal, 'mandate-form');
  await principal.fill('#email', CAREGIVER.email);
  await principal.getByLabel(rpName, { exact: true }).check();
  await principal.getByLabel('Votre profil (nom et langue)').check();
  await principal.check('#consent');
  await submit(principal);
  await check(principal, 'mandate-proposed');
  if (!(await principal.locator('.notice-success').innerText()).includes('mandat a été enregistré')) {
    throw new Error('no proposal notice');
  }

  // the caregiver accepts
  const caregiver = await (await browser.newContext({ bypassCSP: true, locale: 'fr-CA' })).newPage();
  await login(caregiver, CAREGIVER);
  await proveIdentity(caregiver, CAREGIVER, 'caregiver');
  await caregiver.goto(`${idnum}/account/mandates`);
  await check(caregiver, 'mandates-received');
  const accept = caregiver.getByRole('button', { name: 'Accepter le mandat de Camille Tremblay' });
  await Promise.all([caregiver.waitForNavigation(), accept.first().click()]);
  await caregiver.waitForLoadState('load');
  if (new URL(caregiver.url()).pathname === '/login/totp') {
    await stepUpIfAsked(caregiver, CAREGIVER, 'caregiver');
    await Promise.all([caregiver.waitForNavigation(), accept.first().click()]);
  }
  await check(caregiver, 'mandate-accepted');
  if (!(await caregiver.locator('.notice-success').innerText()).includes('accepté le mandat')) {
    throw new Error('no acceptance notice');
  }

  // the caregiver logs in at the body on behalf of the principal
  await caregiver.goto(rpBase + '/');
  await caregiver.getByRole('link', { name: 'Se connecter avec IdNum' }).click();
  await caregiver.waitForURL(/\/account\/act-for/, { timeout: 15000 });
  await check(caregiver, 'act-for');
  await caregiver.getByLabel('Au nom de Camille Tremblay').check();
  await caregiver.locator('main form button[type=submit]').first().click();
  await caregiver.waitForURL(/\/profile/, { timeout: 15000 });
  await check(caregiver, 'rp-profile');
  result.rpPage = await caregiver.locator('main').innerText();

  // both access logs show the delegated login
  await principal.goto(`${idnum}/account`);
  await check(principal, 'principal-account');
  result.principalLog = await principal.locator('.delegation-log').innerText();
  result.ok = true;
} catch (e) {
  result.error = String(e && e.message ? e.message.split('\n')[0] : e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
