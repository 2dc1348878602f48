// A citizen's journey in a real headless Chromium (issue 5): register at IdNum -> confirm the
// e-mail address with the code (read from the embedded default's log, where e-mails are written)
// -> enrol a TOTP authenticator (fresh password first; the code is computed here per RFC 6238 from
// the manual key the page shows) -> prove identity against the demo register -> log out -> log in
// at a public body that requires level 2 (the example relying party): password, then the TOTP
// step-up -> consent -> the body's profile page -> IdNum's "Mon compte" shows the body in the access
// log at level 2 -> withdraw the consent.
// axe-core (WCAG 2.1 A/AA) runs on every IdNum page visited; a serious or critical violation fails.
// Usage: node account-journey.mjs <idnum-base> <rp-base> <rp-name> <server-log> <screenshot-dir>
// Prints one JSON line: {"ok":true,"pages":[...]} or {"ok":false,"error":"...","pages":[...]}.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [idnum, rpBase, rpName, serverLog, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
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

function codeFor(email) {
  const log = readFileSync(serverLog, 'utf8');
  const at = log.lastIndexOf(`to ${email}`);
  if (at < 0) return null;
  const match = /est : ([0-9][0-9 -]*[0-9])/.exec(log.slice(at));
  return match ? match[1] : null;
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of the time step `step` for a base32 key.
function totp(base32, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}
const currentStep = () => Math.floor(Date.now() / 30000);

async function submit(page) {
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
}

try {
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-CA' });
  const page = await context.newPage();
  const email = `journey-${Date.now()}@example.org`;
  const password = 'a long passphrase for the journey test';

  await page.goto(`${idnum}/register`);
  await check(page, 'register');
  // a person of the demo identity register (DemoIdentityRegister), so that she can prove her identity
  await page.fill('#givenName', 'Aïcha');
  await page.fill('#familyName', 'Diallo');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
  await check(page, 'register-verify');

  let code = null;
  for (let i = 0; i < 50 && !code; i++) {
    code = codeFor(email);
    if (!code) await new Promise((r) => setTimeout(r, 200));
  }
  if (!code) throw new Error('no confirmation code in the server log');
  if (await page.locator('#email').count() > 0 && !(await page.inputValue('#email'))) {
    await page.fill('#email', email);
  }
  await page.fill('#code', code);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
  await check(page, 'registered');

  // log in at IdNum itself (the confirmation leads to the login page)
  await page.goto(`${idnum}/account`);
  if (await page.locator('input[type=password]').count() > 0) {
    await page.fill('#username', email);
    await page.fill('#password', password);
    await submit(page);
  }
  await check(page, 'account-new');

  // enrol a TOTP authenticator: a fresh password first, then the code of the key shown
  await page.goto(`${idnum}/account/security/totp`);
  if (page.url().includes('/account/security/confirm')) {
    await check(page, 'security-confirm');
    await page.fill('#password', password);
    await submit(page);
  }
  await check(page, 'totp-enrol');
  const manualKey = (await page.locator('#manual-key').innerText()).trim();
  const enrolStep = currentStep();
  await page.fill('#code', totp(manualKey, enrolStep));
  await submit(page);
  await check(page, 'recovery-codes');

  // prove identity once against the (demo) authoritative register
  await page.goto(`${idnum}/account/identity`);
  await check(page, 'identity');
  await page.fill('#givenName', 'Aïcha');
  await page.fill('#familyName', 'Diallo');
  await page.fill('#birthdate', '2001-02-27');
  await page.check('#documentType');
  await page.fill('#documentNumber', 'DIAA01522712');
  await submit(page);
  await check(page, 'identity-verified');
  if (await page.locator('#birthdate').count() > 0) throw new Error('identity not verified');

  // log out
  await page.goto(`${idnum}/account`);
  await Promise.all([page.waitForNavigation(), page.locator('form[action$="/logout"] button').first().click()]);

  // log in at the public body, which requires level 2: password, then the TOTP step-up
  await page.goto(rpBase + '/');
  await page.getByRole('link', { name: 'Se connecter avec IdNum' }).click();
  await page.waitForLoadState('networkidle');
  if (await page.locator('input[type=password]').count() > 0) {
    await check(page, 'login');
    await page.fill('#username', email);
    await page.fill('#password', password);
    await submit(page);
    await page.waitForLoadState('networkidle');
  }
  if (!page.url().includes('/login/totp')) throw new Error('no TOTP step-up: ' + new URL(page.url()).pathname);
  await check(page, 'login-totp');
  // the enrolment's code is accepted once: use the next step's (inside the one-step window)
  await page.fill('#code', totp(manualKey, Math.max(currentStep(), enrolStep) + 1));
  await submit(page);
  await page.waitForLoadState('networkidle');
  if (page.url().includes('/oauth2/consent')) {
    await check(page, 'consent');
    await page.locator('form button[type=submit]').first().click();
  }
  await page.waitForURL(/\/profile/, { timeout: 15000 });
  await check(page, 'rp-profile');

  // the account page shows the access
  await page.goto(`${idnum}/account`);
  await check(page, 'account');
  const accessLog = await page.locator('.access-log').innerText();
  if (!accessLog.includes(rpName)) throw new Error('access log does not name the body: ' + accessLog);
  if (!accessLog.includes('Niveau 2')) throw new Error('access log does not say level 2: ' + accessLog);
  const sessions = await page.locator('.sessions li').count();
  if (sessions < 1) throw new Error('no open session listed');

  // withdraw the consent
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: new RegExp('Retirer l’autorisation accordée à ' + rpName) }).click(),
  ]);
  await check(page, 'consent-withdrawn');
  const notice = await page.locator('.notice-success').innerText();
  if (!notice.includes(rpName)) throw new Error('no withdrawal notice: ' + notice);
  result.accessLog = accessLog;
  result.ok = true;
} catch (e) {
  result.error = String(e && e.message ? e.message.split('\n')[0] : e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
