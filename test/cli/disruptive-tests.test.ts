// `start --disruptive-tests maintenance`: the per-run approval is checked against the plan before
// anything runs — fewer than 3 hosts, no test load, or an unknown --disruptive-host is a usage error
// in the operator's language; refuse (the default) accepts every plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDisruptiveTests } from '../../src/cli/disruptive-tests.js';
import { writeSamplePlan } from '../../src/plan/index.js';
import { hciBringup } from '../helpers/cli.js';

const three = ['node-1', 'node-2', 'node-3'];

describe('start --disruptive-tests', () => {
  it('refuse (the default) needs nothing; --disruptive-host alone is a usage error', () => {
    assert.equal(
      checkDisruptiveTests({ tests: 'refuse', testload: 'skip', hostNames: ['a'] }, 'en'),
      undefined,
    );
    assert.match(
      checkDisruptiveTests({ tests: 'refuse', host: 'node-1', testload: 'auto', hostNames: three }, 'en') ??
        '',
      /only with --disruptive-tests maintenance/,
    );
  });

  it('maintenance with fewer than 3 hosts is refused, saying why (quorum), in zh and en', () => {
    const flags = {
      tests: 'maintenance' as const,
      testload: 'auto' as const,
      hostNames: ['node-1', 'node-2'],
    };
    assert.match(checkDisruptiveTests(flags, 'en') ?? '', /at least 3 hosts \(the plan has 2\).*quorum/);
    assert.match(checkDisruptiveTests(flags, 'zh') ?? '', /至少 3 台主机.*仲裁/);
  });

  it('maintenance needs the test load and a plan host when one is named', () => {
    assert.match(
      checkDisruptiveTests({ tests: 'maintenance', testload: 'skip', hostNames: three }, 'en') ?? '',
      /needs the test load/,
    );
    assert.match(
      checkDisruptiveTests(
        { tests: 'maintenance', host: 'node-9', testload: 'ask', hostNames: three },
        'en',
      ) ?? '',
      /node-9 is not a host of the plan.*node-1, node-2, node-3/,
    );
    assert.equal(
      checkDisruptiveTests(
        { tests: 'maintenance', host: 'node-2', testload: 'auto', hostNames: three },
        'en',
      ),
      undefined,
    );
  });
});

describe('`hci-bringup start --disruptive-tests maintenance` as an operator runs it', () => {
  it('exits 2 before anything runs when the plan cannot take it (no test load, unknown host)', async () => {
    const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'disruptive-'));
    const plan = path.join(dir, 'plan.xlsx');
    await writeSamplePlan(plan, {
      hosts: 3,
      networkArchitecture: 'three-separate',
      storageArchitecture: 'hybrid-tiered',
    });
    // A 2-host workbook never gets here: start refuses it at plan validation (rule host-count).
    const args = ['start', '--plan', plan, '--direct', '--disruptive-tests', 'maintenance'];
    const en = await hciBringup([...args, '--lang', 'en']);
    assert.equal(en.code, 2, en.stdout + en.stderr);
    assert.match(en.stderr, /needs the test load/);
    assert.doesNotMatch(en.stdout, /started/);
    const zh = await hciBringup([...args, '--testload', 'auto', '--disruptive-host', 'nope', '--lang', 'zh']);
    assert.equal(zh.code, 2, zh.stdout + zh.stderr);
    assert.match(zh.stderr, /--disruptive-host nope 不是规划中的主机/);
    const bad = await hciBringup(['start', '--plan', plan, '--direct', '--disruptive-tests', 'yes']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /must be refuse or maintenance/);
  });
});
