// A client without a key meets a run recorded encrypted (an earlier version, another site's key):
// the payload reads as a marker naming the key it needs, plain payloads pass untouched.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../src/codec/aes-gcm-codec.js';
import { clientDataConverter, payloadDataConverter } from '../../src/codec/key.js';
import { UnreadablePayloadCodec } from '../../src/codec/unreadable-codec.js';

describe('payloads without a key', () => {
  it('plain by default; an encrypted payload reads as a marker, a plain one as it is', async () => {
    assert.deepEqual(payloadDataConverter({}), {}, 'no key: the default converter');
    assert.equal(clientDataConverter({}).payloadCodecs?.length, 1);
    const key = randomBytes(32);
    const [encrypted] = await new AesGcmPayloadCodec(key, 'k1').encode([
      defaultPayloadConverter.toPayload({ cluster: 'CN-1' }),
    ]);
    const plain = defaultPayloadConverter.toPayload({ cluster: 'CN-2' });
    const [marker, same] = await new UnreadablePayloadCodec().decode([encrypted, plain]);
    const read = defaultPayloadConverter.fromPayload<Record<string, unknown>>(marker);
    assert.equal(read.unreadable, 'binary/encrypted');
    assert.equal(read.keyId, 'k1');
    assert.ok(!JSON.stringify(read).includes('CN-1'));
    assert.deepEqual(defaultPayloadConverter.fromPayload(same), { cluster: 'CN-2' });
  });
});
