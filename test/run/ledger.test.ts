// The ledger of a run from its activity records, and the cleanup plan: only what the run created,
// newest first; what it found is kept; what no API undoes is manual; no input field leaks into it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanupPlan } from '../../src/run/ledger.js';
import { ledgerOf, type ActivityRecord } from '../../src/run/ledger-records.js';

const fisheye = { user: 'root', password: { secretRef: 'plan:fisheye.password' } };
const rec = (activityType: string, input: unknown, result?: unknown): ActivityRecord => ({
  workflow: 'main',
  activityType,
  input,
  result,
});

describe('run ledger', () => {
  const records = [
    rec(
      'deployClusterFromPlan',
      { clusterName: 'c1', hostPassword: 'S3cret!' },
      { status: 'already-deployed' },
    ),
    rec(
      'uploadCloudTowerIso',
      { vip: '10.0.0.5', fisheye },
      { imageUuid: 'img-1', imagePath: 'p/1', reused: false },
    ),
    rec(
      'createCloudTowerVm',
      { vip: '10.0.0.5', fisheye, vmName: 'cloudtower' },
      { vmUuid: 'vm-1', created: true },
    ),
    rec(
      'setupCloudTower',
      { cloudtowerIp: '10.0.0.6', organization: 'ORG' },
      {
        organizationId: 'org-1',
        organizationCreated: true,
      },
    ),
    // A retried step that found what its first attempt made: still created by the run.
    rec(
      'createCloudTowerVm',
      { vip: '10.0.0.5', fisheye, vmName: 'cloudtower' },
      { vmUuid: 'vm-1', created: false },
    ),
    rec('deployObsInstance', { cloudtowerIp: '10.0.0.6' }, { instanceId: 'obs-1', created: true }),
    // A step that reports its own entries (the test load's VMs).
    rec(
      'importTestVm',
      {},
      {
        ledger: [
          {
            kind: 'test-vm',
            id: 'tvm-1',
            name: 'fio-1',
            where: 'fisheye 10.0.0.5',
            createdByRun: true,
            removal: 'api',
          },
        ],
      },
    ),
    // An abandoned upload: no result, only the sweep of its marked volumes.
    rec('uploadCloudTowerIso', { vip: '10.0.0.5', fisheye }),
  ];
  const ledger = ledgerOf(records);

  it('one entry per thing, created-by-run from any attempt, no secrets', () => {
    assert.deepEqual(
      ledger.map((e) => [e.kind, e.id, e.createdByRun]),
      [
        ['cluster', 'c1', false],
        ['upload-volumes', 'marked-by-run', true],
        ['image', 'img-1', true],
        ['vm', 'vm-1', true],
        ['cloudtower-object', 'org-1', true],
        ['component', 'obs-1', true],
        ['test-vm', 'tvm-1', true],
      ],
    );
    assert.ok(!JSON.stringify(ledger).includes('S3cret!'));
    assert.equal(ledger.find((e) => e.kind === 'test-vm')!.step, 'main/importTestVm');
  });

  it('the plan: newest first, found things kept, the cluster manual', () => {
    const plan = cleanupPlan(ledger.filter((e) => e.kind !== 'component'));
    assert.deepEqual(
      plan.remove.map((e) => e.id),
      ['tvm-1', 'vm-1', 'img-1', 'marked-by-run'],
    );
    assert.deepEqual(
      plan.withCloudTower.map((e) => e.id),
      ['org-1'],
    );
    assert.deepEqual(plan.manual, []);
    assert.deepEqual(
      plan.kept.map((e) => e.id),
      ['c1'],
    );
  });

  it('an Observability instance of the run keeps CloudTower (and what is in it) as manual work', () => {
    const plan = cleanupPlan(ledger);
    assert.deepEqual(
      plan.remove.map((e) => e.id),
      ['tvm-1', 'img-1', 'marked-by-run'],
    );
    assert.deepEqual(plan.withCloudTower, []);
    assert.deepEqual(
      plan.manual.map((e) => e.id),
      ['obs-1', 'org-1', 'vm-1'],
    );
    assert.match(plan.manual[2].note ?? '', /Observability\/Backup/);
  });

  it('without the CloudTower VM leaving, what lives in CloudTower is manual work', () => {
    const found = ledgerOf([
      rec('createCloudTowerVm', { vip: 'v', vmName: 'cloudtower' }, { vmUuid: 'vm-1', created: false }),
      rec('setupCloudTower', { cloudtowerIp: 't' }, { organizationId: 'org-1', organizationCreated: true }),
    ]);
    const plan = cleanupPlan(found);
    assert.deepEqual(plan.remove, []);
    assert.deepEqual(
      plan.manual.map((e) => e.id),
      ['org-1'],
    );
    assert.deepEqual(
      plan.kept.map((e) => e.id),
      ['vm-1'],
    );
  });
});
