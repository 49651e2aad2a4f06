import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// @temporalio/proto is CommonJS: take the namespace from its default export.
const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Optional encryption at rest (HCI_PAYLOAD_KEY): every payload (workflow input, activity arguments
 * and results; none holds a secret, those travel by reference) is encrypted before it reaches the
 * Temporal server, so history, the Web UI and `temporal workflow show` only hold ciphertext. The key id travels in the metadata so a rotated key can be
 * recognised; payloads that are not ours (already plain) pass through on decode.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(
    private readonly key: Buffer,
    private readonly keyId: string,
  ) {
    if (key.length !== 32) throw new Error('the payload encryption key must be 32 bytes (AES-256)');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, this.key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCODING),
          'encryption-key-id': Buffer.from(this.keyId),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? Buffer.from(payload.metadata.encoding).toString() : '';
      if (encoding !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
      if (keyId !== this.keyId) {
        throw new Error(
          `payload was encrypted with key "${keyId}" but this process holds key "${this.keyId}"`,
        );
      }
      const data = Buffer.from(payload.data ?? []);
      const iv = data.subarray(0, IV_BYTES);
      const tag = data.subarray(data.length - TAG_BYTES);
      const decipher = createDecipheriv(ALGORITHM, this.key, iv);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
