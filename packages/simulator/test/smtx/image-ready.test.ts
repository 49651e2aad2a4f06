/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- JSON from the wire, checked by the assertions */
// An image is usable the moment its last chunk is accepted, as seed 003 uses it (the VM is created
// straight after the upload): with hashing slowed to 4 MiB/s, a VM created right after the last
// chunk boots from the ISO while the image's background hash is still running.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RunningSimulator } from '../../src/index.js';
import { admin, call, deployCluster, fileForm, login, startTestSim, waitFor, waitJob } from './helpers.js';

const IP = '127.1.0.11';
const chunkSize = 8 * 1024 * 1024;
const size = 6 * chunkSize + 4321; // 7 chunks; hashing it takes ~12 s at 4 MiB/s

const chunkBody = (data: Buffer, n: number): Buffer =>
  fileForm(data.subarray(n * chunkSize, Math.min(data.length, (n + 1) * chunkSize)));

describe('an uploaded image is usable before its hash is done', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim({ smtx: { deploySeconds: 60, hashMiBPerSecond: 4, guestInstallSeconds: 60 } });
    await deployCluster(sim);
  });
  after(() => sim.stop());

  it('creates and boots a VM from the ISO right after the last chunk', async () => {
    const token = await login(sim, IP);
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) data[i] = (i >> 12) & 0xff;
    const vol = (
      await call(
        sim,
        IP,
        'POST',
        `/api/v2/images/upload/volume?description=&name=cloudtower-big&device=nfs&task_id=1&size=${size}`,
        { token },
      )
    ).body.data;
    let toUpload: number[] = vol.to_upload;
    assert.equal(toUpload.length, 7);
    const listed = async () =>
      (await call(sim, IP, 'GET', '/api/v2/images', { token })).body.data.images.find(
        (i: { uuid: string }) => i.uuid === vol.image_uuid,
      );
    assert.equal((await listed()).resource_state, 'uploading', 'listed while it fills, marked so');
    while (toUpload.length) {
      const q = `zbs_volume_id=${vol.zbs_volume_id}&chunk_num=${toUpload[0]}&image_uuid=${vol.image_uuid}`;
      const r = await call(sim, IP, 'POST', `/api/v2/images/upload?${q}`, {
        token,
        body: chunkBody(data, toUpload[0]),
        headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      toUpload = r.body.data.to_upload;
    }
    // Straight away, as seed 003 does: the VM with the ISO in its CD-ROM.
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    const vlan = state.vlans.find((v: { name: string }) => v.name === 'default');
    const created = await call(sim, IP, 'POST', '/api/v2/vms', {
      token,
      json: {
        vm_name: 'cloudtower',
        vcpu: 2,
        memory: 2 * 1024 ** 3,
        cpu: { topology: { sockets: 2, cores: 1 } },
        nics: [{ vlan_uuid: vlan.uuid }],
        disks: [{ type: 'cdrom', bus: 'ide', path: vol.image_path }],
        status: 'running',
      },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const job = await waitJob(sim, IP, token, created.body.data.job_id);
    assert.equal(job.state, 'done');
    const image = await listed();
    assert.equal(image.resource_state, 'in-use', 'listed as a finished image at once');
    const vmUuid = Object.keys(job.resources)[0];
    const booted = await waitFor('the guest agent of the VM installed from the ISO', async () => {
      const vm = (await call(sim, IP, 'GET', `/api/v2/vms/${vmUuid}`, { token })).body.data;
      return vm.guest_info ? vm : undefined;
    });
    assert.equal(booted.status, 'running');
    const record = (await admin(sim, 'GET', '/__sim/state')).body.images.find(
      (i: { uuid: string }) => i.uuid === vol.image_uuid,
    );
    assert.equal(record.complete, true);
    assert.equal(record.hashed, false, 'the hash was still running when the VM booted from the ISO');
    // The hash still arrives, and is that of the bytes sent.
    const hashed = await waitFor(
      'the background hash',
      async () => {
        const img = (await admin(sim, 'GET', '/__sim/state')).body.images.find(
          (i: { uuid: string }) => i.uuid === vol.image_uuid,
        );
        return img.hashed ? img : undefined;
      },
      60_000,
    );
    assert.equal(hashed.sha256, createHash('sha256').update(data).digest('hex'));
  });
});
