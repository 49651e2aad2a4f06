// The recorded bring-up histories under test/fixtures/histories (scripts/record-history.ts) and
// the codec that reads their payloads, for the replay tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { AesGcmPayloadCodec } from '../../src/codec/aes-gcm-codec.js';
import { loadPayloadKey } from '../../src/codec/key.js';
import { projectRoot } from '../../src/config/dev-server.js';

export type History = proto.temporal.api.history.v1.History;

export const historyFixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');

/** The fixture names (file names without `.json`), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(historyFixtures)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** Written with protobufjs' own JSON form; read back the same way. */
export function loadFixtureHistory(name: string): History {
  return proto.temporal.api.history.v1.History.fromObject(
    JSON.parse(readFileSync(path.join(historyFixtures, `${name}.json`), 'utf8')) as Record<string, unknown>,
  );
}

/** Payloads were encrypted with the committed fixture key (it protects sample values only). */
export function fixtureDataConverter(): DataConverter {
  const { key, keyId } = loadPayloadKey({
    HCI_PAYLOAD_KEY: readFileSync(path.join(historyFixtures, 'fixture-payload.key'), 'utf8').trim(),
  });
  return { payloadCodecs: [new AesGcmPayloadCodec(key, keyId)] };
}
