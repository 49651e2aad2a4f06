// Stage 11 (cleanup at the end of a bring-up) and the `cleanup` workflow (compensation of a run).
export { readRunLedger } from './read-run-ledger.js';
export { ejectCloudTowerIso } from './eject-cloud-tower-iso.js';
export { deleteRunUploadVolumes } from './delete-run-upload-volumes.js';
export { removeLedgerEntry } from './remove-ledger-entry.js';

/**
 * Stage 11's and the `cleanup` workflow's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type CleanupActivities = typeof import('./index.js');
