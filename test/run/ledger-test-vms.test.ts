// The stage 09 records of a run's ledger: a test VM createTestVm made is the run's (removed through
// CloudTower, newest first); one it found by name was there before and is kept; the image upload
// is listed as manual work; no password of an input reaches an entry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizeText } from '../../src/i18n/index.js';
import { cleanupPlan } from '../../src/run/ledger.js';
import { ledgerOf, type ActivityRecord } from '../../src/run/ledger-records.js';

const tower = { cloudtowerIp: '127.0.0.9', rootPassword: { secretRef: 'plan:cloudtower.rootPassword' } };
const rec = (activityType: string, input: unknown, result?: unknown): ActivityRecord => ({
  workflow: 'testload',
  activityType,
  input,
  result,
});

describe('run ledger: the test load', () => {
  const ledger = ledgerOf([
    rec(
      'uploadTestVmImage',
      { ...tower, clusterVip: 'v', secret: 'HC!r0cks' },
      { uploadTaskId: 'vol-1', volumeName: 'hci-bringup-testvm-pat', status: 'uploaded', chunksSent: 3 },
    ),
    rec(
      'createTestVm',
      { ...tower, vmName: 'C1-pat-test', ip: '127.1.0.20' },
      { vmId: 'ctvm-pat', created: true, status: 'STOPPED' },
    ),
    rec(
      'uploadTestVmImage',
      { ...tower, clusterVip: 'v' },
      {
        uploadTaskId: 'vol-2',
        volumeName: 'hci-bringup-testvm-fio',
        status: 'already-present',
        chunksSent: 0,
      },
    ),
    rec(
      'createTestVm',
      { ...tower, vmName: 'C1-fio-test', ip: '127.1.0.21' },
      { vmId: 'ctvm-fio', created: true, status: 'STOPPED' },
    ),
    // Found by name: a VM that existed before this run.
    rec(
      'createTestVm',
      { ...tower, vmName: 'C1-old-test', ip: '127.1.0.22' },
      { vmId: 'ctvm-old', created: false, status: 'RUNNING' },
    ),
    // Never completed (no result): not known to exist, not in the ledger.
    rec('createTestVm', { ...tower, vmName: 'C1-x-test' }),
  ]);

  it('maps createTestVm to test-vm entries on CloudTower, removed by API', () => {
    assert.deepEqual(
      ledger.map((e) => [e.kind, e.id, e.createdByRun, e.removal, e.where]),
      [
        ['image', 'vol-1', true, 'manual', 'cloudtower 127.0.0.9'],
        ['test-vm', 'ctvm-pat', true, 'api', 'cloudtower 127.0.0.9'],
        ['image', 'vol-2', false, 'manual', 'cloudtower 127.0.0.9'],
        ['test-vm', 'ctvm-fio', true, 'api', 'cloudtower 127.0.0.9'],
        ['test-vm', 'ctvm-old', false, 'api', 'cloudtower 127.0.0.9'],
      ],
    );
    const pat = ledger.find((e) => e.id === 'ctvm-pat')!;
    // The name is a catalogue message: English as it was, Chinese for a zh operator (issue 23).
    assert.equal(localizeText(pat.name, 'en'), 'test VM C1-pat-test');
    assert.equal(localizeText(pat.name, 'zh'), '测试虚拟机 C1-pat-test');
    assert.equal(pat.step, 'testload/createTestVm');
    assert.ok(!JSON.stringify(ledger).includes('HC!r0cks'));
  });

  it('the plan removes the run’s test VMs newest first, keeps the one found, lists the volume', () => {
    const plan = cleanupPlan(ledger);
    assert.deepEqual(
      plan.remove.map((e) => e.id),
      ['ctvm-fio', 'ctvm-pat'],
    );
    assert.deepEqual(
      plan.kept.map((e) => e.id),
      ['vol-2', 'ctvm-old'],
    );
    assert.deepEqual(
      plan.manual.map((e) => e.id),
      ['vol-1'],
    );
  });
});
