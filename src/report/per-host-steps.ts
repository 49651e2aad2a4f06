// The per-host steps a run's history shows one row per host for, by activity name. Apart from the
// history reader so the console's renderer gets them without loading the Temporal SDK.
export const PER_HOST_STEPS = { scanHosts: 'scan-hosts', setHostPasswords: 'host-passwords' } as const;
export type PerHostStep = (typeof PER_HOST_STEPS)[keyof typeof PER_HOST_STEPS];

export type HostStepState = 'running' | 'scanned' | 'changed' | 'already-set' | 'failed' | 'not-reached';
