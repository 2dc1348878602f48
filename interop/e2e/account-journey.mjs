// A citizen's journey in a real headless Chromium (issue 5): register at IdNum -> confirm the
// e-mail address with the code (read from the embedded default's log, where e-mails are written)
// -> log in at a public body (the example relying party) -> consent -> the body's profile page ->
// IdNum's "Mon compte" shows the body in the access log -> withdraw the consent.
// axe-core (WCAG 2.1 A/AA) runs on every IdNum page visited; a serious or critical violation fails.
// (The TOTP enrolment and TOTP login of the issue come with the multi-factor feature.)
// Usage: node account-journey.mjs <idnum-base> <rp-base> <rp-name> <server-log> <screenshot-dir>
// Prints one JSON line: {"ok":true,"pages":[...]} or {"ok":false,"error":"...","pages":[...]}.
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

try {
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-CA' });
  const page = await context.newPage();
  const email = `journey-${Date.now()}@example.org`;
  const password = 'a long passphrase for the journey test';

  await page.goto(`${idnum}/register`);
  await check(page, 'register');
  await page.fill('#givenName', 'Jeanne');
  await page.fill('#familyName', 'Mance');
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

  // log in at the public body
  await page.goto(rpBase + '/');
  await page.getByRole('link', { name: 'Se connecter avec IdNum' }).click();
  await page.waitForLoadState('networkidle');
  if (await page.locator('input[type=password]').count() > 0) {
    await check(page, 'login');
    await page.fill('#username', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
    await page.waitForLoadState('networkidle');
  }
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
