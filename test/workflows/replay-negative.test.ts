// The negative control of the replay tests: a replay that cannot fail proves nothing. A copy of
// the bring-up with one extra activity before the first stage (test/workflows/altered/) must be
// refused on every recorded history, while the same workflows bundled the same way unaltered
// replay cleanly.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { fixtureDataConverter, fixtureNames, loadFixtureHistory } from '../helpers/history-fixtures.js';

// The SDK logs every replay worker's state changes at INFO; this file only wants problems.
Runtime.install({ logger: new DefaultLogger('WARN') });

const altered = path.join(path.dirname(fileURLToPath(import.meta.url)), 'altered');

async function bundle(file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(altered, file),
    logger: new DefaultLogger('WARN'),
  });
  return code;
}

describe('replay catches a non-deterministic workflow change', () => {
  let extraStep: string;
  let unchanged: string;
  before(async () => {
    extraStep = await bundle('extra-step.js');
    unchanged = await bundle('unchanged.js');
  });
  const names = fixtureNames();
  it('has fixtures to replay', () => assert.ok(names.length >= 2, names.join(', ')));

  for (const name of names) {
    it(`refuses ${name} on a copy with an extra activity`, async () => {
      await assert.rejects(
        Worker.runReplayHistory(
          { workflowBundle: { code: extraStep }, dataConverter: fixtureDataConverter() },
          loadFixtureHistory(name),
          name,
        ),
        (err: unknown) => {
          assert.ok(
            err instanceof DeterminismViolationError,
            `expected a determinism violation, got ${String(err)}`,
          );
          // Core's code for a history the code no longer matches (here: the extra activity met the
          // recorded search-attribute upsert of the first stage).
          assert.match(err.message, /\[TMPRL1100\] Nondeterminism error/);
          return true;
        },
      );
    });

    it(`replays ${name} on the same workflows bundled the same way`, async () => {
      await Worker.runReplayHistory(
        { workflowBundle: { code: unchanged }, dataConverter: fixtureDataConverter() },
        loadFixtureHistory(name),
        name,
      );
    });
  }
});
