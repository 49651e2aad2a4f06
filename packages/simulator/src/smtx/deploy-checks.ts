// Checks of a deploy payload against the hosts the simulator has, in the spirit of the real
// installer: every problem names the field and what it should be (FACTS.md disk-role rules).
import type { StorageArchitecture } from '../core/topology.js';
import type { DeployPayload } from './deploy-schema.js';
import type { HostInventory } from './inventory.js';

/** Expected `function` of each non-boot disk and `disk_data_with_cache` for a host's disks. */
function expectedRoles(
  inv: HostInventory,
  arch: StorageArchitecture,
): { roles: Map<string, string>; withCache: boolean } {
  const disks = inv.disks.filter((d) => d.function !== 'boot');
  const hasHdd = disks.some((d) => d.type === 'HDD');
  const nvme = disks.filter((d) => d.type === 'SSD' && d.drive.startsWith('nvme'));
  const sata = disks.filter((d) => d.type === 'SSD' && !d.drive.startsWith('nvme'));
  const roles = new Map<string, string>();
  const tiered = arch === 'hybrid' && (hasHdd || (nvme.length > 0 && sata.length > 0));
  for (const d of disks) {
    if (!tiered) roles.set(d.drive, 'data');
    else if (hasHdd) roles.set(d.drive, d.type === 'HDD' ? 'data' : 'cache');
    else roles.set(d.drive, d.drive.startsWith('nvme') ? 'cache' : 'data');
  }
  return { roles, withCache: !tiered };
}

export function checkDeployPayload(
  p: DeployPayload,
  hosts: HostInventory[],
  arch: StorageArchitecture,
): string[] {
  const errors: string[] = [];
  const byUuid = new Map(hosts.map((h) => [h.uuid, h]));
  p.hosts.forEach((h, i) => {
    const inv = byUuid.get(h.host_uuid);
    if (!inv) {
      errors.push(`hosts.${i}.host_uuid: ${h.host_uuid} is not a scanned host`);
      return;
    }
    const zone = h.host_ip.split('%');
    const nic = inv.ifaces.find((f) => f.name === zone[1]);
    if (zone.length !== 2 || !nic || nic.ipv6 !== zone[0]) {
      errors.push(
        `hosts.${i}.host_ip: must be the IPv6 link-local address with zone of one of ${inv.hostname}'s NICs from the scan (fe80::…%<nic>)`,
      );
    }
    const { roles, withCache } = expectedRoles(inv, arch);
    h.disks.forEach((d, k) => {
      const scanned = inv.disks.find((s) => s.drive === d.drive);
      if (!scanned) errors.push(`hosts.${i}.disks.${k}.drive: ${d.drive} does not exist on ${inv.hostname}`);
      else if (scanned.function === 'boot' || d.function === 'boot')
        errors.push(`hosts.${i}.disks.${k}: boot disk ${d.drive} must be left out`);
      else if (roles.get(d.drive) !== d.function) {
        errors.push(
          `hosts.${i}.disks.${k}.function: ${d.drive} (${scanned.type}) must be '${roles.get(d.drive)}' for this layout`,
        );
      }
    });
    if (h.disk_data_with_cache !== withCache)
      errors.push(`hosts.${i}.disk_data_with_cache: must be ${withCache} for this layout`);
    const mgt = h.ifaces.find((f) => f.function === 'mgt');
    if (mgt?.ip !== inv.planAddress)
      errors.push(`hosts.${i}.ifaces: management ip must be ${inv.planAddress}`);
  });
  // Each host's VDS NICs must be its own (hosts may name their NICs differently).
  p.vdses.forEach((v, i) =>
    v.hosts_associated.forEach((a, k) => {
      const inv = byUuid.get(a.host_uuid);
      const missing = a.nics_associated.filter((n) => !inv?.ifaces.some((f) => f.name === n));
      if (inv && missing.length > 0) {
        errors.push(
          `vdses.${i}.hosts_associated.${k}.nics_associated: ${missing.join(', ')} not found on ${inv.hostname}`,
        );
      }
    }),
  );
  const vdsNames = new Set(p.vdses.map((v) => v.name));
  p.networks.forEach((n, i) => {
    if (!vdsNames.has(n.attached_vds))
      errors.push(`networks.${i}.attached_vds: no VDS named ${n.attached_vds} in vdses`);
  });
  if (!p.networks.some((n) => n.network_type === 'mgt')) errors.push('networks: a mgt network is required');
  if (!p.networks.some((n) => n.network_type === 'storage'))
    errors.push('networks: a storage network is required');
  if (!p.hosts.some((h) => h.is_master)) errors.push('hosts: at least one host must be is_master');
  return errors;
}
