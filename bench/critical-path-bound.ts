// The bound no schedule can beat (bench/critical-path.ts explains the chain): the longest chain of
// waits that depend on each other, from the simulator's own timing profile and the package sizes.
// The schedule bench divides it by the sequential run to print the floor its ratio could reach.
import { statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_RULES } from '../src/plan/packages.js';
import {
  defaultCloudTowerTimings,
  defaultInstallerSeconds,
  defaultSiteBandwidthMbps,
  defaultSmtxOptions,
} from '@hci-bringup/simulator';

export interface BoundTerm {
  what: string;
  seconds: number;
}

/** The chain of unavoidable waits for a site whose package files are in `packageDir`. */
export function criticalPath(packageDir: string, mbps = defaultSiteBandwidthMbps): BoundTerm[] {
  const linkSeconds = (pkg: keyof typeof PACKAGE_RULES) =>
    (statSync(path.join(packageDir, PACKAGE_RULES[pkg].example)).size * 8) / (mbps * 1e6);
  const t = defaultCloudTowerTimings;
  // Not the system service's install (obsSystemServiceSeconds): seed 003 sends the connection and
  // takes its answer (status INSTALLING) without waiting for it, and so does the bring-up.
  const obs =
    linkSeconds('obs') +
    Math.max(t.obsApplicationPackageSeconds, t.obsInstallationPackageSeconds) +
    t.obsInstallSeconds;
  const backup = linkSeconds('backup') + t.backupInstallSeconds;
  return [
    { what: 'cluster deploy', seconds: defaultSmtxOptions.deploySeconds },
    { what: 'CloudTower ISO over the site link', seconds: linkSeconds('cloudtower-iso') },
    { what: 'CloudTower VM create job', seconds: defaultSmtxOptions.jobSecondsByKind.VM_CREATE },
    { what: 'guest OS install', seconds: defaultSmtxOptions.guestInstallSeconds },
    { what: 'CloudTower installer', seconds: defaultInstallerSeconds },
    { what: 'cluster attach (connect)', seconds: t.connectClusterSeconds },
    obs >= backup
      ? { what: 'longest optional install: OBS (package, processing, install)', seconds: obs }
      : { what: 'longest optional install: Backup (package, install)', seconds: backup },
  ];
}

/** The bound: the sum of the chain's terms, in site seconds. */
export function boundSeconds(terms: BoundTerm[]): number {
  return terms.reduce((sum, term) => sum + term.seconds, 0);
}
