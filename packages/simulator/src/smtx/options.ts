// Durations (in simulated seconds of the real system) and limits of the SMTX OS simulation.
import type { DeployBehaviour } from './deploy-behaviour.js';

export interface SmtxOptions {
  /** Cluster deploy run time (a real one takes 30–60 min; default 45 min). */
  deploySeconds: number;
  /** Default run time of a Fisheye job; per-description overrides below. */
  jobSeconds: number;
  jobSecondsByKind: Record<string, number>;
  /** From VM start until the guest agent reports Running (ISO kickstart install; default 15 min). */
  guestInstallSeconds: number;
  /** Session token lifetime (real: 7 days). */
  tokenTtlSeconds: number;
  chunkSize: number;
  /** Installer behaviour around a deploy (idle after the POST, restarts, deploy_status address). */
  deploy?: Partial<DeployBehaviour>;
  /** Per host index: NIC names replacing the default ens* set (hosts whose NIC names differ). */
  hostNicNames?: Record<number, string[]>;

  /**
   * How a VMTools (SVT) chunk is answered: the missing chunks (`to_upload`, seed 003) or the next
   * one wanted (`next_chunk`, past the last when complete), which seed 002 allows.
   */
  svtChunkAnswer?: 'to_upload' | 'next_chunk';

  /** Background image hashing rate in MiB/s of real time (0 = as fast as the disk); tests slow it. */
  hashMiBPerSecond?: number;
}

export const defaultSmtxOptions: SmtxOptions = {
  deploySeconds: 45 * 60,
  jobSeconds: 5,
  jobSecondsByKind: { VM_CREATE: 20, VM_UPDATE: 10, NETWORK_CREATE_VDS: 8 },
  guestInstallSeconds: 15 * 60,
  tokenTtlSeconds: 7 * 24 * 3600,
  chunkSize: 8 * 1024 * 1024,
};

/** The fixed token the deployment API takes before a cluster exists (seed 003). */
export const deploymentToken = 'e79b85fc18b7402fbcc0391fe8d7d24c';
/** The deploy payload's fixed password ciphertext and its plaintext (FACTS.md). */
export const defaultPasswordCipher = 'c+G6KvJYsKyQyY4U';
