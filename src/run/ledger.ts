// The ledger of a run: what it created (or found) on the appliances (docs/decisions.md "Cleanup and
// compensation"). Pure types and the cleanup plan, for workflows and activities alike; how a ledger
// is read from a run's history is in ledger-records.ts (activities only).

import { coded } from '../i18n/coded.js';

/** What kind of thing an entry is; `removal` says how (or whether) `cleanup` takes it away. */
export type LedgerKind =
  | 'cluster'
  | 'image'
  | 'upload-volumes'
  | 'vm'
  | 'test-vm'
  | 'vds'
  | 'vlan'
  | 'cloudtower-object'
  | 'component'
  | 'host-password'
  | 'ipmi-account';

/**
 * - `api`: removed by `cleanup` through the appliance's API, idempotently (already gone = done).
 * - `with-cloudtower-vm`: lives inside the CloudTower VM and goes with it when that VM is removed.
 * - `manual`: cannot be undone by an API call (a deployed cluster needs its hosts reinstalled) or is
 *   not removed by this tool; listed as work for the operator, never attempted.
 */
export type LedgerRemoval = 'api' | 'with-cloudtower-vm' | 'manual';

export interface LedgerEntry {
  kind: LedgerKind;
  /** The appliance's id (uuid) of the thing, or its name where the API names things. */
  id: string;
  /** Readable: what the operator sees in the plan. */
  name: string;
  /** Where it lives: `fisheye <vip>` or `cloudtower <ip>`. */
  where: string;
  /** True when this run created it; false when it found it already there (never removed). */
  createdByRun: boolean;
  /** The activity that created or found it (and the workflow: `main` or a component). */
  step: string;
  removal: LedgerRemoval;
  /** Why it is manual, or what removing it involves. */
  note?: string;
}

/**
 * The cleanup plan: what this run created, newest first. Things it found are never in it; what
 * cannot be removed by API is kept apart as manual work.
 */
export function cleanupPlan(ledger: LedgerEntry[]): {
  remove: LedgerEntry[];
  withCloudTower: LedgerEntry[];
  manual: LedgerEntry[];
  kept: LedgerEntry[];
} {
  const isTowerVm = (e: LedgerEntry) => e.kind === 'vm' && /^CloudTower VM/.test(e.name);
  // OBS and Backup run VMs of their own that only CloudTower removes: while this run's are there,
  // CloudTower must stay, so its VM becomes manual work too (remove them first, then run again).
  const componentsLeft = ledger.some((e) => e.createdByRun && e.kind === 'component');
  const ours = ledger
    .filter((e) => e.createdByRun)
    .reverse()
    .map((e): LedgerEntry =>
      componentsLeft && isTowerVm(e) && e.removal === 'api'
        ? {
            ...e,
            removal: 'manual',
            note: coded('ledger.towerVmKept'),
          }
        : e,
    );
  const towerVmGoes = ours.some((e) => isTowerVm(e) && e.removal === 'api');
  return {
    remove: ours.filter((e) => e.removal === 'api'),
    // Without the CloudTower VM leaving, what lives inside CloudTower is manual work.
    withCloudTower: towerVmGoes ? ours.filter((e) => e.removal === 'with-cloudtower-vm') : [],
    manual: ours.filter(
      (e) => e.removal === 'manual' || (!towerVmGoes && e.removal === 'with-cloudtower-vm'),
    ),
    kept: ledger.filter((e) => !e.createdByRun),
  };
}
