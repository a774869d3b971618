// Opens a workflow's page in the Temporal Web UI in headless Chromium and sends it a signal the way
// an operator does: More Actions → Send a Signal, the signal name, the JSON payload, Submit.
// Usage: node send-signal.cjs UI_URL NAMESPACE WORKFLOW_ID SIGNAL PAYLOAD_JSON SCREENSHOT_DIR
// Prints one JSON object: {"sent": SIGNAL, "workflowId": ID, "screenshots": [...]}.
// Needs FLEETWRIGHT_NODE_MODULES (where bin/setup installed playwright-core) and FLEETWRIGHT_CHROMIUM.
'use strict';
const path = require('path');
const fs = require('fs');

const [uiUrl, namespace, workflowId, signal, payload, shotDir] = process.argv.slice(2);
const modules = process.env.FLEETWRIGHT_NODE_MODULES;
const chromiumPath = process.env.FLEETWRIGHT_CHROMIUM || '/usr/bin/chromium';
const deadlineMs = 60000;

function fail(message) {
  process.stderr.write('send-signal: ' + message + '\n');
  process.exit(2);
}

if (!uiUrl || !namespace || !workflowId || !signal || payload === undefined || !shotDir) {
  fail('usage: node send-signal.cjs UI_URL NAMESPACE WORKFLOW_ID SIGNAL PAYLOAD_JSON SCREENSHOT_DIR');
}
if (!modules || !fs.existsSync(path.join(modules, 'playwright-core'))) {
  fail('playwright-core is not installed under FLEETWRIGHT_NODE_MODULES=' + modules + '; run make setup');
}
const { chromium } = require(path.join(modules, 'playwright-core'));

// The name is a text field, or, when a worker answers the workflow's metadata query, a list of its
// signal definitions to pick from; handle both.
async function chooseSignal(dialog, name) {
  const text = dialog.locator('#signal-name');
  const list = dialog.locator('[data-testid=signal-select-button]');
  await text.or(list).first().waitFor({ state: 'visible', timeout: deadlineMs });
  if (await text.isVisible()) {
    await text.fill(name);
    return;
  }
  await list.click();
  await dialog.getByRole('option', { name, exact: true }).click({ timeout: deadlineMs });
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
    await page.goto(`${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`);
    // The page renders its header twice (one copy hidden); act on the visible one.
    await page
      .locator('button:visible', { hasText: 'More Actions' })
      .first()
      .click({ timeout: deadlineMs });
    await page.locator('[data-testid=signal-button]:visible').first().click({ timeout: deadlineMs });
    const dialog = page.locator('dialog[open]');
    await chooseSignal(dialog, signal);
    if (payload !== '') {
      await dialog.locator('[role=textbox]').first().click();
      // As an operator pastes it: typed keys would meet the editor's bracket and quote completion.
      await page.keyboard.insertText(payload);
      // Leaving the editor reformats the JSON over several lines and moves Submit: leave it first,
      // so the click lands on the button where it ends up.
      await page.keyboard.press('Tab');
    }
    const before = path.join(shotDir, 'signal-' + signal + '.png');
    await page.screenshot({ path: before });
    // Closing the browser right after the click can drop the request: wait for the server's answer.
    const after = path.join(shotDir, 'signal-' + signal + '-sent.png');
    const [answer] = await Promise.all([
      page
        .waitForResponse((r) => r.request().method() === 'POST' && /signal/i.test(r.url()), {
          timeout: deadlineMs,
        })
        .catch(async (e) => {
          await page.screenshot({ path: after });
          throw new Error('no signal request after Submit (see ' + after + '): ' + e.message);
        }),
      dialog.locator('[data-testid=confirm-modal-button]').click({ timeout: deadlineMs }),
    ]);
    if (!answer.ok()) {
      fail('the server answered ' + answer.status() + ' to ' + answer.url() + ': ' + (await answer.text()));
    }
    process.stdout.write(JSON.stringify({ sent: signal, workflowId, screenshots: [before] }) + '\n');
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e && e.stack ? e.stack : String(e)));
