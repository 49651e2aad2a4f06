/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- JSON from the wire, checked by the assertions */
// Core pieces: route patterns, fault rules (reproducible from the seed), address
// assignment and the endpoint map of a plan with real (non-loopback) addresses.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import got from 'got';
import { FaultEngine } from '../../src/core/faults.js';
import { seededRandom } from '../../src/core/rng.js';
import { Router } from '../../src/core/router.js';
import { startLab } from '../helpers/lab.js';

describe('router', () => {
  const h = async () => ({ status: 200 });
  const router = new Router([
    {
      roles: ['host'],
      routes: [
        { method: 'POST', pattern: '/api/v3/users:setupRoot', name: 'setup', handler: h },
        { method: 'GET', pattern: '/api/v2/jobs/:id', name: 'job', handler: h },
        { method: 'POST', pattern: '/x/chunkedUploads/:id:commit', name: 'commit', handler: h },
        { method: 'GET', pattern: '/api/v2/images', name: 'images', handler: h },
      ],
    },
  ]);
  it('matches literal custom verbs, params and param:suffix, 405 vs 404', () => {
    assert.equal(
      (router.match('host', 'POST', '/api/v3/users:setupRoot') as { route: { name: string } }).route.name,
      'setup',
    );
    assert.deepEqual((router.match('host', 'GET', '/api/v2/jobs/a:b') as { params: object }).params, {
      id: 'a:b',
    });
    assert.deepEqual(
      (router.match('host', 'POST', '/x/chunkedUploads/37Jud:commit') as { params: object }).params,
      { id: '37Jud' },
    );
    assert.deepEqual(router.match('host', 'DELETE', '/api/v2/images'), { methodMismatch: true });
    assert.deepEqual(router.match('vip', 'GET', '/api/v2/images'), { methodMismatch: false });
  });
});

describe('faults', () => {
  const run = (seed: number) => {
    const f = new FaultEngine(seededRandom(seed), () => 0);
    f.load({
      rules: [
        { match: 'fisheye.*', kind: 'status', status: 503, probability: 0.3 },
        { match: '/api/v2/images/:x', kind: 'reset', nth: [2, 4] },
      ],
    });
    const fired: (string | undefined)[] = [];
    for (let i = 0; i < 50; i++) fired.push(f.check({ point: 'fisheye.jobs.get' })?.kind);
    for (let i = 0; i < 5; i++) fired.push(f.check({ point: 'x', path: '/api/v2/images/abc' })?.kind);
    return fired;
  };
  it('fire at the n-th call and with a probability, the same way for the same seed', () => {
    const a = run(7);
    assert.deepEqual(a, run(7));
    assert.notDeepEqual(a, run(8));
    assert.deepEqual(a.slice(50), [undefined, 'reset', undefined, 'reset', undefined]);
    const n = a.slice(0, 50).filter(Boolean).length;
    assert.ok(n > 5 && n < 30, `fired ${n}/50`);
  });
});

describe('addresses and endpoint map', () => {
  it('maps real plan addresses to loopback, preassigns high ports, refuses inactive machines', async () => {
    const lab = await startLab({
      topology: {
        clusterName: 'C',
        storageArchitecture: 'all-flash',
        hosts: [{ hostname: 'n1', managementIp: '10.0.20.11', bmcIp: '10.0.1.11' }],
        vip: '10.0.20.10',
        cloudtower: '10.0.20.2',
      },
    });
    const { sim } = lab;
    try {
      const map = JSON.parse(await readFile(path.join(sim.stateDir, 'endpoints.json'), 'utf8'));
      assert.equal(map.version, 1);
      assert.equal(map.admin, sim.endpointMap.admin);
      for (const [plan, e] of Object.entries(
        map.endpoints as Record<string, { host: string; ports: Record<string, number> }>,
      )) {
        assert.match(e.host, /^127\./, plan);
        for (const p of Object.values(e.ports)) assert.ok(p > 1024);
      }
      assert.deepEqual(Object.keys(map.endpoints).sort(), [
        '10.0.1.11',
        '10.0.20.10',
        '10.0.20.11',
        '10.0.20.2',
      ]);
      assert.deepEqual(Object.keys(map.endpoints['10.0.20.2'].ports).sort(), ['22', '443', '80']);
      const host = sim.resolve('10.0.20.11', 80);
      const scan = await got(`http://${host.host}:${host.port}/api/v2/deployment/host`, {
        headers: { host: '10.0.20.11', 'x-smartx-token': 'e79b85fc18b7402fbcc0391fe8d7d24c' },
      }).json<{ data: { is_all_flash: boolean; host_ip: string } }>();
      assert.equal(scan.data.is_all_flash, true);
      assert.equal(scan.data.host_ip, '10.0.20.11');
      const ct = sim.resolve('10.0.20.2', 443);
      const refused = await new Promise<string>((resolve) => {
        const s = net.connect(ct.port, ct.host);
        s.once('connect', () => resolve('connected'));
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
      });
      assert.equal(refused, 'ECONNREFUSED');
      const bad = await got.put(`${sim.adminUrl}/__sim/faults`, {
        json: { rules: [{ match: 'x', kind: 'explode' }] },
        throwHttpErrors: false,
      });
      assert.equal(bad.statusCode, 400);
      const log = (
        await got(`${sim.adminUrl}/__sim/state`).json<{ requests: { path: string; host: string }[] }>()
      ).requests;
      assert.equal(log[0].host, '10.0.20.11');
    } finally {
      await lab.stop();
    }
  });
});
