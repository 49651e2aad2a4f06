// Sites: the name rule, the task queue and workflow id a site gives a run, the worker's concurrency
// settings, and how `start` and the worker refuse a bad site name (real processes, exit codes).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { parseSite, runWorkflowId, SiteNameError, siteTaskQueue } from '../../src/config/site.js';
import { defaultWorkerSettings, workerSettings } from '../../src/config/worker-settings.js';
import { hciBringup } from '../helpers/cli.js';

describe('site names, queues and ids', () => {
  it('accepts [a-z0-9-]{1,40}; no site is undefined', () => {
    assert.equal(parseSite('bj-dc1', '--site'), 'bj-dc1');
    assert.equal(parseSite('a'.repeat(40), '--site'), 'a'.repeat(40));
    assert.equal(parseSite(undefined, '--site'), undefined);
    assert.equal(parseSite('', 'HCI_SITE'), undefined);
    for (const bad of ['BJ', 'bj_dc1', 'bj.dc1', 'a'.repeat(41), 'bj dc', '站点']) {
      assert.throws(
        () => parseSite(bad, '--site'),
        (err: Error) => {
          assert.ok(err instanceof SiteNameError);
          assert.match(err.message, /^--site /);
          assert.match(err.message, /站点名/);
          assert.match(err.message, /lower-case letters, digits or "-"/);
          return true;
        },
      );
    }
  });

  it('a site has its own queue under the base queue; without a site the default queue is unchanged', () => {
    assert.equal(siteTaskQueue('bj-dc1', 'hci-bringup'), 'hci-bringup.bj-dc1');
    assert.equal(siteTaskQueue(undefined, 'hci-bringup'), 'hci-bringup');
  });

  it('the workflow id names the site, so two sites can bring up clusters of the same name', () => {
    assert.equal(runWorkflowId('CN-Cls01', undefined), 'bringup-CN-Cls01');
    assert.notEqual(runWorkflowId('CN-Cls01', 'east'), runWorkflowId('CN-Cls01', 'west'));
    assert.equal(runWorkflowId('CN-Cls01', 'east'), 'bringup-east-CN-Cls01');
  });
});

describe('worker concurrency settings', () => {
  it('defaults, then the environment, then the flag wins', () => {
    assert.deepEqual(workerSettings({}, {}), defaultWorkerSettings);
    const env = { HCI_MAX_ACTIVITIES: '12', HCI_MAX_WORKFLOW_TASKS: '4', HCI_ACTIVITY_POLLERS: '3' };
    assert.deepEqual(workerSettings({}, env), {
      maxConcurrentActivities: 12,
      maxConcurrentWorkflowTasks: 4,
      activityTaskPollers: 3,
    });
    assert.equal(workerSettings({ 'max-activities': '6' }, env).maxConcurrentActivities, 6);
  });

  it('pollers never exceed activity slots; out-of-range values are refused with the bounds', () => {
    assert.equal(
      workerSettings({ 'max-activities': '2', 'activity-pollers': '8' }, {}).activityTaskPollers,
      2,
    );
    assert.throws(() => workerSettings({ 'max-activities': '0' }, {}), /--max-activities.*1-1000/);
    assert.throws(() => workerSettings({}, { HCI_MAX_WORKFLOW_TASKS: '1' }), /HCI_MAX_WORKFLOW_TASKS.*2-200/);
    assert.throws(() => workerSettings({ 'activity-pollers': 'many' }, {}), /whole number/);
  });
});

describe('a bad site name on the command line', () => {
  it('`start --site` exits 2 with the rule, before reading the workbook', async () => {
    const out = await hciBringup(['start', '--plan', 'no-such.xlsx', '--direct', '--site', 'Bad_Site']);
    assert.equal(out.code, 2, out.stdout + out.stderr);
    assert.match(out.stderr, /--site "Bad_Site": .*lower-case letters, digits or "-"/);
  });

  it('the worker exits 1 with the rule for --site and for HCI_SITE, before connecting', () => {
    const worker = path.join(projectRoot, 'dist', 'src', 'worker.js');
    const byFlag = spawnSync(process.execPath, [worker, '--site', 'East'], { encoding: 'utf8' });
    assert.equal(byFlag.status, 1);
    assert.match(byFlag.stderr, /--site "East": .*站点名/);
    const byEnv = spawnSync(process.execPath, [worker], {
      encoding: 'utf8',
      env: { ...process.env, HCI_SITE: 'a.b' },
    });
    assert.equal(byEnv.status, 1);
    assert.match(byEnv.stderr, /HCI_SITE "a.b"/);
    const badSetting = spawnSync(process.execPath, [worker, '--max-activities', '0'], { encoding: 'utf8' });
    assert.equal(badSetting.status, 1);
    assert.match(badSetting.stderr, /--max-activities/);
  });
});
