// A cluster deploy from acceptance to verification: stages over `deploySeconds`, then the cluster
// exists (VDSes, system networks, default storage policy, serial, host passwords reset to the
// default). Fault point `deploy` with kind `fail` makes it end in failure at the stage it reaches.
import type { DeployPayload } from './deploy-schema.js';
import { defaultPasswordCipher } from './options.js';
import { newVds, newVlan } from './network-store.js';
import { defaultPasswords } from '../ssh/index.js';
import type { SmtxWorld } from './world.js';

export const deployStages = [
  'prepare_network_and_config_file',
  'config_network',
  'deploy_zookeeper',
  'deploy_zbs',
  'deploy_elf',
  'config_cluster_services',
  'verify_cluster',
];

export interface DeployRun {
  startedAt: number;
  state: 'running' | 'done' | 'failed';
  failedStage?: number;
  msg: string | null;
}

export function startDeploy(world: SmtxWorld, p: DeployPayload): DeployRun {
  const run: DeployRun = { startedAt: world.clock.now(), state: 'running', msg: null };
  const c = world.state.cluster;
  c.name = p.cluster_name;
  c.deployStartedAt = run.startedAt;
  c.deploy = run;
  c.masters = p.hosts.filter((h) => h.is_master).length;
  const fault = world.core.faults.fire('deploy');
  const failAt =
    fault?.kind === 'fail' ? Math.floor((fault.progress ?? 0.5) * world.opts.deploySeconds) : undefined;
  world.clock.after(failAt ?? world.opts.deploySeconds, () => {
    if (failAt !== undefined) {
      run.state = 'failed';
      run.failedStage = stageAt(world, run);
      run.msg = fault?.message ?? `stage ${deployStages[run.failedStage]} failed`;
      world.core.log('deploy-failed', { stage: deployStages[run.failedStage] });
      return;
    }
    finishDeploy(world, p);
    run.state = 'done';
    world.core.log('deploy-done', { cluster: p.cluster_name });
  });
  return run;
}

export function stageAt(world: SmtxWorld, run: DeployRun): number {
  const frac = world.clock.since(run.startedAt) / world.opts.deploySeconds;
  return Math.min(deployStages.length - 1, Math.floor(frac * deployStages.length));
}

function finishDeploy(world: SmtxWorld, p: DeployPayload) {
  const c = world.state.cluster;
  c.deployed = true;
  c.uuid = world.uuid();
  c.serial = world.uuid();
  c.dns = [...p.dns_server];
  for (const h of world.state.hosts) if (p.hosts.some((ph) => ph.host_uuid === h.uuid)) h.status = 'in-use';
  // The installer sets root and smartx from the payload; the fixed ciphertext means P@ssw0rd!123.
  for (const ph of p.hosts) {
    const inv = world.hostByUuid(ph.host_uuid);
    if (!inv) continue;
    for (const pw of ph.host_passwords) {
      const plain =
        pw.password === defaultPasswordCipher
          ? defaultPasswords.hostAfterDeploy
          : `unknown-cipher-${world.hex(16)}`;
      world.ssh.accounts.set(inv.planAddress, pw.user, plain);
    }
  }
  for (const v of p.vdses) {
    const vds = newVds(world, v.name, v.bond_mode ?? '', v.hosts_associated);
    world.state.vdses.push(vds);
    for (const n of p.networks.filter((x) => x.attached_vds === v.name)) {
      const type = n.network_type === 'mgt' ? 1 : n.network_type === 'storage' ? 2 : 3;
      world.state.vlans.push({
        ...newVlan(world, vds.uuid, n.name, n.mode.network_identities[0] ?? 0, type),
        network_type: n.network_type,
      });
      // The management VDS also gets the default VM network (vlan 0) that VMs such as CloudTower use.
      if (n.network_type === 'mgt') world.state.vlans.push(newVlan(world, vds.uuid, 'default', 0, 3));
    }
  }
  const storageIps = p.networks
    .filter((n) => n.network_type === 'storage')
    .flatMap((n) => n.network_config.service.map((s) => s.service_interface_ip));
  c.storagePolicies = [
    {
      created_time: Math.floor(world.clock.now() / 1000),
      datastores: [`zbs-iscsi-datastore-${world.uuid()}`],
      description: 'default storage policy',
      modified_time: Math.floor(world.clock.now() / 1000),
      name: 'default',
      read_only: false,
      replica_num: 2,
      resource_state: 'in-use',
      storage_pool_id: 'system',
      stripe_num: 4,
      stripe_size: 262144,
      thin_provision: true,
      type: 'replica',
      uuid: world.uuid(),
      whitelist: storageIps.join(','),
    },
  ];
}
