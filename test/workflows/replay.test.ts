import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { AesGcmPayloadCodec } from '../../src/codec/aes-gcm-codec.js';
import { loadPayloadKey } from '../../src/codec/key.js';
import { projectRoot } from '../../src/config/dev-server.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');

describe('recorded histories replay on the current workflow code', () => {
  // A failure here means a workflow change is not deterministic for runs already in flight:
  // guard it with patched(), or re-record on purpose with `npm run record-history`.
  const { key, keyId } = loadPayloadKey({
    HCI_PAYLOAD_KEY: readFileSync(path.join(fixtures, 'fixture-payload.key'), 'utf8').trim(),
  });
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.json'));
  it('has fixtures to replay', () => assert.ok(files.length > 0));
  for (const file of files) {
    it(`replays ${file}`, async () => {
      // Written by scripts/record-history.ts with protobufjs' own JSON form; read back the same way.
      const history = proto.temporal.api.history.v1.History.fromObject(
        JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as Record<string, unknown>,
      );
      assert.ok(history.events.length > 100, 'a whole bring-up, not a stub');
      await Worker.runReplayHistory(
        {
          workflowBundle: { codePath: process.env.HCI_TEST_WORKFLOW_BUNDLE! },
          dataConverter: { payloadCodecs: [new AesGcmPayloadCodec(key, keyId)] },
        },
        history,
        file.replace(/\.json$/, ''),
      );
    });
  }
});
