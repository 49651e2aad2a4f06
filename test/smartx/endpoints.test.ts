import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  EndpointMapInvalid,
  EndpointNotMapped,
  EndpointResolver,
  isLoopback,
} from '../../src/smartx/endpoints.js';

const goodMap = {
  version: 1,
  generatedBy: 'hci-bringup simulator',
  admin: '127.0.0.1:40123',
  endpoints: {
    '10.0.20.11': { host: '127.1.0.11', ports: { '80': 80, '443': 8443, '22': 2222 } },
    '10.0.20.2': { host: '127.1.1.2', ports: { '443': 443 } },
  },
};

test('resolves mapped address and port to the loopback target', () => {
  const r = EndpointResolver.fromMap(goodMap, 'map.json');
  assert.deepEqual(r.resolve('10.0.20.11', 443), { host: '127.1.0.11', port: 8443 });
  assert.deepEqual(r.resolve('10.0.20.11', 22), { host: '127.1.0.11', port: 2222 });
  assert.equal(r.admin, '127.0.0.1:40123');
  assert.equal(r.isDirect, false);
});

test('fails closed on an unmapped address, naming the address and the map file', () => {
  const r = EndpointResolver.fromMap(goodMap, '/state/endpoints.json');
  assert.throws(
    () => r.resolve('10.0.20.99', 443),
    (err: unknown) =>
      err instanceof EndpointNotMapped &&
      err.reason === 'address' &&
      /10\.0\.20\.99/.test(err.message) &&
      err.message.includes('/state/endpoints.json'),
  );
});

test('fails closed on an unmapped port of a mapped address', () => {
  const r = EndpointResolver.fromMap(goodMap, 'map.json');
  assert.throws(
    () => r.resolve('10.0.20.2', 22),
    (err: unknown) => err instanceof EndpointNotMapped && err.reason === 'port' && err.port === 22,
  );
});

test('refuses map targets that are not loopback', () => {
  for (const host of ['10.0.20.11', '192.168.1.1', 'example.com', '::2', '0.0.0.0']) {
    const map = { version: 1, endpoints: { '10.0.20.11': { host, ports: { '443': 443 } } } };
    assert.throws(
      () => EndpointResolver.fromMap(map, 'bad.json'),
      (e: unknown) => e instanceof EndpointMapInvalid && e.message.includes('bad.json'),
    );
  }
});

test('validates the map shape (version, IPv4 keys, ports)', () => {
  assert.throws(() => EndpointResolver.fromMap({ version: 2, endpoints: {} }), EndpointMapInvalid);
  assert.throws(
    () =>
      EndpointResolver.fromMap({ version: 1, endpoints: { cloudtower: { host: '127.0.0.1', ports: {} } } }),
    EndpointMapInvalid,
  );
  assert.throws(
    () =>
      EndpointResolver.fromMap({
        version: 1,
        endpoints: { '10.0.0.1': { host: '127.0.0.1', ports: { '443': 70000 } } },
      }),
    EndpointMapInvalid,
  );
  assert.throws(
    () =>
      EndpointResolver.fromMap({
        version: 1,
        endpoints: { '10.0.0.1': { host: '127.0.0.1', ports: { https: 443 } } },
      }),
    EndpointMapInvalid,
  );
  assert.throws(() => EndpointResolver.fromMap(null), EndpointMapInvalid);
});

test('fromFile reads a map and reports unreadable or non-JSON files', () => {
  const dir = mkdtempSync(join(process.env.HCI_TEST_SCRATCH ?? tmpdir(), 'endpoints-'));
  const good = join(dir, 'endpoints.json');
  writeFileSync(good, JSON.stringify(goodMap));
  assert.deepEqual(EndpointResolver.fromFile(good).resolve('10.0.20.2', 443), {
    host: '127.1.1.2',
    port: 443,
  });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{nope');
  assert.throws(
    () => EndpointResolver.fromFile(bad),
    (e: unknown) => e instanceof EndpointMapInvalid && e.message.includes(bad),
  );
  assert.throws(() => EndpointResolver.fromFile(join(dir, 'missing.json')), EndpointMapInvalid);
});

test('isLoopback accepts 127/8 and ::1 only', () => {
  for (const ip of [
    '127.0.0.1',
    '127.1.0.11',
    '127.255.255.254',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])
    assert.equal(isLoopback(ip), true, ip);
  for (const ip of ['10.0.20.11', '128.0.0.1', '::', '::2', 'localhost', '', '1.127.0.0', '::ffff:10.0.0.1'])
    assert.equal(isLoopback(ip), false, ip);
});

test('direct mode (site only; never used by tests for real traffic) returns the address unchanged', () => {
  const r = EndpointResolver.direct();
  assert.equal(r.isDirect, true);
  assert.deepEqual(r.resolve('10.0.20.11', 443), { host: '10.0.20.11', port: 443 });
});
