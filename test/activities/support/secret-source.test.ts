// Secrets by reference (issue 14 item 5): the run plan carries names only, and the worker resolves
// them from a real sample workbook on disk, the secrets file, the environment or the appliances'
// defaults; what it cannot resolve fails non-retryably naming the reference, never a value.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { loadPlan, writeSamplePlan, type Plan } from '../../../src/plan/index.js';
import { defaultSecret, secretsOf, toRunPlan, type PlanSecret } from '../../../src/run/run-plan.js';
import {
  preloadSecrets,
  resolveSecret,
  secretEnvName,
} from '../../../src/activities/support/secret-source.js';
import { CLOUDTOWER_FACTORY_ROOT_PASSWORD } from '../../../src/smartx/index.js';

const noEnv: NodeJS.ProcessEnv = {};

function failureOf(fn: () => unknown): ApplicationFailure {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure, String(err));
    return err;
  }
  assert.fail('expected a failure');
}

describe('secret references resolved on the worker', () => {
  let dir: string;
  let planFile: string;
  let plan: Plan;
  before(async () => {
    dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'secrets-'));
    planFile = path.join(dir, 'plan.xlsx');
    await writeSamplePlan(planFile, {
      hosts: 3,
      networkArchitecture: 'three-separate',
      storageArchitecture: 'hybrid-tiered',
    });
    const loaded = await loadPlan(planFile);
    assert.ok(loaded.plan, 'the sample workbook validates');
    plan = loaded.plan;
  });

  it('the run plan names every password and holds none; the worker reads them from the workbook', async () => {
    const runPlan = toRunPlan(plan, planFile);
    const text = JSON.stringify(runPlan);
    const values = secretsOf(plan);
    assert.ok(values.length >= 4, 'the sample plan has passwords');
    for (const v of values) assert.ok(!text.includes(v), 'a password is in the run plan');
    const host = plan.hosts[1];
    assert.deepEqual(runPlan.hosts[1].bmc.password, {
      secretRef: `plan:hosts.${host.hostname}.bmc.password`,
      workbook: planFile,
    });
    assert.deepEqual(runPlan.fisheye.password, { secretRef: 'plan:fisheye.password', workbook: planFile });
    await preloadSecrets({ plan: runPlan });
    assert.equal(resolveSecret(runPlan.fisheye.password, noEnv), plan.fisheye.password.reveal());
    assert.equal(resolveSecret(runPlan.hosts[1].bmc.password, noEnv), host.bmc.password.reveal());
    assert.equal(resolveSecret(runPlan.hosts[2].ssh.password, noEnv), plan.hosts[2].ssh.password.reveal());
    assert.equal(
      resolveSecret(runPlan.cloudtower.rootPassword, noEnv),
      plan.cloudtower.rootPassword.reveal(),
    );
  });

  it('the secrets file and the environment answer before the workbook; defaults come from the worker', async () => {
    const ref: PlanSecret = { secretRef: 'plan:fisheye.password', workbook: planFile };
    await preloadSecrets(ref);
    const file = path.join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ 'plan:fisheye.password': 'From-The-File-1' }));
    assert.equal(resolveSecret(ref, { HCI_SECRETS_FILE: file }), 'From-The-File-1');
    assert.equal(secretEnvName('plan:fisheye.password'), 'HCI_SECRET_PLAN_FISHEYE_PASSWORD');
    assert.equal(
      resolveSecret(ref, { HCI_SECRETS_FILE: file, HCI_SECRET_PLAN_FISHEYE_PASSWORD: 'From-Env-2' }),
      'From-Env-2',
    );
    assert.equal(resolveSecret(defaultSecret('cloudtowerRoot'), noEnv), CLOUDTOWER_FACTORY_ROOT_PASSWORD);

    writeFileSync(file, '["not", "an object"]');
    const bad = failureOf(() => resolveSecret(ref, { HCI_SECRETS_FILE: file }));
    assert.equal(bad.nonRetryable, true);
    assert.match(bad.message, /HCI_SECRETS_FILE/);
  });

  it('a reference the worker cannot resolve fails non-retryably, naming it and the fix, never a value', async () => {
    const gone = path.join(dir, 'moved-away.xlsx');
    const ref: PlanSecret = { secretRef: 'plan:fisheye.password', workbook: gone };
    await preloadSecrets(ref);
    const failure = failureOf(() => resolveSecret(ref, noEnv));
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, 'InvalidInput');
    assert.match(failure.message, /plan:fisheye\.password/);
    assert.match(failure.message, /moved-away\.xlsx/);
    assert.match(failure.message, /HCI_SECRETS_FILE/);
    assert.match(failure.message, /无法解析密码引用/);
    for (const v of secretsOf(plan)) assert.ok(!failure.message.includes(v), 'a value in the message');

    const unknown = failureOf(() => resolveSecret({ secretRef: 'plan:hosts.nope.bmc.password' }, noEnv));
    assert.match(unknown.message, /plan:hosts\.nope\.bmc\.password/);
    // A payload of an old run (a value instead of a name) is refused, not used.
    const legacy = failureOf(() => resolveSecret({ secretValue: 'x' } as unknown as PlanSecret, noEnv));
    assert.equal(legacy.nonRetryable, true);
    rmSync(path.join(dir, 'secrets.json'), { force: true });
  });
});
