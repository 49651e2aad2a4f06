/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON from the wire, checked by the assertions */
// The Fisheye calls of stage 11 and `cleanup`, strict as the appliance: an ISO in a CD-ROM cannot be
// deleted; an update may empty a CD-ROM but never drop a volume or mount an image that is not there;
// a running VM is not deleted; one delete at a time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSimulator } from '../../src/index.js';
import { admin, call, deployCluster, fileForm, login, startTestSim, waitJob } from './helpers.js';

const IP = '127.1.0.11';

describe('VM CD-ROM eject, stop and delete (stage 11, cleanup)', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim({ smtx: { deploySeconds: 60 } });
    await deployCluster(sim);
  });
  after(() => sim.stop());

  it('refuses what the appliance refuses, and does what it is asked once', async () => {
    const token = await login(sim, IP);
    const data = Buffer.alloc(4096, 7);
    const vol = (
      await call(sim, IP, 'POST', `/api/v2/images/upload/volume?description=&name=iso&device=nfs&size=4096`, {
        token,
      })
    ).body.data;
    const q = `zbs_volume_id=${vol.zbs_volume_id}&chunk_num=0&image_uuid=${vol.image_uuid}`;
    const up = await call(sim, IP, 'POST', `/api/v2/images/upload?${q}`, {
      token,
      body: fileForm(data),
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
    });
    assert.deepEqual(up.body.data.to_upload, []);
    const vlan = (await admin(sim, 'GET', '/__sim/state')).body.vlans.find(
      (v: { name: string }) => v.name === 'default',
    );
    const created = await call(sim, IP, 'POST', '/api/v2/vms', {
      token,
      json: {
        vm_name: 'vm1',
        vcpu: 1,
        memory: 1024 ** 3,
        cpu: { topology: { sockets: 1, cores: 1 } },
        nics: [{ vlan_uuid: vlan.uuid }],
        disks: [
          { type: 'disk', bus: 'virtio', name: 'os', size_in_byte: 1024 ** 3 },
          { type: 'cdrom', bus: 'ide', path: vol.image_path },
        ],
        status: 'running',
      },
    });
    const vmUuid = Object.keys((await waitJob(sim, IP, token, created.body.data.job_id)).resources)[0];
    const vm = async () => (await call(sim, IP, 'GET', `/api/v2/vms/${vmUuid}`, { token })).body.data;
    const osDisk = (await vm()).disks.find((d: { type: string }) => d.type === 'disk');

    const inUse = await call(sim, IP, 'DELETE', `/api/v2/images/${vol.image_uuid}`, { token });
    assert.equal(inUse.status, 400);
    assert.equal(inUse.body.ec, 'EIMAGE_IN_USE');

    const dropVolume = await call(sim, IP, 'PUT', `/api/v2/vms/${vmUuid}`, {
      token,
      json: { disks: [{ type: 'cdrom', bus: 'ide', path: '' }] },
    });
    assert.equal(dropVolume.status, 400, 'a volume is never dropped by an update');
    const noImage = await call(sim, IP, 'PUT', `/api/v2/vms/${vmUuid}`, {
      token,
      json: {
        disks: [
          { type: 'disk', bus: 'virtio', path: osDisk.path },
          { type: 'cdrom', bus: 'ide', path: 'iscsi://nowhere/1' },
        ],
      },
    });
    assert.equal(noImage.status, 400, 'no image at that path');
    assert.equal((await call(sim, IP, 'PUT', `/api/v2/vms/${vmUuid}`, { token, json: {} })).status, 400);

    const eject = await call(sim, IP, 'PUT', `/api/v2/vms/${vmUuid}`, {
      token,
      json: {
        disks: [
          { type: 'disk', bus: 'virtio', path: osDisk.path },
          { type: 'cdrom', bus: 'ide', path: '' },
        ],
      },
    });
    assert.equal(eject.status, 200, JSON.stringify(eject.body));
    assert.equal((await waitJob(sim, IP, token, eject.body.data.job_id)).state, 'done');
    const disks = (await vm()).disks;
    assert.equal(disks.find((d: { type: string }) => d.type === 'cdrom').path, '');
    assert.equal(
      disks.find((d: { type: string }) => d.type === 'disk').path,
      osDisk.path,
      'the volume stays',
    );
    assert.equal((await call(sim, IP, 'DELETE', `/api/v2/images/${vol.image_uuid}`, { token })).status, 200);

    const running = await call(sim, IP, 'DELETE', `/api/v2/vms/${vmUuid}`, { token });
    assert.equal(running.status, 400);
    assert.equal(running.body.ec, 'EVM_RUNNING');
    const stop = await call(sim, IP, 'POST', `/api/v2/vms/${vmUuid}/stop`, { token, json: { force: true } });
    assert.equal((await waitJob(sim, IP, token, stop.body.data.job_id)).state, 'done');
    assert.equal((await vm()).status, 'stopped');
    const del = await call(sim, IP, 'DELETE', `/api/v2/vms/${vmUuid}`, { token });
    assert.equal(del.status, 200);
    const twice = await call(sim, IP, 'DELETE', `/api/v2/vms/${vmUuid}`, { token });
    assert.ok(twice.status === 409 || twice.status === 404, 'one delete at a time');
    assert.equal((await waitJob(sim, IP, token, del.body.data.job_id)).state, 'done');
    assert.equal((await call(sim, IP, 'GET', `/api/v2/vms/${vmUuid}`, { token })).status, 404);
  });
});
