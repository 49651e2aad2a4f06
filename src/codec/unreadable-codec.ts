import type { Payload, PayloadCodec } from '@temporalio/common';

// A client without a payload key (the default) may still meet runs that were recorded encrypted:
// by an earlier version, or by a site that sets HCI_PAYLOAD_KEY, in the same namespace. Listing them
// (memos) or reading them must not fail every command or the service's /metrics; such a payload
// reads as a marker that says which key it needs. Clients only: a worker fails such a run honestly.

const ENCRYPTED = 'binary/encrypted';

export class UnreadablePayloadCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? Buffer.from(payload.metadata.encoding).toString() : '';
      if (encoding !== ENCRYPTED) return payload;
      const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
      const marker = {
        unreadable: ENCRYPTED,
        keyId,
        fix: 'set HCI_PAYLOAD_KEY (or HCI_PAYLOAD_KEY_FILE) to its key',
      };
      return {
        metadata: { encoding: Buffer.from('json/plain') },
        data: Buffer.from(JSON.stringify(marker)),
      };
    });
  }
}
