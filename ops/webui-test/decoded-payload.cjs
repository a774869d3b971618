// Opens a workflow's page in the Temporal Web UI in headless Chromium and waits until a text from a
// payload (the helper's output) shows in plain text, decoded by the codec endpoint the UI was
// started with. Fails when the UI says it could not reach the codec server.
// Usage: node decoded-payload.cjs UI_URL NAMESPACE WORKFLOW_ID EXPECTED_TEXT SCREENSHOT_DIR
// Prints one JSON object: {"found": EXPECTED_TEXT, "codecRequests": N, "screenshots": [...]}.
// Needs FLEETWRIGHT_NODE_MODULES (where bin/setup installed playwright-core) and FLEETWRIGHT_CHROMIUM.
'use strict';
const path = require('path');
const fs = require('fs');

const [uiUrl, namespace, workflowId, expected, shotDir] = process.argv.slice(2);
const modules = process.env.FLEETWRIGHT_NODE_MODULES;
const chromiumPath = process.env.FLEETWRIGHT_CHROMIUM || '/usr/bin/chromium';
const deadlineMs = 45000;
const codecFailure = /Codec Server could not connect/i;

function fail(message) {
  process.stderr.write('decoded-payload: ' + message + '\n');
  process.exit(2);
}

if (!uiUrl || !namespace || !workflowId || !expected || !shotDir) {
  fail('usage: node decoded-payload.cjs UI_URL NAMESPACE WORKFLOW_ID EXPECTED_TEXT SCREENSHOT_DIR');
}
if (!modules || !fs.existsSync(path.join(modules, 'playwright-core'))) {
  fail('playwright-core is not installed under FLEETWRIGHT_NODE_MODULES=' + modules + '; run make setup');
}
const { chromium } = require(path.join(modules, 'playwright-core'));

(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const shot = path.join(shotDir, 'decoded-payload.png');
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    let codecRequests = 0;
    page.on('response', (r) => {
      if (/\/decode$/.test(new URL(r.url()).pathname) && r.ok()) codecRequests++;
    });
    await page.goto(`${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`);
    // Plain text appears once the UI decoded the payloads; the codec error would appear instead.
    const state = await page
      .waitForFunction(
        ([text, failure]) => {
          const body = document.body.innerText;
          if (new RegExp(failure, 'i').test(body)) return 'codec-failure';
          return body.includes(text) ? 'found' : false;
        },
        [expected, codecFailure.source],
        { timeout: deadlineMs },
      )
      .then((h) => h.jsonValue())
      .catch(() => 'timeout');
    await page.screenshot({ path: shot, fullPage: true });
    if (state !== 'found') {
      const body = (await page.evaluate(() => document.body.innerText)).slice(0, 3000);
      fail(
        (state === 'codec-failure'
          ? 'the UI says "Codec Server could not connect"'
          : `"${expected}" did not show within ${deadlineMs} ms`) +
          ` (see ${shot}); the page read:\n${body}`,
      );
    }
    process.stdout.write(JSON.stringify({ found: expected, codecRequests, screenshots: [shot] }) + '\n');
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e && e.stack ? e.stack : String(e)));
