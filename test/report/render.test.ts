import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import proto from '@temporalio/proto';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/data-converter-helpers.js';
import { encryptedDataConverter } from '../../src/codec/key.js';
import { projectRoot } from '../../src/config/dev-server.js';
import { buildReport } from '../../src/report/build.js';
import { readHistory, type Decode } from '../../src/report/history.js';
import { renderReport } from '../../src/report/render.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';
import { coded, marker } from '../../src/i18n/index.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');

/** The recorded whole bring-up (scripts/record-history.ts), decoded with its committed fixture key. */
async function fixtureReport() {
  const converter = loadDataConverter(
    encryptedDataConverter({
      HCI_PAYLOAD_KEY: readFileSync(path.join(fixtures, 'fixture-payload.key'), 'utf8').trim(),
    }),
  );
  const decode: Decode = (p) => decodeArrayFromPayloads(converter, p);
  const history = proto.temporal.api.history.v1.History.fromObject(
    JSON.parse(readFileSync(path.join(fixtures, 'fixture-bringup-full.json'), 'utf8')) as Record<
      string,
      unknown
    >,
  );
  const main = await readHistory(history.events, 'main', decode);
  const done = history.events.at(-1)?.workflowExecutionCompletedEventAttributes;
  const [summary] = (await decode(done?.result?.payloads)) as [BringUpSummary];
  return buildReport({
    workflowId: 'fixture-bringup-full',
    status: 'COMPLETED',
    summary,
    main,
    children: [],
    nowMs: main.endedMs!,
  });
}

describe('report rendering of a recorded bring-up', () => {
  it('reads steps, stages, hosts and write-backs from the history', async () => {
    const { report, secrets } = await fixtureReport();
    assert.equal(report.outcome, 'succeeded');
    assert.equal(report.hosts.length, 3);
    for (const h of report.hosts) {
      assert.match(h.managementIp, /^127\./);
      assert.ok(h.hostUuid, `scan of ${h.hostname}`);
      assert.ok(h.password, `password outcome of ${h.hostname}`);
    }
    assert.ok(report.steps.length >= 25, `${report.steps.length} steps`);
    assert.ok(
      report.steps.every((s) => s.outcome === 'completed' && s.stage),
      'every step placed in a stage',
    );
    assert.ok(report.phases.some((p) => p.phase === 'awaiting-approval:obs') || report.signals.length > 0);
    assert.ok(
      report.writeBacks.some((w) => w.written.includes('cluster')),
      'cluster serial written back',
    );
    assert.ok(report.inspection?.sha256, 'inspection report');
    assert.ok(secrets.length > 0, 'the input had passwords to keep out');
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`renders one self-contained page (${lang}) with no secret in it`, async () => {
      const { report, secrets } = await fixtureReport();
      const html = renderReport(report, { lang, secrets });
      assert.match(html, /^<!DOCTYPE html>/);
      assert.ok(html.includes(report.clusterName));
      assert.ok(html.includes(report.inspection!.sha256));
      assert.ok(html.includes('<svg'), 'inline SVG timeline');
      assert.ok(html.includes(lang === 'zh' ? '部署报告' : 'Bring-up report'));
      // Steps read by their human names, the code name beside them.
      assert.ok(html.includes(lang === 'zh' ? '修改主机密码' : 'set the host passwords'));
      assert.ok(html.includes('setHostPasswords'));
      for (const h of report.hosts) assert.ok(html.includes(h.hostname));
      // Nothing to fetch: no script, no font, no stylesheet, no image, no link but data: ones.
      assert.doesNotMatch(html, /<script|@import|url\(|@font-face|\ssrc=|href="(?!data:)/i);
      for (const s of secrets) assert.ok(!html.includes(s), 'a workbook password is in the report');
    });
  }

  it('escapes every value and blanks a secret quoted in an error', async () => {
    const { report, secrets } = await fixtureReport();
    report.warnings = ['<img src=x onerror=alert(1)> & "quoted"'];
    report.error = `login refused with password ${secrets[0]}`;
    const html = renderReport(report, { lang: 'en', secrets });
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;'));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes(secrets[0]));
    assert.ok(html.includes('login refused with password ••••••'));
  });

  it("has a failures section: what failed, in the report's language, and what to do", async () => {
    const { report } = await fixtureReport();
    assert.doesNotMatch(renderReport(report, { lang: 'zh' }), /id="failures"/, 'none when nothing failed');
    const failed = structuredClone(report);
    failed.status = 'RUNNING';
    failed.outcome = undefined;
    const stage = failed.stages.find((s) => s.id === 'deploy-cloudtower')!;
    stage.status = 'failed';
    stage.error =
      'deploy-cloudtower/locate-iso: ' +
      coded('failure.isoMissing', { dir: '/srv/packages', detail: marker('failure.noMatchingFile') });
    failed.error = stage.error;
    const zh = renderReport(failed, { lang: 'zh' });
    const section = /<section id="failures"[\s\S]*?<\/section>/.exec(zh)?.[0] ?? '';
    assert.match(section, /失败项/);
    assert.match(section, /4 部署 CloudTower/);
    assert.match(
      section,
      /查找 CloudTower ISO \(deploy-cloudtower\/locate-iso\)：\/srv\/packages 中没有 CloudTower ISO（没有符合的文件）/,
    );
    assert.match(
      section,
      /处理方法:<\/strong> 修复原因后执行 npx --offline hci-bringup retry fixture-bringup-full/,
    );
    assert.equal(section.match(/<li>/g)?.length, 1, "the run's error is the stage's: said once");
    assert.ok(zh.indexOf('id="failures"') < zh.indexOf('id="cluster"'), 'failures come first');
    assert.doesNotMatch(zh, /\[\[msg:/);
    const en = renderReport(
      { ...failed, status: 'COMPLETED', outcome: 'completed-with-failures' },
      { lang: 'en' },
    );
    assert.match(
      en,
      /find the CloudTower ISO \(deploy-cloudtower\/locate-iso\): No CloudTower ISO in \/srv\/packages \(no matching file\)/,
    );
    assert.match(en, /The run has ended\. Fix the cause, then start the bring-up again/);
  });
});
