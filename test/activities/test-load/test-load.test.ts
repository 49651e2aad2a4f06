/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 09 activities against the simulator: the PAT/FIO images found by name (a missing one is a
// note), uploaded in chunks from the OVA, the VM imported exactly once (also when import-vm's answer
// is lost), started, and reached over SSH on its planned address.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createTestVm,
  locateTestVmPackages,
  startTestVm,
  uploadTestVmImage,
  waitForTestVmSsh,
} from '../../../src/activities/test-load/index.js';
import type { TestVmPackage } from '../../../src/activities/test-load/test-vm-packages.js';
import { localizeText } from '../../../src/i18n/index.js';
import { writeOva } from '../../../src/plan/sample-test-vm-packages.js';
import { writeSampleTestVmPackages } from '../../../src/plan/sample-test-vm-packages.js';
import { towerRest } from '../../../src/activities/support/tower-clients.js';
import { clusterByVip } from '../../../src/activities/support/tower-cluster.js';
import { readOvfPackage } from '../../../src/activities/test-load/ova.js';
import { CloudTowerVmApi } from '../../../src/smartx/index.js';
import { runFioProfiles } from '../../../src/activities/performance-test/index.js';
import { fioRow, parseFioOutput } from '../../../src/activities/performance-test/fio-json.js';
import { FIO_PROFILES } from '../../../src/run/fio-profiles.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, recordedText, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;

describe('stage 09 test load activities', () => {
  let f: TowerFixture;
  let dir: string;
  let network: { name: string; vlanId: number; subnetMask: string; gateway: string };
  let packages: TestVmPackage[];
  const testVmIps = () => f.sim.core.topology.testVms ?? [];

  before(async () => {
    f = await startTowerFixture(3);
    dir = path.join(f.scratch, 'packages');
    writeSampleTestVmPackages(dir, 17 * MiB + 123); // 3 chunks of 8 MiB
    const vlans = await towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword).getVlans();
    const vlan = vlans.find((l) => l.name === 'default') ?? vlans[0];
    network = { name: vlan.name, vlanId: vlan.vlan_id ?? 0, subnetMask: '255.255.0.0', gateway: '127.1.0.1' };
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('finds the PAT and FIO images by name; a missing one is a note, not a failure', async () => {
    const found = await runIn(activityEnv(), locateTestVmPackages, { packageDir: dir });
    packages = found.packages;
    assert.deepEqual(
      found.packages.map((p) => [p.role, p.name]),
      [
        ['pat', 'smartx-pat-testvm-1.0.0.ova'],
        ['fio', 'smartx-fio-testvm-1.0.0.ova'],
      ],
    );
    assert.equal(found.packages[0].disk.size, 17 * MiB + 123);
    assert.deepEqual(found.notes, []);

    const onlyFio = path.join(f.scratch, 'only-fio');
    await mkdir(onlyFio, { recursive: true });
    writeOva(path.join(onlyFio, 'fio-vm.ova'), 'fio-vm', 1024);
    const partial = await runIn(activityEnv(), locateTestVmPackages, { packageDir: onlyFio });
    assert.deepEqual(
      partial.packages.map((p) => p.role),
      ['fio'],
    );
    assert.equal(partial.notes.length, 1);
    assert.match(partial.notes[0], /no PAT test VM image in .*only-fio/);
    assert.match(localizeText(partial.notes[0], 'zh'), /未找到 PAT 测试虚拟机镜像/);

    const none = await runIn(activityEnv(), locateTestVmPackages, {
      packageDir: path.join(f.scratch, 'nope'),
    });
    assert.equal(none.packages.length, 0);
    assert.match(none.notes[0], /cannot be read/);
  });

  it('uploads the disk from the OVA in chunks; lost first answer → the retry continues that task', async () => {
    const pkg = packages[0];
    await f.setFaults([{ match: 'cloudtower.rest.upload-elf-file', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(
        runIn(activityEnv(), uploadTestVmImage, { ...f.tower, clusterVip: f.clusterVip, pkg }),
      );
      const out = await runIn(activityEnv(), uploadTestVmImage, {
        ...f.tower,
        clusterVip: f.clusterVip,
        pkg,
      });
      assert.equal(out.status, 'uploaded');
      assert.equal(out.chunksSent, 2, 'the first chunk was in: two more');
    } finally {
      await f.setFaults([]);
    }
    const again = await runIn(activityEnv(), uploadTestVmImage, {
      ...f.tower,
      clusterVip: f.clusterVip,
      pkg,
    });
    assert.equal(again.status, 'already-present');
    const state = await f.simState();
    assert.equal(state.cloudtower.elfUploads.length, 1, 'one upload task');
    assert.equal(again.uploadTaskId, state.cloudtower.elfUploads[0].id, 'the re-run found it');
    assert.equal(state.cloudtower.elfUploads[0].status, 'SUCCESSED');
    assert.equal(state.cloudtower.elfUploads[0].size, pkg.disk.size);
    // No volume appears by itself: the SDKs' import-vm consumes the upload task.
    assert.equal(state.cloudtower.vmVolumes.length, 0, 'no volume before import-vm');
  });

  it('parse-ovf answers the SDK ParsedOVF shape: disks {size, type, bus, name}, nics {mac}', async () => {
    const pkg = packages[0];
    const rest = towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword);
    const api = new CloudTowerVmApi(rest);
    const cluster = await clusterByVip(rest, f.clusterVip);
    const ova = await readOvfPackage(pkg.path);
    const parsed = await api.parseOvf({
      clusterId: cluster.id,
      fileName: pkg.descriptorName,
      descriptor: Buffer.from(ova.descriptor.text, 'utf8'),
    });
    assert.deepEqual(Object.keys(parsed).sort(), [
      'cpu',
      'description',
      'disks',
      'firmware',
      'memory',
      'name',
      'nics',
      'vcpu',
    ]);
    assert.ok(parsed.disks && parsed.disks.length > 0);
    for (const d of parsed.disks) assert.deepEqual(Object.keys(d).sort(), ['bus', 'name', 'size', 'type']);
    for (const n of parsed.nics ?? []) assert.deepEqual(Object.keys(n), ['mac']);
  });

  it('imports the VM exactly once when import-vm answers never, starts it and reaches it over SSH', async () => {
    const pkg = packages[0];
    const { uploadTaskId } = await runIn(activityEnv(), uploadTestVmImage, {
      ...f.tower,
      clusterVip: f.clusterVip,
      pkg,
    });
    const ip = testVmIps()[0];
    const req = {
      ...f.tower,
      clusterVip: f.clusterVip,
      vmName: 'SIM-CLUSTER-pat-test',
      pkg,
      uploadTaskId,
      network,
      ip,
    };
    await f.setFaults([{ match: 'cloudtower.rest.import-vm', kind: 'lost-reply', nth: 1 }]);
    let vmId: string;
    try {
      await assert.rejects(runIn(activityEnv(), createTestVm, req));
      const out = await runIn(activityEnv(), createTestVm, req);
      // No heartbeat came back (as after a kill -9 before it left the worker): the VM is found by
      // name, and its description names this run, so this run created it.
      assert.equal(out.created, true, 'found by name, described as made by this run');
      vmId = out.vmId;
      // The same VM seen from another run was there before it: not created by that run.
      const other = await runIn(
        activityEnv({ workflowExecution: { workflowId: 'another-run', runId: 'r2' } }),
        createTestVm,
        req,
      );
      assert.equal(other.created, false, "a VM another run made is not this run's");
      assert.equal(other.vmId, vmId);
    } finally {
      await f.setFaults([]);
    }
    const state = await f.simState();
    assert.equal(state.cloudtower.effects['rest:import-vm'], 1, 'imported once');
    assert.equal(state.cloudtower.effects['rest:create-vm'], 1);
    const vm = state.cloudtower.vms[0];
    assert.equal(vm.vcpu, 4, 'from the descriptor (parse-ovf)');
    assert.equal(vm.memory, 8192 * MiB);
    assert.equal(vm.nics[0].ip_address, ip);

    const started = await runIn(activityEnv(), startTestVm, { ...f.tower, vmId, vmName: req.vmName });
    assert.deepEqual(started, { status: 'RUNNING', started: true });
    const again = await runIn(activityEnv(), startTestVm, { ...f.tower, vmId, vmName: req.vmName });
    assert.equal(again.started, false, 'already running: not started twice');
    const ssh = await runIn(activityEnv(), waitForTestVmSsh, { run: f.run, vmName: req.vmName, ip });
    assert.equal(ssh.hostname, 'testvm');
    assert.equal((await f.simState()).cloudtower.effects['rest:start-vm'], 1);
    assert.ok(!recordedText().includes('HC!r0cks'), 'no password in logs or heartbeats');
  });

  it('stage 10: fio runs the four profiles in the VM; the JSON is parsed into the results table', async () => {
    const ip = testVmIps()[0];
    const out = await runIn(activityEnv(), runFioProfiles, {
      run: f.run,
      vmName: 'SIM-CLUSTER-pat-test',
      ip,
      runtimeSeconds: 30,
    });
    assert.deepEqual(
      out.rows.map((r) => r.profile),
      FIO_PROFILES.map((p) => p.id),
    );
    const [rr, rw, sr, sw] = out.rows;
    assert.ok(rr.iops > rw.iops, '4k random reads outrun writes');
    assert.ok(rr.iops > 10_000 && rr.iops < 200_000, `plausible IOPS (${rr.iops})`);
    assert.ok(sr.mbps > sw.mbps && sw.mbps > 100, `plausible MB/s (${sr.mbps}, ${sw.mbps})`);
    for (const r of out.rows) {
      assert.ok(r.p99us > r.p50us && r.p50us > 0, `${r.profile}: p99 above p50`);
      assert.equal(r.runtimeSeconds, 30, 'bounded by --runtime with --time_based');
    }
    // A retry after a crash runs only the profiles its heartbeat does not hold.
    const resumed = await runIn(
      activityEnv({ heartbeatDetails: { rows: out.rows.slice(0, 3) } }),
      runFioProfiles,
      { run: f.run, vmName: 'SIM-CLUSTER-pat-test', ip, runtimeSeconds: 30 },
    );
    assert.deepEqual(resumed.rows.slice(0, 3), out.rows.slice(0, 3));
    assert.equal(resumed.rows.length, 4);
  });

  it('fio JSON: a job error or missing fields are refused, percentiles come from clat_ns', () => {
    const job = (over: Record<string, unknown> = {}) => ({
      'fio version': 'fio-3.35',
      jobs: [
        {
          jobname: 'rand-read-4k',
          error: 0,
          read: {
            io_bytes: 4096_000,
            bw_bytes: 409_600_000,
            iops: 100_000.4,
            runtime: 10_000,
            clat_ns: { mean: 1_000_000, percentile: { '50.000000': 900_000, '99.000000': 2_900_000 } },
          },
          write: { io_bytes: 0, bw_bytes: 0, iops: 0, runtime: 0, clat_ns: { mean: 0 } },
          ...over,
        },
      ],
    });
    const row = fioRow(
      FIO_PROFILES[0],
      'vm',
      parseFioOutput(`note: a warning first\n${JSON.stringify(job())}`),
    );
    assert.deepEqual(row, {
      profile: 'rand-read-4k',
      vm: 'vm',
      iops: 100000,
      mbps: 409.6,
      p50us: 900,
      p99us: 2900,
      runtimeSeconds: 10,
    });
    assert.throws(
      () => fioRow(FIO_PROFILES[0], 'vm', parseFioOutput(JSON.stringify(job({ error: 5 })))),
      /error 5/,
    );
    assert.throws(() => parseFioOutput(JSON.stringify({ jobs: [] })), /fio version|jobs/);
    assert.throws(() => parseFioOutput('fio: unrecognized option'), /no JSON/);
    assert.throws(
      () => fioRow(FIO_PROFILES[1], 'vm', parseFioOutput(JSON.stringify(job()))),
      /did no randwrite I\/O/,
    );
  });
});
