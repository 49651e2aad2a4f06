// Cluster settings of stage 3, one test per setting, against the real simulator: every run PUTs the
// planned value (no GET decides to skip it), each PUT is confirmed as seed 003 shows (EOK answer, job
// done, the CPU model read back), and the simulator refuses bodies the real API would refuse.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  configureClusterSettings,
  configureCpuCompatibility,
  configureIpmiAccounts,
  initializeFisheye,
} from '../../../src/activities/configure-cluster/index.js';
import { FisheyeClient, SmartxHttpError } from '../../../src/smartx/index.js';
import { z } from 'zod';
import { simState, startDeployedSim, type DeployedSim } from './helpers.js';
import { recordedText, runActivity } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertLenientMarks } from '../../helpers/lenient.js';

const FISHEYE_PW = 'Fi$heye-S3ttings!';
const BMC_PW = 'Bmc-S3ttings!';
const fisheye = { user: 'root', password: testSecret(FISHEYE_PW) };

type Req = { route?: string; machine: string; status: number };
const count = (requests: Req[], route: string, status = 200) =>
  requests.filter((r) => r.route === route && r.status === status).length;

async function rejectsWith(promise: Promise<unknown>, type: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure, `not an ApplicationFailure: ${String(err)}`);
    assert.equal(err.type, type, err.message);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('configure-cluster settings: PUT the wanted value, confirm as seed 003 does', () => {
  let d: DeployedSim;
  let client: FisheyeClient;

  before(async () => {
    d = await startDeployedSim();
    await runActivity(initializeFisheye, { run: d.run, hostIp: d.hostIps[0], fisheye });
    client = new FisheyeClient(d.resolver, d.hostIps[0], {
      username: 'root',
      password: FISHEYE_PW,
    });
    await client.login();
  });
  after(async () => {
    await d?.stop();
  });
  // The one lenient request here is the test's own unknown key (below), none of our client's.
  after(() =>
    assertLenientMarks(d.sim, [{ route: 'fisheye.settings.vip.put', lenient: ['unknown-key:vip'] }]),
  );

  const settings = () => ({
    run: d.run,
    hostIp: d.hostIps[0],
    vip: d.vip,
    dnsServers: ['10.0.0.114', '10.0.0.1'],
    ntpServers: ['10.0.0.2', 'ntp.example.org'],
    fisheye,
  });

  it('VIP: PUT on every run (no GET first), then the VIP answers a login', async () => {
    await runActivity(configureClusterSettings, settings());
    await runActivity(configureClusterSettings, settings());
    const state = await simState(d.sim);
    assert.equal(state.cluster.vip, d.vip);
    assert.equal(count(state.requests, 'fisheye.settings.vip.put'), 2, 'the VIP is PUT on both runs');
    assert.ok(
      !state.requests.some((r) => r.method === 'GET' && r.path.startsWith('/api/v2/settings/')),
      'no undocumented GET of a setting',
    );
    // The VIP answered: DNS and NTP went through it (seed 003 uses the VIP after setting it).
    assert.ok(
      state.requests.some((r) => r.route === 'fisheye.settings.dns.put' && r.machine.includes(d.vip)),
    );
  });

  it('DNS: a changed plan is PUT and its job awaited; the same plan is PUT again (one job per run)', async () => {
    const before = (await simState(d.sim)).jobs.filter((j) => j.description === 'UPDATE_DNS').length;
    const req = { ...settings(), dnsServers: ['10.9.9.9'] };
    const { result } = await runActivity(configureClusterSettings, req);
    assert.deepEqual(result.dns, ['10.9.9.9']);
    const state = await simState(d.sim);
    assert.deepEqual(state.cluster.dns, ['10.9.9.9'], 'the job completed before the activity returned');
    const jobs = state.jobs.filter((j) => j.description === 'UPDATE_DNS') as { state?: string }[];
    assert.equal(jobs.length, before + 1);
    assert.ok(
      jobs.every((j) => j.state === 'done'),
      JSON.stringify(jobs.map((j) => j.state)),
    );
  });

  it('DNS: a host name is refused by the cluster (seed 003: IPs only) and named in the failure', async () => {
    await rejectsWith(
      runActivity(configureClusterSettings, { ...settings(), dnsServers: ['dns.example.org'] }),
      'RemoteRejected',
      /set the cluster DNS servers.*HTTP 400.*EINVALID_ARGUMENT/,
    );
  });

  it('NTP: IPs and host names are PUT in external mode and confirmed by the job', async () => {
    const req = { ...settings(), ntpServers: ['ntp1.example.org', '10.0.0.3'] };
    await runActivity(configureClusterSettings, req);
    const state = await simState(d.sim);
    assert.deepEqual(state.cluster.ntp, ['ntp1.example.org', '10.0.0.3']);
    const ntpJobs = state.jobs.filter((j) => j.description === 'UPDATE_NTP') as { state?: string }[];
    assert.ok(ntpJobs.length >= 3 && ntpJobs.every((j) => j.state === 'done'));
    await rejectsWith(
      runActivity(configureClusterSettings, { ...settings(), ntpServers: ['not a host!'] }),
      'RemoteRejected',
      /set the cluster NTP servers.*HTTP 400/,
    );
  });

  it('IPMI: upserted on every run and confirmed by the answer; a BMC that is not an IPv4 is refused', async () => {
    const state = await simState(d.sim);
    const hosts = state.hosts.map((h, i) => ({
      hostname: h.hostname,
      hostUuid: h.uuid,
      bmc: { ip: `127.1.3.${11 + i}`, user: 'ADMIN', password: testSecret(BMC_PW) },
    }));
    const req = { run: d.run, vip: d.vip, fisheye, hosts };
    for (let round = 0; round < 2; round++) {
      const { result } = await runActivity(configureIpmiAccounts, req);
      assert.deepEqual(
        result.succeeded,
        hosts.map((h) => h.hostname),
      );
    }
    const after = await simState(d.sim);
    assert.equal(count(after.requests, 'fisheye.ipmi.upsert'), 2);
    assert.equal(after.ipmiAccounts.length, 3);
    const bad = { ...req, hosts: [{ ...hosts[0], bmc: { ...hosts[0].bmc, ip: 'bmc-01.example' } }] };
    await rejectsWith(runActivity(configureIpmiAccounts, bad), 'RemoteRejected', /upsert_accounts.*HTTP 400/);
  });

  it('CPU compatibility: recommended model PUT on every run, then read back (seed 003 steps 1–3)', async () => {
    const req = { run: d.run, vip: d.vip, fisheye };
    assert.deepEqual((await runActivity(configureCpuCompatibility, req)).result, { cpuModel: 'EPYC' });
    assert.deepEqual((await runActivity(configureCpuCompatibility, req)).result, { cpuModel: 'EPYC' });
    const state = await simState(d.sim);
    assert.equal(count(state.requests, 'fisheye.elf.cpu_compat.put'), 2);
    assert.equal(count(state.requests, 'fisheye.elf.cpu_compat.get'), 2, 'one verifying GET per PUT');
    // The verifying GET comes after the PUT of the same run.
    const order = state.requests
      .filter((r) => r.route?.startsWith('fisheye.elf.cpu_compat'))
      .map((r) => r.route);
    assert.deepEqual(order, [
      'fisheye.elf.cpu_compat.put',
      'fisheye.elf.cpu_compat.get',
      'fisheye.elf.cpu_compat.put',
      'fisheye.elf.cpu_compat.get',
    ]);
  });

  it('the simulator refuses wrong bodies where a seed shows the field (seed shapes), marks an unknown key', async () => {
    const dnsBefore = (await simState(d.sim)).cluster.dns;
    const put = (path: string, json: unknown) =>
      client.http.call({ method: 'PUT', path, json, parse: 'envelope', schema: z.unknown() });
    const refused = async (p: Promise<unknown>, what: string) =>
      assert.rejects(
        p,
        (err: unknown) => {
          assert.ok(err instanceof SmartxHttpError, `${what}: ${String(err)}`);
          assert.equal(err.status, 400, `${what}: ${err.message}`);
          assert.equal(err.ec, 'EINVALID_ARGUMENT', what);
          return true;
        },
        what,
      );
    await refused(put('/api/v2/settings/vip', { management_vip: d.vip }), 'VIP without iscsi_vip');
    await refused(
      put('/api/v2/settings/vip', { iscsi_vip: null, management_vip: 'vip.example' }),
      'VIP not an IP',
    );
    await refused(
      put('/api/v2/settings/vip', { iscsi_vip: null, management_vip: d.hostIps[1] }),
      'VIP equal to a host address',
    );
    // An unknown key is served (no source says Fisheye v2 refuses one) and marked lenient.
    await put('/api/v2/settings/vip', { iscsi_vip: null, management_vip: d.vip, vip: d.vip });
    const marked = (await simState(d.sim)).requests.filter(
      (r) => r.route === 'fisheye.settings.vip.put' && r.lenient,
    );
    assert.deepEqual(marked.at(-1)?.lenient, ['unknown-key:vip']);
    await refused(put('/api/v2/settings/dns', { dns_servers: [] }), 'no DNS server');
    await refused(put('/api/v2/settings/dns', { dns_servers: '10.0.0.1' }), 'DNS not a list');
    await refused(put('/api/v2/settings/ntp', { ntp_servers: ['10.0.0.2'] }), 'NTP without mode');
    await refused(
      put('/api/v2/settings/ntp', { ntp_mode: 'external', ntp_servers: [] }),
      'external NTP, no server',
    );
    await refused(put('/api/v2/settings/ntp', { ntp_mode: 'pool', ntp_servers: ['10.0.0.2'] }), 'NTP mode');
    await refused(put('/api/v2/elf/cluster_cpu_compatibility', { cpu_model: '' }), 'empty CPU model');
    await refused(
      put('/api/v2/elf/cluster_cpu_compatibility', { cpu_model: 'Skylake-Server' }),
      'CPU model no host runs',
    );
    await refused(put('/api/v2/elf/cluster_cpu_compatibility', { model: 'EPYC' }), 'CPU wrong key');
    const state = await simState(d.sim);
    assert.equal(state.cluster.vip, d.vip, 'a refused VIP changed nothing');
    assert.deepEqual(state.cluster.dns, dnsBefore, 'a refused DNS list changed nothing');
  });

  it('no password reached a log line, a heartbeat or the simulator state', async () => {
    const text = recordedText() + JSON.stringify(await simState(d.sim));
    for (const secret of [FISHEYE_PW, BMC_PW]) assert.ok(!text.includes(secret), 'secret found');
  });
});
