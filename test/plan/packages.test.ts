// The CLI's package check and the activities look files up by the same rules: what passes the
// check is what the activities find, and sample-packages writes what both accept.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findVmToolsIso } from '../../src/activities/configure-cluster/upload-vm-tools.js';
import { BACKUP_PACKAGE, locatePackage, OBS_PACKAGE } from '../../src/activities/support/package-files.js';
import { findTestVmPackages } from '../../src/activities/test-load/test-vm-packages.js';
import { checkPackageDir, packageNeeds } from '../../src/cli/package-check.js';
import type { Plan } from '../../src/plan/index.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { TEST_VM_ROLES } from '../../src/plan/test-vm-roles.js';
import { checkPackages, PACKAGE_RULES, type PackageEntry } from '../../src/plan/packages.js';
import { writeSamplePackages } from '../../src/plan/sample-packages.js';

const scratch = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'packages-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const all = { cloudtowerIso: true, vmtoolsIso: true, obs: true, backup: true };
const file = (name: string, size = 10): PackageEntry => ({ name, size, isFile: true });

describe('package rules', () => {
  it('are the rules the activities use for OBS and Backup', () => {
    assert.equal(PACKAGE_RULES.obs.regex.source, OBS_PACKAGE.regex.source);
    assert.equal(PACKAGE_RULES.backup.regex.source, BACKUP_PACKAGE.regex.source);
  });

  it('sample-packages output passes the check, and the activities find every file', async () => {
    const dir = path.join(scratch, 'sample');
    const names = writeSamplePackages(dir);
    const report = checkPackageDir(dir, all, 'en');
    assert.equal(report.ok, true, report.text);
    assert.deepEqual(report.check?.found.map((f) => f.name).sort(), [...names].sort());
    assert.equal((await findVmToolsIso(dir))?.name, PACKAGE_RULES['vmtools-iso'].example);
    assert.equal((await locatePackage(OBS_PACKAGE, dir)).name, PACKAGE_RULES.obs.example);
    assert.equal((await locatePackage(BACKUP_PACKAGE, dir)).name, PACKAGE_RULES.backup.example);
  });

  it('names what is missing, misnamed, empty or for another architecture', () => {
    const check = checkPackages(
      [
        file('CloudTower_4.6.2.iso'),
        file('SMTX_VMTOOLS-3.2.0.iso', 0),
        file('Observability-AARCH64-v1.4.2-release.20250117.tar.gz'),
        file('smtx-backup-dr-x86_64-2.1.0.tar.gz'),
      ],
      all,
    );
    assert.deepEqual(
      check.found.map((f) => f.rule.id),
      ['backup'],
    );
    const why = Object.fromEntries(
      check.problems.map((p) => [p.rule.id, p.nearMisses.map((m) => `${m.name}: ${m.why.en}`)]),
    );
    assert.deepEqual(why, {
      'cloudtower-iso': ['CloudTower_4.6.2.iso: name does not match cloudtower-*.iso'],
      'vmtools-iso': ['SMTX_VMTOOLS-3.2.0.iso: the file is empty'],
      obs: ['Observability-AARCH64-v1.4.2-release.20250117.tar.gz: not for x86_64'],
    });
  });

  it('asks only for what the run needs', () => {
    const check = checkPackages([file('cloudtower-v4.6.2.oe2003.x86_64.iso')], {
      cloudtowerIso: true,
      vmtoolsIso: false,
      obs: false,
      backup: false,
    });
    assert.equal(check.problems.length, 0);
  });

  it('a missing folder and a folder without packages are refused with the fix, in both languages', () => {
    const missing = checkPackageDir(path.join(scratch, 'nope'), all, 'zh');
    assert.equal(missing.ok, false);
    assert.match(missing.text, /安装包目录不存在或无法读取/);
    assert.match(missing.text, /npx --offline hci-bringup sample-packages --out /);
    const empty = path.join(scratch, 'empty');
    writeSamplePackages(empty, { obs: false, backup: false });
    writeFileSync(path.join(empty, 'README.txt'), 'x');
    const en = checkPackageDir(empty, all, 'en');
    assert.equal(en.ok, false);
    assert.match(
      en.text,
      /Observability \(OBS\) package: needs Observability-<X86_64\|AARCH64>-v\*\.tar\.gz/,
    );
    assert.match(en.text, /Backup package: needs smtx-backup-dr-/);
    assert.match(en.text, /--obs skip/);
    assert.doesNotMatch(en.text, /CloudTower ISO: needs/);
  });

  it('--testload auto (or ask) without the PAT/FIO images is refused before the run, with the fix', async () => {
    const plan = { obs: { ip: '' }, backup: { ip: '' } } as unknown as Plan;
    assert.equal(packageNeeds(plan, {}).testVms, false, 'the default (skip) needs no image');
    assert.equal(packageNeeds(plan, { testload: 'skip' }).testVms, false);
    assert.equal(packageNeeds(plan, { testload: 'auto', stopAfter: 'deploy-cloudtower' }).testVms, false);
    const needs = packageNeeds(plan, { testload: 'auto' });
    assert.equal(needs.testVms, true);
    assert.equal(packageNeeds(plan, { testload: 'ask' }).testVms, true);
    const dir = path.join(scratch, 'no-test-vms');
    writeSamplePackages(dir);
    const en = checkPackageDir(dir, needs, 'en');
    assert.equal(en.ok, false);
    assert.match(en.text, /PAT test VM image: needs \*pat\*\.ova/);
    assert.match(en.text, /FIO test VM image: needs \*fio\*\.ova/);
    assert.match(en.text, /--testload skip/);
    assert.match(checkPackageDir(dir, needs, 'zh').text, /PAT 测试虚拟机镜像/);
    // With the images there, the check passes, and the stage finds what the check found.
    writeSampleTestVmPackages(dir);
    const ok = checkPackageDir(dir, needs, 'en');
    assert.equal(ok.ok, true, ok.text);
    const found = await findTestVmPackages(dir, TEST_VM_ROLES);
    assert.deepEqual(
      found.packages.map((p) => p.name).sort(),
      ok.check?.found
        .filter((f) => f.rule.id.endsWith('-image'))
        .map((f) => f.name)
        .sort(),
    );
  });
});
