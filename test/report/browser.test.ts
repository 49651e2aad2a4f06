// The report of a real run (the whole bring-up on the simulator), rendered by headless Chromium:
// it must load with no console error and no request but the file itself, show its key texts,
// fit the page width, and print to a PDF of a sane number of pages.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { secretsOf } from '../../src/run/run-plan.js';
import { loadRunReport } from '../../src/report/load.js';
import { renderReport } from '../../src/report/render.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { approveSignal } from '../../src/workflows/messages.js';
import { clusterNameKey } from '../../src/workflows/search-attributes.js';
import { hciBringup } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';

const CHROMIUM = process.env.HCI_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install chromium; .ci/run does) or set HCI_CHROMIUM`;

// Flags that keep the browser on this machine: no update, sync, QUIC or background fetches.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Evaluated in the page, as a string: the project's TypeScript has no DOM types.
const SIZE =
  '({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth })';

interface Rendering {
  consoleErrors: string[];
  requests: string[];
  size: { width: number; height: number; scrollWidth: number };
  printSize: { width: number; height: number; scrollWidth: number };
  visible: Record<string, boolean>;
  svg: { width: number; height: number };
  pdfPages: number;
}

async function renderInBrowser(
  browser: Browser,
  file: string,
  texts: string[],
  png?: string,
): Promise<Rendering> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const size = await page.evaluate<Rendering['size']>(SIZE);
  const visible: Record<string, boolean> = {};
  for (const t of texts) visible[t] = await page.getByText(t, { exact: false }).first().isVisible();
  const box = await page.locator('svg.timeline').boundingBox();
  if (png) await page.screenshot({ path: png, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  // A4 less the print margins is about 700 CSS pixels: every table must fit it, none is cut.
  await page.setViewportSize({ width: 700, height: 1000 });
  const printSize = await page.evaluate<Rendering['size']>(SIZE);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await context.close();
  return {
    consoleErrors,
    requests,
    size,
    printSize,
    visible,
    svg: { width: box?.width ?? 0, height: box?.height ?? 0 },
    pdfPages: (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
  };
}

describe('the HTML report in headless Chromium', { skip }, () => {
  it(
    'renders the report of a whole bring-up: no console error, no request, key texts, prints to PDF',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'report-'));
      await withSite('report', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        const workflowId = `e2e-report-${taskQueue}`;
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId,
          args: [env.input({ components: { obs: 'ask', backup: 'auto' } })],
          typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
        });
        // The approval arrives before the run asks: it still shows on the timeline as the operator's signal.
        await handle.signal(approveSignal, 'obs');
        const summary = await worker.runUntil(handle.result());
        assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary));

        const { report, secrets } = await loadRunReport(client, workflowId);
        assert.equal(report.status, 'COMPLETED');
        assert.ok(
          report.steps.some((s) => s.workflow === 'obs'),
          'the OBS child run steps are in',
        );
        assert.ok(
          report.steps.some((s) => s.workflow === 'backup'),
          'the Backup child run steps are in',
        );
        assert.ok(
          report.hosts.every((h) => h.password === 'changed'),
          'every host password changed',
        );
        const workbookPasswords = [...new Set([...secretsOf(env.plan), ...secrets])];
        assert.ok(workbookPasswords.length > 0, 'the test plan has passwords to look for');

        // The operator's command, as a separate process: the same file it writes.
        const out = path.join(dir, 'report-en.html');
        const cli = await hciBringup(['report', workflowId, '--out', out, '--lang', 'en']);
        assert.equal(cli.code, 0, cli.stderr);
        assert.match(cli.stdout, /report written to/);
        const zhFile = path.join(dir, 'report-zh.html');
        writeFileSync(zhFile, renderReport(report, { lang: 'zh', secrets }));

        for (const file of [out, zhFile]) {
          const html = readFileSync(file, 'utf8');
          for (const p of workbookPasswords)
            assert.ok(!html.includes(p), `a workbook password is in ${file}`);
        }

        const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
        try {
          const en = await renderInBrowser(
            browser,
            out,
            [
              env.plan.clusterName,
              'Bring-up report',
              'Timeline',
              env.plan.hosts[0].hostname,
              env.plan.vip,
              report.inspection!.sha256,
              'Written back to the workbook',
            ],
            path.join(dir, 'report.png'),
          );
          const zh = await renderInBrowser(browser, zhFile, [
            env.plan.clusterName,
            '部署报告',
            '时间线',
            '巡检报告',
          ]);
          for (const [lang, r] of [
            ['en', en],
            ['zh', zh],
          ] as const) {
            assert.deepEqual(r.consoleErrors, [], `${lang}: console errors`);
            const file = lang === 'en' ? out : zhFile;
            assert.deepEqual(
              r.requests,
              [pathToFileURL(file).href],
              `${lang}: only the file itself is loaded`,
            );
            for (const [text, shown] of Object.entries(r.visible))
              assert.ok(shown, `${lang}: "${text}" visible`);
            assert.ok(
              r.size.scrollWidth <= r.size.width,
              `${lang}: no horizontal overflow (${JSON.stringify(r.size)})`,
            );
            assert.ok(
              r.size.height > 1500 && r.size.height < 30_000,
              `${lang}: page height ${r.size.height}`,
            );
            assert.ok(
              r.svg.width > 800 && r.svg.height > 200,
              `${lang}: timeline size ${JSON.stringify(r.svg)}`,
            );
            assert.ok(r.pdfPages >= 2 && r.pdfPages <= 12, `${lang}: ${r.pdfPages} PDF pages`);
          }
          if (process.env.HCI_REPORT_PNG)
            writeFileSync(process.env.HCI_REPORT_PNG, readFileSync(path.join(dir, 'report.png')));
        } finally {
          await browser.close();
        }
      });
    },
  );
});
