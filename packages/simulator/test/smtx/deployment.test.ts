/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- JSON from the wire, checked by the assertions */
// Deployment API and Fisheye families over real HTTP(S): shapes against the seed/reference samples,
// state transitions in order, auth, validation, duplicates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSimulator } from '../../src/index.js';
import { readJsonFixture } from '../helpers/fixtures.js';
import {
  admin,
  call,
  deployCluster,
  deployPayload,
  deploymentToken,
  login,
  startTestSim,
  waitFor,
  waitJob,
} from './helpers.js';

// Captures copied from the reference material into test/fixtures/reference: tests read only the repo.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON walked freely by the assertions
const reference = (f: string): any => readJsonFixture(`reference/${f}`);
const keys = (o: object) => Object.keys(o).sort();

describe('SMTX OS deployment API', () => {
  let sim: RunningSimulator;
  const ip = '127.1.0.11';
  before(async () => {
    // The idle phase after the POST lasts one real second at the lab's speed and the deploy three, so
    // the test sees each phase also when the machine is busy (the default idle phase, 20 simulated
    // seconds, is 20 ms here).
    sim = await startTestSim({ smtx: { deploySeconds: 3000, deploy: { idleAfterPostSeconds: 1000 } } });
  });
  after(() => sim.stop());

  it('host scan has the reference shape, field by field', async () => {
    const r = await call(sim, ip, 'GET', '/api/v2/deployment/host', { port: 80, token: deploymentToken });
    assert.equal(r.status, 200);
    const ref = reference('host-scan-response.json');
    assert.deepEqual(keys(r.body), keys(ref));
    assert.deepEqual(keys(r.body.data), keys(ref.data));
    assert.deepEqual(keys(r.body.data.cpu), keys(ref.data.cpu));
    assert.deepEqual(keys(r.body.data.cgroup_profile_env), keys(ref.data.cgroup_profile_env));
    assert.deepEqual(keys(r.body.data.disks[0]), keys(ref.data.disks[0]));
    assert.deepEqual(keys(r.body.data.ifaces[0]), keys(ref.data.ifaces[0]));
    assert.equal(r.body.ec, 'EOK');
    assert.deepEqual(r.body.error, {});
    assert.equal(r.body.data.host_ip, ip);
    // hybrid: boot + SSD cache + HDD data; link-local addresses on wired NICs
    assert.equal(r.body.data.disks.filter((d: { function: string }) => d.function === 'boot').length, 1);
    assert.ok(r.body.data.disks.some((d: { type: string }) => d.type === 'HDD'));
    assert.match(r.body.data.ifaces.find((f: { name: string }) => f.name === 'ens192').ipv6, /^fe80::/);
    const other = await call(sim, '127.1.0.12', 'GET', '/api/v2/deployment/host', {
      port: 80,
      token: deploymentToken,
    });
    assert.notEqual(other.body.data.host_uuid, r.body.data.host_uuid);
  });

  it('refuses a wrong token and machines that do not exist yet', async () => {
    const r = await call(sim, ip, 'GET', '/api/v2/deployment/host', { port: 80, token: 'nope' });
    assert.equal(r.status, 401);
    assert.equal(r.body.ec, 'EUNAUTHORIZED');
    await assert.rejects(call(sim, '127.1.0.10', 'GET', '/api/v2/images'), /ECONNREFUSED/);
  });

  it('rejects malformed and semantically wrong deploy bodies with the field named', async () => {
    const bad = await call(sim, ip, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      token: deploymentToken,
      json: { platform: 'kvm' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.ec, 'EINVALID_ARGUMENT');
    assert.match(bad.body.error.msg, /cluster_name/);
    const scans = [];
    for (const h of ['127.1.0.11', '127.1.0.12', '127.1.0.13'])
      scans.push(
        (await call(sim, h, 'GET', '/api/v2/deployment/host', { port: 80, token: deploymentToken })).body
          .data,
      );
    const p = deployPayload(scans) as { hosts: { host_ip: string; disks: { function: string }[] }[] };
    p.hosts[0].host_ip = '127.1.0.11';
    p.hosts[1].disks[0].function = 'data';
    const r = await call(sim, ip, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      token: deploymentToken,
      json: p,
    });
    assert.equal(r.status, 400);
    assert.match(r.body.error.msg, /hosts\.0\.host_ip/);
    assert.match(r.body.error.msg, /hosts\.1\.disks\.0\.function/);
  });

  it('deploys: running through stages, then deploy_verify true; a second deploy is refused', async () => {
    const scans = [];
    for (const h of ['127.1.0.11', '127.1.0.12', '127.1.0.13'])
      scans.push(
        (await call(sim, h, 'GET', '/api/v2/deployment/host', { port: 80, token: deploymentToken })).body
          .data,
      );
    const payload = deployPayload(scans) as { hosts: { host_ip: string }[] };
    const r = await call(sim, ip, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      token: deploymentToken,
      json: payload,
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.msg, 'SUCCEEDED: A new cluster deploying task is on its way now.');
    const q = `/api/v2/deployment/host/deploy_status?host_ip=${encodeURIComponent(payload.hosts[0].host_ip)}`;
    // Right after the accepted POST the task has not started: still idle, as a real installer shows.
    const s0 = await call(sim, ip, 'GET', q, { port: 80, token: deploymentToken });
    assert.equal(s0.body.data.state, 'idle');
    // A second POST in that idle phase is refused all the same: the task exists.
    const during = await call(sim, ip, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      token: deploymentToken,
      json: payload,
    });
    assert.equal(during.status, 400);
    assert.equal(during.body.ec, 'EDEPLOYMENT_IN_PROGRESS');
    let s1 = s0;
    await waitFor('deploy start', async () => {
      s1 = await call(sim, ip, 'GET', q, { port: 80, token: deploymentToken });
      return s1.body.data.state === 'running';
    });
    assert.deepEqual(keys(s1.body.data), ['current_stage', 'msg', 'stage_info', 'state', 'total_stages']);
    const v0 = await call(sim, ip, 'GET', '/api/v2/deployment/deploy_verify', { token: deploymentToken });
    assert.deepEqual(v0.body, { data: { is_deployed: false, platform: 'kvm' }, ec: 'EOK', error: {} });
    const stages = new Set<string>();
    await waitFor('deploy end', async () => {
      const s = (await call(sim, ip, 'GET', q, { port: 80, token: deploymentToken })).body.data;
      stages.add(s.stage_info);
      return s.state !== 'running';
    });
    assert.ok(stages.size >= 3, `saw stages ${[...stages].join(',')}`);
    const v = await call(sim, ip, 'GET', '/api/v2/deployment/deploy_verify', { token: deploymentToken });
    assert.equal(v.body.data.is_deployed, true);
    const again = await call(sim, ip, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      token: deploymentToken,
      json: payload,
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.ec, 'ECLUSTER_ALREADY_DEPLOYED');
    const cluster = (await admin(sim, 'GET', '/__sim/state')).body.cluster;
    assert.equal(cluster.deployRequests, 5, 'every POST counts, refused ones too');
    assert.equal(cluster.deployAccepted, 1);
  });
});

describe('Fisheye after deploy', () => {
  let sim: RunningSimulator;
  const ip = '127.1.0.11';
  let token = '';
  before(async () => {
    sim = await startTestSim({ smtx: { deploySeconds: 60, tokenTtlSeconds: 3600 } });
    await deployCluster(sim);
  });
  after(() => sim.stop());

  it('setupRoot answers like the real one, then refuses a second setup', async () => {
    // A value of the wrong type fails protojson's unmarshal: grpc-gateway's shape, not zod's words.
    const mistyped = await call(sim, ip, 'POST', '/api/v3/users:setupRoot', {
      json: { password: 5, repeat: 'HC!r0cks', encrypted: false },
    });
    assert.equal(mistyped.status, 400);
    assert.deepEqual(keys(mistyped.body), ['code', 'details', 'message']);
    assert.equal(mistyped.body.code, 3);
    assert.match(mistyped.body.message, /^proto: .*invalid value for field password/);
    // An extra key (an independent client sends `username`) is dropped, as grpc-gateway does.
    const r = await call(sim, ip, 'POST', '/api/v3/users:setupRoot', {
      json: { username: 'root', password: 'HC!r0cks', repeat: 'HC!r0cks', encrypted: false },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, reference('setup-root-response.json'));
    const logged = (await admin(sim, 'GET', '/__sim/state')).body.requests.filter(
      (q: { path: string }) => q.path === '/api/v3/users:setupRoot',
    );
    assert.equal(logged.at(-1).status, 200);
    assert.equal(logged.at(-1).lenient, undefined, 'dropping unknown keys is grpc-gateway behaviour');
    const again = await call(sim, ip, 'POST', '/api/v3/users:setupRoot', {
      json: { password: 'x', repeat: 'x', encrypted: false },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 6);
  });

  it('sessions give a token; calls without it are 401', async () => {
    const bad = await call(sim, ip, 'POST', '/api/v3/sessions', {
      json: { username: 'root', password: 'wrong', encrypted: false },
    });
    assert.equal(bad.status, 401);
    const r = await call(sim, ip, 'POST', '/api/v3/sessions', {
      json: { username: 'root', password: 'HC!r0cks', encrypted: false },
    });
    assert.deepEqual(keys(r.body), ['create_time', 'expire_time', 'token', 'update_time', 'user_id']);
    assert.match(r.body.token, /^[0-9a-f]{32}$/);
    token = r.body.token;
    assert.equal((await call(sim, ip, 'GET', '/api/v2/tools/license')).status, 401);
  });

  it('VIP comes up when set; license, DNS/NTP jobs, IPMI, CPU, storage policies', async () => {
    assert.equal(
      (
        await call(sim, ip, 'PUT', '/api/v2/settings/vip', {
          token,
          json: { iscsi_vip: null, management_vip: '127.1.0.10' },
        })
      ).status,
      200,
    );
    const lic = await call(sim, '127.1.0.10', 'GET', '/api/v2/tools/license', { token });
    assert.equal(lic.status, 200);
    assert.match(lic.body.data.serial, /^[0-9a-f-]{36}$/);
    assert.equal(lic.body.data.software_edition, 'ENTERPRISE');
    const badDns = await call(sim, ip, 'PUT', '/api/v2/settings/dns', {
      token,
      json: { dns_servers: ['dns.example'] },
    });
    assert.equal(badDns.status, 400);
    const dns = await call(sim, ip, 'PUT', '/api/v2/settings/dns', {
      token,
      json: { dns_servers: ['10.0.0.114', '10.0.0.1'] },
    });
    const first = (await call(sim, ip, 'GET', `/api/v2/jobs/${dns.body.data.job_id}`, { token })).body.data
      .job;
    // A job is asynchronous; on a loaded machine the simulated clock may already have finished it.
    assert.ok(['pending', 'running', 'done'].includes(first.state), first.state);
    assert.equal((await waitJob(sim, ip, token, dns.body.data.job_id)).state, 'done');
    const ntp = await call(sim, ip, 'PUT', '/api/v2/settings/ntp', {
      token,
      json: { ntp_mode: 'external', ntp_servers: ['10.0.0.2', 'ntp.c89.fun'] },
    });
    await waitJob(sim, ip, token, ntp.body.data.job_id);
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    assert.deepEqual(state.cluster.dns, ['10.0.0.114', '10.0.0.1']);
    assert.deepEqual(state.cluster.ntp, ['10.0.0.2', 'ntp.c89.fun']);
    const hostUuid = state.hosts[0].uuid;
    const ipmi = await call(sim, ip, 'POST', '/api/v2/ipmi/upsert_accounts', {
      token,
      json: {
        accounts: [
          {
            node_name: 'node-01',
            host: '127.1.3.11',
            user: 'root',
            node_uuid: hostUuid,
            password: 'secret-bmc',
          },
        ],
      },
    });
    assert.deepEqual(keys(ipmi.body.data.success[0]), [
      'host',
      'interface',
      'is_valid',
      'node_name',
      'node_uuid',
      'port',
      'user',
    ]);
    const models = await call(sim, '127.1.0.10', 'GET', '/api/v2/elf/cluster_recommended_cpu_models', {
      token,
    });
    assert.deepEqual(models.body, { data: { cpu_models: ['EPYC'] }, ec: 'EOK', error: {} });
    assert.deepEqual(
      (
        await call(sim, ip, 'PUT', '/api/v2/elf/cluster_cpu_compatibility', {
          token,
          json: { cpu_model: 'EPYC' },
        })
      ).body,
      { ec: 'EOK', error: {}, data: {} },
    );
    assert.equal(
      (await call(sim, ip, 'GET', '/api/v2/elf/cluster_cpu_compatibility', { token })).body.data.cpu_model,
      'EPYC',
    );
    const sp = await call(sim, ip, 'GET', '/api/v2/storage_policies', { token });
    assert.equal(sp.body.data[0].name, 'default');
    assert.equal(sp.body.data[0].replica_num, 2);
    const dump = JSON.stringify((await admin(sim, 'GET', '/__sim/state')).body);
    assert.ok(
      !dump.includes('secret-bmc') && !dump.includes('HC!r0cks') && !dump.includes(token),
      'no secrets in state',
    );
  });

  it('VDS via job, VLANs, duplicate VLAN refused, duplicate VM name makes two VMs', async () => {
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    const hosts = state.hosts.map((h: { uuid: string }) => ({
      host_uuid: h.uuid,
      nics_associated: ['ens162', 'ens194'],
    }));
    const c = await call(sim, ip, 'POST', '/api/v2/network/vds', {
      token,
      json: { name: 'vDS-Production', bond_mode: 'active-backup', hosts_associated: hosts },
    });
    const job = await waitJob(sim, ip, token, c.body.data.job_id);
    assert.equal(job.description, 'NETWORK_CREATE_VDS');
    const vdsUuid = Object.keys(job.resources)[0];
    const vds = await call(sim, ip, 'GET', `/api/v2/network/vds/${vdsUuid}`, { token });
    assert.deepEqual(keys(vds.body.data), [
      'bond_mode',
      'bond_name',
      'bond_type',
      'description',
      'hosts_associated',
      'name',
      'ovsbr_name',
      'qos_enable',
      'rb_interval',
      'type',
      'uuid',
      'vlans_count',
      'work_mode',
    ]);
    const vl = await call(sim, ip, 'POST', `/api/v2/network/vds/${vdsUuid}/vlans`, {
      token,
      json: { name: 'VLAN-1120', vlan_id: 1120, vds_uuid: vdsUuid },
    });
    assert.equal(vl.body.data.type, 3);
    assert.equal(
      (
        await call(sim, ip, 'POST', `/api/v2/network/vds/${vdsUuid}/vlans`, {
          token,
          json: { name: 'VLAN-1120', vlan_id: 1120 },
        })
      ).status,
      400,
    );
    assert.equal(
      (await call(sim, ip, 'GET', `/api/v2/network/vds/${vdsUuid}`, { token })).body.data.vlans_count,
      1,
    );
    const vmBody = {
      vm_name: 'dup',
      vcpu: 1,
      memory: 1024,
      cpu: { topology: { sockets: 1, cores: 1 } },
      nics: [{ vlan_uuid: vl.body.data.uuid }],
      disks: [{ type: 'cdrom', bus: 'ide', path: '' }],
      status: 'running',
    };
    for (let i = 0; i < 2; i++)
      await waitJob(
        sim,
        ip,
        token,
        (await call(sim, ip, 'POST', '/api/v2/vms', { token, json: vmBody })).body.data.job_id,
      );
    const vms = (await admin(sim, 'GET', '/__sim/state')).body.vms.filter(
      (v: { vm_name: string }) => v.vm_name === 'dup',
    );
    assert.equal(vms.length, 2);
  });

  it('expire-tokens fault makes the next call 401', async () => {
    await admin(sim, 'PUT', '/__sim/faults', {
      rules: [{ match: 'fisheye.license.get', kind: 'expire-tokens', nth: 1 }],
    });
    assert.equal((await call(sim, ip, 'GET', '/api/v2/tools/license', { token })).status, 401);
    token = await login(sim, ip);
    assert.equal((await call(sim, ip, 'GET', '/api/v2/tools/license', { token })).status, 200);
  });
});
