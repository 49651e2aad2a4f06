// Stage 09: the test VM from its image as the SDKs import an OVF — parse-ovf (ParsedOVF), then
// import-vm with the parsed OVF and the disk's upload task, one NIC on the planned network with its
// address from the test range (VmImportNicParams ip_address/subnet_mask/gateway, applied in the guest
// by VMTools), created STOPPED.
// Exactly once: a VM of that name in the cluster is reused (CloudTower lists a VM from the moment
// import-vm is accepted, so a lost reply still leaves it findable); the task id is heartbeated right
// after the call, so a retry waits for that task instead of creating a second VM. Before the call
// the attempt heartbeats that it found none and is creating one: a retry that then finds the VM
// reports it as created by this run (cleanup removes only those), not as one that was there; so does
// one whose description names this run, in case a kill came before that heartbeat left the worker.
import { readFile } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { CloudTowerVmApi, type TowerVm } from '../../smartx/index.js';
import { invalidInput, remoteStep, transient } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { pickTowerVmNetwork, type VmNetworkChoice } from '../support/pick-tower-vm-network.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { waitTowerTask } from '../support/tower-tasks.js';
import { readOvfPackage } from './ova.js';
import type { TestVmPackage } from './test-vm-packages.js';

export interface CreateTestVmRequest extends TowerAccess {
  clusterVip: string;
  vmName: string;
  pkg: TestVmPackage;
  /** The disk's SUCCESSED upload task (uploadTestVmImage). */
  uploadTaskId: string;
  network: VmNetworkChoice & { subnetMask: string; gateway?: string };
  ip: string;
}

interface CreateTestVmHeartbeat {
  vmName: string;
  /** Absent: the create was about to be sent (no VM of that name existed before it). */
  taskId?: string;
}

/** Defaults when the image says nothing (a small Linux guest is enough to drive fio). */
const DEFAULT_VCPU = 4;
const DEFAULT_MEMORY = 8 * 1024 ** 3;

async function descriptorOf(pkg: TestVmPackage): Promise<Buffer> {
  if (/\.ovf$/i.test(pkg.path)) return readFile(pkg.path);
  const ovf = await readOvfPackage(pkg.path);
  return Buffer.from(ovf.descriptor.text, 'utf8');
}

export async function createTestVm(
  req: CreateTestVmRequest,
): Promise<{ vmId: string; created: boolean; status: string }> {
  const ctx = Context.current();
  const step = `create the test VM "${req.vmName}"`;
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const api = new CloudTowerVmApi(rest);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const findByName = async (): Promise<TowerVm | undefined> => {
      const same = await api.getVms({ name: req.vmName, cluster: { id: cluster.id } });
      if (same.length > 1)
        ctx.log.warn('several VMs carry the test VM name; using the first', { count: same.length });
      return same[0];
    };

    const prev = resumeDetails<CreateTestVmHeartbeat>();
    // The VM's description names the run that created it: a kill -9 can come before the heartbeat
    // that says "creating" reaches the server (heartbeats are throttled), the description cannot.
    const runId = ctx.info.workflowExecution?.workflowId;
    const runMark = runId ? `hci-bringup run ${runId}` : 'hci-bringup';
    const existing = await findByName();
    const ours = prev?.vmName === req.vmName || (!!runId && (existing?.description ?? '').includes(runMark));
    if (existing) {
      const ipOk = (existing.vm_nics ?? []).some((n) => n.ip_address === req.ip);
      if (!ipOk && existing.vm_nics?.length)
        ctx.log.warn('the existing test VM has another address than planned', {
          vmId: existing.id,
          planned: req.ip,
        });
      ctx.log.info('test VM already exists', { vmName: req.vmName, vmId: existing.id, ours });
      return { vmId: existing.id, created: ours, status: existing.status };
    }

    if (prev?.taskId && ours) {
      // The previous attempt's create was accepted: wait for it rather than creating again.
      await waitTowerTask(rest, req.run, prev.taskId, step).catch((err: unknown) => {
        ctx.log.warn("the previous attempt's create task did not succeed", { error: (err as Error).message });
      });
      const vm = await findByName();
      if (vm) return { vmId: vm.id, created: true, status: vm.status };
    }

    const parsed = await api.parseOvf({
      clusterId: cluster.id,
      fileName: req.pkg.descriptorName,
      descriptor: await descriptorOf(req.pkg),
    });
    const vlan = pickTowerVmNetwork(step, cluster, await rest.getVlans(), req.network);
    const vcpu = parsed.vcpu ?? (parsed.cpu ? parsed.cpu.sockets * parsed.cpu.cores : DEFAULT_VCPU);
    const memory = parsed.memory ?? DEFAULT_MEMORY;
    if (!Number.isInteger(vcpu) || vcpu < 1)
      throw invalidInput(`${step}: the image ${req.pkg.name} asks for ${vcpu} vCPUs`);
    ctx.heartbeat({ vmName: req.vmName } satisfies CreateTestVmHeartbeat);
    const [out] = await api.importVm([
      {
        cluster_id: cluster.id,
        name: req.vmName,
        description: `test VM (${req.pkg.role.toUpperCase()}) created by ${runMark} from ${req.pkg.name}`,
        parsed_ovf: parsed,
        upload_tasks: [req.uploadTaskId],
        ha: false,
        vcpu,
        cpu_sockets: parsed.cpu?.sockets ?? vcpu,
        cpu_cores: parsed.cpu?.cores ?? 1,
        memory,
        status: 'STOPPED',
        vm_nics: [
          {
            connect_vlan_id: vlan.id,
            model: 'VIRTIO',
            enabled: true,
            ip_address: req.ip,
            subnet_mask: req.network.subnetMask,
            ...(req.network.gateway ? { gateway: req.network.gateway } : {}),
          },
        ],
      },
    ]);
    if (!out) throw transient(`${step}: import-vm answered no VM`, { key: 'failure.importNoVm' });
    if (out.task_id) {
      ctx.heartbeat({ vmName: req.vmName, taskId: out.task_id } satisfies CreateTestVmHeartbeat);
      ctx.log.info('test VM creation accepted', {
        vmName: req.vmName,
        vmId: out.data.id,
        taskId: out.task_id,
      });
      const taskId = out.task_id;
      // The wait's heartbeats keep the task id (and that this attempt created the VM).
      await waitTowerTask(rest, req.run, taskId, step, () => ({ vmName: req.vmName, taskId }));
    }
    const vm = (await findByName()) ?? out.data;
    ctx.log.info('test VM created', { vmName: req.vmName, vmId: vm.id, ip: req.ip });
    return { vmId: vm.id, created: true, status: vm.status };
  });
}
