// What removing one ledger entry asks and answers, shared by the Fisheye path (remove-ledger-entry.ts)
// and the CloudTower path it hands test VMs to (remove-tower-vm.ts).
import type { LedgerEntry } from '../../run/ledger.js';
import type { ClusterAccess } from './access.js';

export interface RemoveLedgerEntryRequest extends ClusterAccess {
  entry: LedgerEntry;
  /** The bring-up's workflow id (marker of its upload volumes). */
  workflowId: string;
}

export interface RemoveLedgerEntryResult {
  outcome: 'removed' | 'already-gone';
  detail?: string;
}
