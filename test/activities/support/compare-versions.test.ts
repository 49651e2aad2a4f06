// The one version order of the activities (package files, OBS and Backup packages in CloudTower, the
// CloudTower ISO, the VMTools ISO): numbers as numbers, a missing number below any, then the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions } from '../../../src/activities/support/compare-versions.js';

const newestFirst = (versions: string[]) => [...versions].sort((a, b) => compareVersions(b, a));

describe('compareVersions', () => {
  it('compares the numbers as numbers, left to right', () => {
    assert.deepEqual(newestFirst(['3.2.0', '3.10.0', '3.9.12']), ['3.10.0', '3.9.12', '3.2.0']);
    assert.deepEqual(
      newestFirst(['v1.4.2-release.20250926-24', 'v1.4.2-release.20250926-3', 'v1.4.10-release.20240101-1']),
      ['v1.4.10-release.20240101-1', 'v1.4.2-release.20250926-24', 'v1.4.2-release.20250926-3'],
    );
  });

  it('sorts a missing number below any, and equal numbers by their text', () => {
    assert.ok(compareVersions('1.2', '1.2.0') < 0);
    assert.ok(compareVersions('2.2.1', '2.2') > 0);
    assert.equal(compareVersions('4.6.2', '4.6.2'), 0);
    assert.ok(compareVersions('v1.0.0-release', 'v1.0.0-beta') > 0);
  });
});
