// The disk roles of one host under the plan's storage architecture (FACTS.md): the deploy payload
// (stage 2) applies them and stage 1's host scan checks them first, so both judge disks alike.
//
// Pure (no I/O, no Node imports).
import type { StorageArchitecture } from '../../plan/types.js';
import type { DiskSummary, HostScanSummary } from './host-scan-summary.js';

interface DiskLayout {
  disks: { drive: string; function: 'cache' | 'data' }[];
  diskDataWithCache: boolean;
  withFasterSsdAsCache: boolean;
}

function describeDisks(disks: readonly DiskSummary[]): string {
  return disks.length === 0 ? 'none' : disks.map((d) => `${d.drive} ${d.type}`).join(', ');
}

/**
 * Disk roles for one host (FACTS.md), the boot disk left out:
 * - all-flash untiered: every disk `data`, disk_data_with_cache true; any HDD is invalid;
 * - hybrid tiered with one kind of flash only: the same as untiered;
 * - NVMe+SSD: NVMe `cache`, SSD `data`; NVMe+HDD: NVMe `cache`; SSD+HDD: SSD `cache`
 *   (all flash `cache` and HDD `data` when all three kinds are present), disk_data_with_cache false;
 * - HDD only, no data disk, or a disk of unknown type: invalid.
 * Returns a problem text naming the host and its disks instead of a layout when invalid.
 */
export function diskLayout(
  host: string,
  scan: Pick<HostScanSummary, 'disks'>,
  arch: StorageArchitecture,
): DiskLayout | { problem: string } {
  const disks = scan.disks.filter((d) => !d.isBoot);
  const found = `found ${describeDisks(disks)} (boot disk excluded)`;
  const unknown = disks.filter((d) => d.type === 'unknown');
  if (unknown.length > 0) {
    return {
      problem: `${host}: disk ${unknown.map((d) => `${d.drive} (type ${d.scanType})`).join(', ')} has a type the rules do not know; ${found}`,
    };
  }
  if (disks.length === 0) return { problem: `${host}: no data disk besides the boot disk; ${found}` };
  const hdd = disks.filter((d) => d.type === 'HDD');
  const nvme = disks.filter((d) => d.type === 'NVMe');
  const ssd = disks.filter((d) => d.type === 'SSD');
  if (arch === 'all-flash-untiered' && hdd.length > 0) {
    return {
      problem: `${host}: HDD ${hdd.map((d) => d.drive).join(', ')} under 全闪-不分层 (all-flash, untiered); ${found}. Fix: remove the HDDs or set Q19 to 混闪-分层`,
    };
  }
  if (hdd.length === disks.length) {
    return {
      problem: `${host}: only HDDs, no flash disk for the cache tier; ${found}. Fix: add SSD/NVMe cache disks`,
    };
  }
  const flashKinds = (nvme.length > 0 ? 1 : 0) + (ssd.length > 0 ? 1 : 0);
  const untiered = arch === 'all-flash-untiered' || (hdd.length === 0 && flashKinds === 1);
  if (untiered) {
    return {
      disks: disks.map((d) => ({ drive: d.drive, function: 'data' })),
      diskDataWithCache: true,
      withFasterSsdAsCache: true,
    };
  }
  // Tiered: with HDDs every flash disk caches; without, NVMe caches for SATA/SAS SSDs.
  const isCache = (d: DiskSummary) => (hdd.length > 0 ? d.type !== 'HDD' : d.type === 'NVMe');
  return {
    disks: disks.map((d) => ({ drive: d.drive, function: isCache(d) ? 'cache' : 'data' })),
    diskDataWithCache: false,
    withFasterSsdAsCache: true,
  };
}
