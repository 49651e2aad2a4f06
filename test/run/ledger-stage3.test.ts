// Issue 23 point 6: what stage 03 changes is in the cleanup lists. The VMTools ISO a run uploaded is
// removed by API like the CloudTower ISO; the hosts' passwords and the IPMI accounts, which no API
// undoes, are manual work, in the operator's language; no password of the input reaches an entry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPlan } from '../../src/cli/commands/cleanup.js';
import { cleanupPlan } from '../../src/run/ledger.js';
import { ledgerOf, type ActivityRecord } from '../../src/run/ledger-records.js';

const fisheye = { user: 'root', password: { secretRef: 'plan:fisheye.password' } };
const rec = (activityType: string, input: unknown, result?: unknown): ActivityRecord => ({
  workflow: 'main',
  activityType,
  input,
  result,
});
const hosts = [
  { hostname: 'node-1', managementIp: '10.0.0.11', sshUser: 'root', password: 'S3cret!' },
  { hostname: 'node-2', managementIp: '10.0.0.12', sshUser: 'root', password: 'S3cret!' },
];
const bmcHosts = [
  { hostname: 'node-1', hostUuid: 'h1', bmc: { ip: '10.0.1.11', user: 'ADMIN', password: 'B4dmc!' } },
  { hostname: 'node-2', hostUuid: 'h2', bmc: { ip: '10.0.1.12', user: 'ADMIN', password: 'B4dmc!' } },
];

describe('stage 03 in the cleanup lists', () => {
  const ledger = ledgerOf([
    rec(
      'uploadVmTools',
      { vip: '10.0.0.5', fisheye },
      { status: 'uploaded', file: 'SMTX_VMTOOLS-3.2.0.iso', bytes: 9, imageUuid: 'svt-1' },
    ),
    rec('setHostPasswords', { hosts }, { changed: ['node-2'], alreadySet: ['node-1'] }),
    rec(
      'configureIpmiAccounts',
      { vip: '10.0.0.5', fisheye, hosts: bmcHosts },
      { succeeded: ['node-1'], failed: [] },
    ),
  ]);
  const plan = cleanupPlan(ledger);

  it('removes the VMTools ISO the run uploaded; one found there is not the run’s', () => {
    assert.deepEqual(
      plan.remove.map((e) => [e.kind, e.id, e.where]),
      [['image', 'svt-1', 'fisheye 10.0.0.5']],
    );
    const found = ledgerOf([
      rec('uploadVmTools', { vip: '10.0.0.5' }, { status: 'already-present', file: 'x.iso' }),
    ]);
    assert.deepEqual(found, []);
  });

  it('lists the changed host passwords and the IPMI accounts as manual work', () => {
    assert.deepEqual(
      plan.manual.map((e) => [e.kind, e.id]),
      [
        ['ipmi-account', 'node-1'],
        ['host-password', 'node-2'],
      ],
    );
    // A step that failed midway (no result): every host it was given may have changed.
    const midway = ledgerOf([rec('setHostPasswords', { hosts })]);
    assert.deepEqual(
      midway.map((e) => e.id),
      ['node-1', 'node-2'],
    );
    assert.ok(!JSON.stringify([ledger, midway]).includes('S3cret!'), 'no host password');
    assert.ok(!JSON.stringify(ledger).includes('B4dmc!'), 'no BMC password');
  });

  it('says it in the operator’s language', () => {
    const progress = {
      runId: 'r1',
      dryRun: true,
      phase: 'done' as const,
      ...plan,
      remove: plan.remove.map((entry) => ({ entry, state: 'planned' as const })),
    };
    const zh = renderPlan(progress, 'zh');
    assert.match(zh, /1\. VMTools ISO 镜像（SMTX_VMTOOLS-3\.2\.0\.iso） \[svt-1\]/);
    assert.match(zh, /主机 node-2 的 root\/smartx 密码 .*passwd root/);
    assert.match(zh, /主机 node-1 的 IPMI \(BMC\) 账号 ADMIN@10\.0\.1\.11/);
    assert.doesNotMatch(zh, /\[\[msg:|set to the workbook|registered in the cluster/);
    const en = renderPlan(progress, 'en');
    assert.match(
      en,
      /root\/smartx passwords of host node-2 \[node-2\] @ host 10\.0\.0\.12 — set to the workbook password/,
    );
    assert.match(en, /IPMI \(BMC\) account ADMIN@10\.0\.1\.11 of host node-1/);
  });
});
