import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec.js';
import { UnreadablePayloadCodec } from './unreadable-codec.js';

/**
 * Encryption at rest is optional (docs/decisions.md "Secrets by reference"): payloads carry no
 * secret, so by default they are plain JSON and the Web UI shows them. Customers who want them
 * encrypted give every worker and CLI the same key: HCI_PAYLOAD_KEY (base64 of 32 bytes) or the file
 * HCI_PAYLOAD_KEY_FILE.
 */
export function payloadKeyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.HCI_PAYLOAD_KEY || env.HCI_PAYLOAD_KEY_FILE);
}

/** The configured payload key; throws when none is configured (see payloadKeyConfigured). */
export function loadPayloadKey(env: NodeJS.ProcessEnv = process.env): { key: Buffer; keyId: string } {
  let key: Buffer;
  if (env.HCI_PAYLOAD_KEY) {
    key = Buffer.from(env.HCI_PAYLOAD_KEY, 'base64');
  } else if (env.HCI_PAYLOAD_KEY_FILE) {
    const file = env.HCI_PAYLOAD_KEY_FILE;
    if (!existsSync(file)) throw new Error(`HCI_PAYLOAD_KEY_FILE names ${file}, which does not exist`);
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } else {
    throw new Error(
      'no payload key: set HCI_PAYLOAD_KEY (openssl rand -base64 32) or HCI_PAYLOAD_KEY_FILE for encrypted payloads',
    );
  }
  if (key.length !== 32)
    throw new Error('the payload key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  // The id is a fingerprint, not the key: it tells which key a payload needs without revealing it.
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { key, keyId };
}

/** Encrypts every payload with the configured key (the replay fixtures and their tests pass theirs). */
export function encryptedDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  const { key, keyId } = loadPayloadKey(env);
  return { payloadCodecs: [new AesGcmPayloadCodec(key, keyId)] };
}

/** What worker and client use: plain JSON without a key, AES-256-GCM with one. */
export function payloadDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return payloadKeyConfigured(env) ? encryptedDataConverter(env) : {};
}

/**
 * What clients (CLI, deploy service) use: as payloadDataConverter, except that without a key an
 * encrypted payload of another run reads as a marker instead of failing (unreadable-codec.ts).
 */
export function clientDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return payloadKeyConfigured(env)
    ? encryptedDataConverter(env)
    : { payloadCodecs: [new UnreadablePayloadCodec()] };
}
