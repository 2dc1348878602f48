// Drives a real headless Chromium through the example relying party's login with IdNum:
// RP home -> "Se connecter avec IdNum" -> IdNum login page -> consent page -> RP profile page.
// Usage: node rp-login.mjs <rp-base-url> <email> <password> [screenshot-dir]
// Prints one JSON line: {"ok":true,"claims":{...}} or {"ok":false,"error":"..."}; exit code 0/1.
import { chromium } from 'playwright-core';

const [rpBase, email, password, shots] = process.argv.slice(2);
const executablePath = process.env.IDNUM_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = { ok: false };
try {
  const page = await browser.newPage();
  await page.goto(rpBase + '/');
  if (shots) await page.screenshot({ path: `${shots}/1-rp-home.png`, fullPage: true });
  await page.getByRole('link', { name: 'Se connecter avec IdNum' }).click();
  await page.waitForSelector('input[type=password]');
  if (shots) await page.screenshot({ path: `${shots}/2-login.png`, fullPage: true });
  await page.fill('input[autocomplete=username]', email);
  await page.fill('input[type=password]', password);
  await page.locator('form button[type=submit]').first().click();
  await page.waitForLoadState('networkidle');
  if (page.url().includes('/oauth2/consent')) {
    if (shots) await page.screenshot({ path: `${shots}/3-consent.png`, fullPage: true });
    await page.locator('form button[type=submit]').first().click();
  }
  await page.waitForURL(/\/profile/, { timeout: 15000 });
  if (shots) await page.screenshot({ path: `${shots}/4-profile.png`, fullPage: true });
  const rows = await page.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent.trim(), tr.querySelector('td').textContent.trim()]));
  result.ok = true;
  result.claims = Object.fromEntries(rows);
} catch (e) {
  result.error = String(e && e.message ? e.message.split('\n')[0] : e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
