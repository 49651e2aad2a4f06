// Our deploy body against each body the installer UI sent (test/fixtures/reference): the inputs are
// derived from the capture itself, the builder runs, and the two JSON trees are compared node by
// node. Only the differences docs/decisions.md lists ("Deploy body against the installer UI")
// may remain; every other differing path fails the test by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildDeployPayload } from '../../../src/activities/deploy-cluster/deploy-payload.js';
import { SMTX_DEFAULT_PASSWORD_CIPHER as DEFAULT_HOST_PASSWORD_CIPHER } from '../../../src/smartx/default-passwords.js';
import { deployPayloadSchema } from '@hci-bringup/simulator';
import type { StorageArchitecture } from '../../../src/plan/types.js';
import type { DeployClusterPayload } from '../../../src/smartx/index.js';
import { referenceDir } from './helpers.js';
import { inputsFromCapture, parseJsonc, treeDiff } from './payload-captures.js';

const captures: [file: string, arch: StorageArchitecture][] = [
  ['deploy-cluster-payload-annotated.jsonc', 'hybrid-tiered'],
  ['deploy-cluster-payload-converged.json', 'hybrid-tiered'],
  ['deploy-payload-variants/all-ssd-mixed-sizes-tiered.json', 'hybrid-tiered'],
  ['deploy-payload-variants/all-ssd-mixed-sizes-untiered.json', 'all-flash-untiered'],
  ['deploy-payload-variants/nvme-and-ssd-tiered.json', 'hybrid-tiered'],
];

/** The deliberate differences (docs/decisions.md), each with the check that it is only that. */
const allowed: { path: RegExp; reason: string; ours?: (v: unknown) => boolean }[] = [
  {
    path: /^\$\.hosts\[\d+\]\.is_master$/,
    reason: 'masters: the first 3 hosts (5 from 5 hosts on); the UI lets the operator pick',
  },
  {
    // With the real scan's several link-local NICs per host, the UI's pick (the NIC the installer
    // found the host on, which no scan field names) and ours (the plan's first management NIC with
    // a link-local address) can differ; ours must be a link-local address with its NIC as zone.
    path: /^\$\.hosts\[\d+\]\.host_ip$/,
    reason: 'host_ip: the first management NIC of the plan with a link-local address',
    ours: (v) => typeof v === 'string' && /^fe80::[0-9a-f:]+%ens\d+$/.test(v),
  },
  {
    path: /^\$\.hosts\[\d+\]\.host_passwords\[\d+\]\.password$/,
    reason: 'host passwords: always the default ciphertext; the plan passwords are set over SSH afterwards',
    ours: (v) => v === DEFAULT_HOST_PASSWORD_CIPHER,
  },
];

function load(file: string): DeployClusterPayload {
  return parseJsonc(readFileSync(path.join(referenceDir, file), 'utf8')) as DeployClusterPayload;
}

function valueAt(tree: unknown, at: string): unknown {
  let v: unknown = tree;
  for (const m of at.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    v = (v as Record<string, unknown>)?.[m[1] ?? Number(m[2])];
  }
  return v;
}

describe('deploy body = the installer UI body, for every capture', () => {
  for (const [file, arch] of captures) {
    it(`${file}: same JSON tree except the listed differences`, () => {
      const capture = load(file);
      // The simulator must take every body the real UI sent.
      const accepted = deployPayloadSchema.safeParse(capture);
      assert.ok(accepted.success, `simulator schema refuses the capture: ${JSON.stringify(accepted.error)}`);

      const ours = buildDeployPayload(inputsFromCapture(capture, arch));
      const diffs = treeDiff(ours, capture);
      const unexplained = diffs.filter((d) => !allowed.some((a) => a.path.test(d.path)));
      assert.deepEqual(
        unexplained.map((d) => `${d.path}: ${d.detail}`),
        [],
        `differing paths not listed in docs/decisions.md`,
      );
      for (const d of diffs) {
        const rule = allowed.find((a) => a.path.test(d.path))!;
        assert.ok(!rule.ours || rule.ours(valueAt(ours, d.path)), `${d.path}: ${d.detail} (${rule.reason})`);
      }
      // The tree really was compared: same host count and both VDSes, not an empty diff by accident.
      assert.equal(ours.hosts.length, capture.hosts.length);
      assert.equal(ours.vdses.length, capture.vdses.length);
      assert.ok(deployPayloadSchema.safeParse(ours).success);
    });
  }

  it('the node-by-node diff names every differing path', () => {
    const a = { x: [1, { y: 'a', z: true }], w: null, only: 1 };
    const b = { x: [1, { y: 'b' }, 3], w: 0 };
    assert.deepEqual(
      treeDiff(a, b).map((d) => d.path),
      ['$.x[1].y', '$.x[1].z', '$.x[2]', '$.w', '$.only'],
    );
  });

  it('the UI capture with a typed password differs from ours only in that ciphertext (and the listed picks)', () => {
    const capture = load('deploy-payload-variants/all-ssd-mixed-sizes-untiered.json');
    const ours = buildDeployPayload(inputsFromCapture(capture, 'all-flash-untiered'));
    const paths = treeDiff(ours, capture).map((d) => d.path);
    assert.ok(paths.some((p) => p.endsWith('.password')));
    assert.ok(
      paths.every((p) => /\.password$|\.is_master$|\.host_ip$/.test(p)),
      paths.join('\n'),
    );
  });
});
