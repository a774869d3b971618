// Opens the Temporal Web UI in headless Chromium, lists the node workflows whose ProvisioningState
// is DEFERRED, reads each one's summary on its own page, and saves screenshots.
// Usage: node deferred-nodes.cjs UI_URL NAMESPACE EXPECTED_COUNT SCREENSHOT_DIR
// Prints one JSON object: {"listed": [workflow IDs], "summaries": {ID: summary}, "screenshots": [...]}.
// Needs FLEETWRIGHT_NODE_MODULES (where bin/setup installed playwright-core) and FLEETWRIGHT_CHROMIUM.
'use strict';
const path = require('path');
const fs = require('fs');

const [uiUrl, namespace, expectedText, shotDir] = process.argv.slice(2);
const modules = process.env.FLEETWRIGHT_NODE_MODULES;
const chromiumPath = process.env.FLEETWRIGHT_CHROMIUM || '/usr/bin/chromium';
const deadlineMs = 60000;

function fail(message) {
  process.stderr.write('deferred-nodes: ' + message + '\n');
  process.exit(2);
}

if (!uiUrl || !namespace || !expectedText || !shotDir) {
  fail('usage: node deferred-nodes.cjs UI_URL NAMESPACE EXPECTED_COUNT SCREENSHOT_DIR');
}
if (!modules || !fs.existsSync(path.join(modules, 'playwright-core'))) {
  fail('playwright-core is not installed under FLEETWRIGHT_NODE_MODULES=' + modules + '; run make setup');
}
const { chromium } = require(path.join(modules, 'playwright-core'));

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Workflow IDs in the list's table text (the row checkboxes' labels spell the slash as an entity).
// Runs inside the page, so it must not use anything from this file.
const workflowIdsInTables = () => {
  const text = [...document.querySelectorAll('table')].map((t) => t.innerText).join('\n');
  return [...new Set(text.match(/provision\/[A-Za-z0-9._-]+/g) || [])];
};

async function listDeferred(page, expected) {
  const query = encodeURIComponent('ProvisioningState="DEFERRED"');
  await page.goto(`${uiUrl}/namespaces/${namespace}/workflows?query=${query}`);
  // The list fills in after the first render: wait for the expected rows, then read what is there.
  await page
    .waitForFunction(
      (n) => {
        const text = [...document.querySelectorAll('table')].map((t) => t.innerText).join('\n');
        return new Set(text.match(/provision\/[A-Za-z0-9._-]+/g) || []).size >= n;
      },
      expected,
      { timeout: deadlineMs },
    )
    .catch(() => {});
  const listed = await page.evaluate(workflowIdsInTables);
  await page.screenshot({ path: path.join(shotDir, 'deferred.png'), fullPage: true });
  return listed.sort();
}

async function summaryOf(page, workflowId) {
  await page.goto(`${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`);
  const identity = workflowId.replace(/^provision\//, '');
  const summary = page.getByText(new RegExp('^provision ' + escapeRegex(identity) + '( |$)')).first();
  await summary.waitFor({ state: 'visible', timeout: deadlineMs });
  await summary.scrollIntoViewIfNeeded();
  return (await summary.innerText()).trim();
}

(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const listed = await listDeferred(page, Number(expectedText));
    const summaries = {};
    const screenshots = [path.join(shotDir, 'deferred.png')];
    for (const id of listed) {
      summaries[id] = await summaryOf(page, id);
    }
    if (listed.length > 0) {
      const detail = path.join(shotDir, 'deferred-node.png');
      await summaryOf(page, listed[0]);
      await page.screenshot({ path: detail });
      screenshots.push(detail);
    }
    process.stdout.write(JSON.stringify({ listed, summaries, screenshots }) + '\n');
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e && e.stack ? e.stack : String(e)));
