import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec.js';

/**
 * The payload key comes from HCI_PAYLOAD_KEY (base64 of 32 bytes) or the file HCI_PAYLOAD_KEY_FILE,
 * else ~/.config/hci-bringup/payload.key, created (mode 0600) on first use so that the worker and
 * the starter on one laptop agree without setup. Other machines must be given the same key.
 */
export function loadPayloadKey(env: NodeJS.ProcessEnv = process.env): { key: Buffer; keyId: string } {
  let key: Buffer;
  if (env.HCI_PAYLOAD_KEY) {
    key = Buffer.from(env.HCI_PAYLOAD_KEY, 'base64');
  } else {
    const file = env.HCI_PAYLOAD_KEY_FILE || path.join(os.homedir(), '.config', 'hci-bringup', 'payload.key');
    if (!existsSync(file)) {
      if (env.HCI_PAYLOAD_KEY_FILE)
        throw new Error(`HCI_PAYLOAD_KEY_FILE names ${file}, which does not exist`);
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  if (key.length !== 32)
    throw new Error('the payload key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  // The id is a fingerprint, not the key: it tells which key a payload needs without revealing it.
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { key, keyId };
}

export function encryptedDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  const { key, keyId } = loadPayloadKey(env);
  return { payloadCodecs: [new AesGcmPayloadCodec(key, keyId)] };
}
