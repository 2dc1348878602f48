// Accessibility check of IdNum pages: loads each page in headless Chromium (Debian's, driven by
// playwright-core), injects axe-core and reports every WCAG 2.1 A/AA violation.
//
//   node a11y/axe.mjs [--screenshot=FILE.png] TARGET...
//
// A TARGET is a URL, optionally prefixed:
//   submit:URL  load the page, press the submit button of its form in <main> without filling
//               anything, and check the page that comes back (the error summary state);
//   auth:URL    check the page after logging in through <origin>/login with the credentials in
//               IDNUM_A11Y_EMAIL and IDNUM_A11Y_PASSWORD (an authorization request URL lands on
//               the consent page this way);
//   auth-submit:URL  both: logged in, press the submit button of the form in <main> as it is
//               (pre-filled fields stay, empty ones stay empty) and check the page that comes back;
//   auth-fill:JSON|URL  logged in, fill the form's fields named in the JSON object
//               ({"name": "value"}), submit it and check the page that comes back.
// Each report line names the path the page was finally loaded from (after redirects).
// Chromium: IDNUM_CHROMIUM, else /usr/bin/chromium. The page's CSP is bypassed only to inject
// axe-core. --screenshot saves a full-page PNG of the first target.
// Prints one line per page and the details of each violation; exits 1 when there is any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const args = process.argv.slice(2);
const screenshot = args.find((a) => a.startsWith('--screenshot='))?.slice('--screenshot='.length);
const targets = args.filter((a) => !a.startsWith('--'));
if (targets.length === 0) {
  console.error('usage: node a11y/axe.mjs [--screenshot=FILE.png] URL|submit:URL|auth:URL|auth-submit:URL|auth-fill:JSON|URL ...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.IDNUM_CHROMIUM || '/usr/bin/chromium',
  args: FLAGS,
});
let failures = 0;
try {
  const anonymous = await browser.newContext({ bypassCSP: true });
  let authenticated;
  for (const [index, target] of targets.entries()) {
    const [mode, spec] = parse(target);
    let url = spec;
    let fields = {};
    if (mode === 'auth-fill') {
      const bar = spec.indexOf('|');
      fields = JSON.parse(spec.slice(0, bar));
      url = spec.slice(bar + 1);
    }
    let context = anonymous;
    if (mode === 'auth' || mode === 'auth-submit' || mode === 'auth-fill') {
      authenticated ??= await loggedIn(new URL(url).origin);
      context = authenticated;
    }
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    for (const [name, value] of Object.entries(fields)) {
      await page.fill(`main form [name="${name}"]`, value);
    }
    if (mode === 'submit' || mode === 'auth-submit' || mode === 'auth-fill') {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('main form button[type=submit]').first().click(),
      ]);
    }
    if (index === 0 && screenshot) {
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      TAGS,
    );
    const lang = await page.getAttribute('html', 'lang');
    const at = new URL(page.url()).pathname;
    console.log(`${result.violations.length === 0 ? 'ok  ' : 'FAIL'} ${target} (lang=${lang}, at ${at}, ` +
      `${result.passes.length} rules passed, ${result.violations.length} violated)`);
    for (const v of result.violations) {
      failures++;
      console.log(`  - ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`);
      for (const node of v.nodes) {
        console.log(`      ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures === 0 ? 0 : 1);

function parse(target) {
  for (const mode of ['auth-submit', 'auth-fill', 'submit', 'auth']) {
    if (target.startsWith(`${mode}:`)) return [mode, target.slice(mode.length + 1)];
  }
  return ['plain', target];
}

async function loggedIn(origin) {
  const email = process.env.IDNUM_A11Y_EMAIL;
  const password = process.env.IDNUM_A11Y_PASSWORD;
  if (!email || !password) throw new Error('auth: targets need IDNUM_A11Y_EMAIL and IDNUM_A11Y_PASSWORD');
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${origin}/login`);
  await page.fill('#username', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  if (new URL(page.url()).pathname.startsWith('/login')) throw new Error('login failed for ' + email);
  await page.close();
  return context;
}
