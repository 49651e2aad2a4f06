// Tunables of the CloudTower service modules. Durations are simulated seconds of the real system;
// the core's clock divides them by --speed. Defaults follow the timings seen in seed 003 and FACTS.md.
export interface CloudTowerTimings {
  /** connect-cluster: connect_state INITIALIZING -> CONNECTED and its task SUCCESSED. */
  connectClusterSeconds: number;
  /** create-vm-vlan: entityAsyncStatus CREATING -> null and its task SUCCESSED. */
  createVlanSeconds: number;
  /** OBS package processing after commit: "Create Application package" task. */
  obsApplicationPackageSeconds: number;
  /** OBS package processing after commit: "Create Installation package" task (the longer one). */
  obsInstallationPackageSeconds: number;
  /** OBS instance INSTALLING -> SUCCESS ("installs can take 30 minutes"). */
  obsInstallSeconds: number;
  /** OBS connected system service INSTALLING -> RUNNING. */
  obsSystemServiceSeconds: number;
  /** Backup service INSTALLING -> RUNNING and its "Install Application" task (a guess: 15 min). */
  backupInstallSeconds: number;
  /** Inspector job RUNNING -> FINISHED. */
  inspectorJobSeconds: number;
  /** Report export EXPORT_RUNNING -> EXPORT_SUCCEEDED (counted from the later of request and job end). */
  inspectorExportSeconds: number;
}

export interface CloudTowerSimOptions {
  /** Lifetime of a login token / connect.sid session in simulated seconds. */
  tokenTtlSeconds: number;
  timings: CloudTowerTimings;
}

export const defaultTimings: CloudTowerTimings = {
  connectClusterSeconds: 60,
  createVlanSeconds: 10,
  obsApplicationPackageSeconds: 100,
  obsInstallationPackageSeconds: 300,
  obsInstallSeconds: 1800,
  obsSystemServiceSeconds: 120,
  backupInstallSeconds: 15 * 60,
  inspectorJobSeconds: 120,
  inspectorExportSeconds: 30,
};

export const defaultOptions: CloudTowerSimOptions = {
  // A working day: long enough for a whole bring-up at any speed, short enough that a test can
  // configure a small value and see the real 401 afterwards.
  tokenTtlSeconds: 24 * 3600,
  timings: defaultTimings,
};

export function resolveOptions(partial?: {
  tokenTtlSeconds?: number;
  timings?: Partial<CloudTowerTimings>;
}): CloudTowerSimOptions {
  return {
    tokenTtlSeconds: partial?.tokenTtlSeconds ?? defaultOptions.tokenTtlSeconds,
    timings: { ...defaultTimings, ...(partial?.timings ?? {}) },
  };
}
