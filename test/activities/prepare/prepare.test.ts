// precheckAddresses and scanHosts against the real simulator over real TCP/HTTP (loopback only).
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { precheckAddresses, scanHosts } from '../../../src/activities/prepare/index.js';
import { SPEED } from './helpers.js';
import { startLab, type Lab } from '../../helpers/lab.js';
import { runActivity } from '../../helpers/activity.js';
import { assertLenientMarks } from '../../helpers/lenient.js';

const NICS = ['ens224', 'ens192', 'ens256', 'ens161'];
const mapFile = (t: Lab) => (t.run.connect as { endpointMapFile: string }).endpointMapFile;

describe('prepare activities on the simulator', () => {
  let t: Lab;
  let hosts: { hostname: string; managementIp: string; bmcIp?: string }[];
  let topo: Lab['sim']['core']['topology'];

  before(async () => {
    t = await startLab({ speed: SPEED });
    topo = t.sim.core.topology;
    hosts = topo.hosts;
  });
  after(async () => t.stop());
  // The one lenient request is the duplicate-uuid test's own alias address (Host names no machine).
  after(() => assertLenientMarks(t.sim, [{ route: 'deployment.host.scan', lenient: ['host:other'] }]));

  it('precheckAddresses: hosts answer, VIP/CloudTower/OBS/Backup are free, BMCs answer', async () => {
    const { result } = await runActivity(precheckAddresses, {
      run: t.run,
      mustAnswer: hosts.map((h) => ({
        address: h.managementIp,
        ports: [80, 443, 22],
        label: `host ${h.hostname}`,
      })),
      mustBeFree: [
        { address: topo.vip, ports: [443, 22], label: 'cluster VIP' },
        { address: topo.cloudtower!, ports: [443, 22], label: 'CloudTower' },
        { address: topo.obs!, ports: [443], label: 'Observability' },
        { address: topo.backup!, ports: [443], label: 'Backup' },
      ],
      warnIfSilent: hosts.map((h) => ({ address: h.bmcIp!, ports: [443], label: `BMC of ${h.hostname}` })),
    });
    // The VIP's port 22 is not mapped (the address is): as free as a refused connection, no problem.
    assert.deepEqual(result.problems, []);
    // Every BMC has its own loopback address with HTTPS in the map, so none is reported silent.
    assert.deepEqual(result.warnings, []);
    const map = JSON.parse(await readFile(mapFile(t), 'utf8')) as {
      endpoints: Record<string, { host: string; ports: Record<string, number> }>;
    };
    const bmcs = hosts.map((h) => map.endpoints[h.bmcIp!]);
    assert.ok(bmcs.every((e) => Object.keys(e.ports).join() === '443'));
    assert.equal(new Set(bmcs.map((e) => e.host)).size, hosts.length);
  });

  it('precheckAddresses: names label, address:port and what was expected for each problem', async () => {
    const { result } = await runActivity(precheckAddresses, {
      run: t.run,
      mustAnswer: [
        { address: topo.cloudtower!, ports: [22], label: 'host node-09' },
        { address: '127.9.9.9', ports: [80], label: 'host node-10' },
      ],
      mustBeFree: [
        { address: hosts[0].managementIp, ports: [443], label: 'CloudTower' },
        { address: '127.9.9.8', ports: [443], label: 'Backup' },
      ],
      warnIfSilent: [{ address: topo.cloudtower!, ports: [443], label: 'BMC of node-01' }],
    });
    assert.deepEqual(result.problems.length, 4);
    assert.match(
      result.problems[0],
      /^host node-09 127\.1\.1\.2:22 does not answer \(ECONNREFUSED\): expected the SMTX OS installer's SSH$/,
    );
    assert.match(
      result.problems[1],
      /^host node-10 127\.9\.9\.9:80 is not in the endpoint map .*Fix: add it/,
    );
    assert.match(result.problems[2], /^CloudTower 127\.1\.0\.11:443 answers: expected a free address/);
    assert.match(result.problems[3], /^Backup 127\.9\.9\.8:443: 127\.9\.9\.8 is not in the endpoint map/);
    assert.deepEqual(result.warnings.length, 1);
    assert.match(result.warnings[0], /^BMC of node-01 127\.1\.1\.2:443 does not answer \(ECONNREFUSED\)/);
  });

  it('precheckAddresses: throws only for broken input', async () => {
    await assert.rejects(
      runActivity(precheckAddresses, {
        run: t.run,
        mustAnswer: [{ address: '', ports: [], label: 'host x' }],
        mustBeFree: [],
        warnIfSilent: [],
      }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'InvalidInput' && e.nonRetryable,
    );
  });

  it('scanHosts: every host in parallel, compact summaries with uuid, link-local, NICs and disks', async () => {
    const { result } = await runActivity(scanHosts, {
      run: t.run,
      hosts: hosts.map((h) => ({ hostname: h.hostname, managementIp: h.managementIp, requiredNics: NICS })),
      storageArchitecture: 'hybrid-tiered',
    });
    assert.equal(result.hosts.length, 3);
    assert.equal(result.warnings, undefined);
    const uuids = new Set(result.hosts.map((h) => h.scan.hostUuid));
    assert.equal(uuids.size, 3);
    for (const [i, h] of result.hosts.entries()) {
      assert.equal(h.managementIp, hosts[i].managementIp);
      assert.match(h.scan.linkLocal!, /^fe80::[0-9a-f:]+%ens224$/);
      assert.ok(h.scan.disks.some((d) => d.isBoot));
      assert.ok(!h.scan.nics.some((n) => n.name.startsWith('port-')));
    }
    // Compact: it lands in workflow history.
    assert.ok(JSON.stringify(result).length < 3 * 2000, `${JSON.stringify(result).length} bytes`);
  });

  it('scanHosts: a missing NIC is one non-retryable precheck failure naming host and NIC', async () => {
    const err = await runActivity(scanHosts, {
      run: t.run,
      hosts: hosts.map((h, i) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        requiredNics: i === 1 ? [...NICS, 'ens300'] : NICS,
      })),
      storageArchitecture: 'hybrid-tiered',
    }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'PrecheckFailed');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /1 of 3 hosts/);
    assert.match(
      err.message,
      /host node-02 \(127\.1\.0\.12\): NIC ens300 from the workbook not found; the host has ens161,/,
    );
    assert.doesNotMatch(err.message, /node-01|node-03/);
  });

  it('scanHosts: disks that do not fit the storage architecture, on every host, in one failure', async () => {
    const err = await runActivity(scanHosts, {
      run: t.run,
      hosts: hosts.map((h) => ({ hostname: h.hostname, managementIp: h.managementIp, requiredNics: NICS })),
      storageArchitecture: 'all-flash-untiered',
    }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'PrecheckFailed');
    for (const h of hosts)
      assert.match(err.message, new RegExp(`host ${h.hostname} .*: HDD sdb, sdc, sdd, sde under`));
  });

  it('scanHosts: the same machine under two addresses is a duplicate uuid; an address listed twice is broken input', async () => {
    // A second plan address mapped to node-01's loopback endpoint: two "hosts", one machine.
    const map = JSON.parse(await readFile(mapFile(t), 'utf8')) as { endpoints: Record<string, unknown> };
    map.endpoints['10.0.20.99'] = map.endpoints[hosts[0].managementIp];
    const aliasMap = path.join(path.dirname(mapFile(t)), 'alias-endpoints.json');
    await writeFile(aliasMap, JSON.stringify(map));
    const err = await runActivity(scanHosts, {
      run: { ...t.run, connect: { mode: 'map', endpointMapFile: aliasMap } },
      hosts: [
        { hostname: 'node-01', managementIp: hosts[0].managementIp, requiredNics: NICS },
        { hostname: 'node-02', managementIp: hosts[1].managementIp, requiredNics: NICS },
        { hostname: 'node-05', managementIp: '10.0.20.99', requiredNics: NICS },
      ],
      storageArchitecture: 'hybrid-tiered',
    }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.type, 'PrecheckFailed');
    assert.match(
      err.message,
      /host node-05 \(10\.0\.20\.99\): host uuid \S+ is the same as host node-01 \(127\.1\.0\.11\)'s/,
    );

    await assert.rejects(
      runActivity(scanHosts, {
        run: t.run,
        hosts: [hosts[0], hosts[0]].map((h) => ({
          hostname: h.hostname,
          managementIp: h.managementIp,
          requiredNics: NICS,
        })),
        storageArchitecture: 'hybrid-tiered',
      }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'InvalidInput',
    );
  });

  it('scanHosts: an unreachable host fails retryably, naming it', async () => {
    const err = await runActivity(scanHosts, {
      run: t.run,
      hosts: [
        { hostname: hosts[0].hostname, managementIp: hosts[0].managementIp, requiredNics: NICS },
        { hostname: 'node-99', managementIp: topo.cloudtower!, requiredNics: NICS },
      ],
      storageArchitecture: 'hybrid-tiered',
    }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApplicationFailure);
    assert.equal(err.nonRetryable, false);
    assert.match(err.message, /node-99 \(127\.1\.1\.2\)/);
    assert.match(err.message, /ECONNREFUSED/);
  });
});
