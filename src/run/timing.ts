// Every poll interval and wait bound of a bring-up, in one place. `site` is sized to real
// hardware (a cluster deploy up to ~1 h, the CloudTower install up to ~40 min); `simulator`
// is the site profile with its remote durations divided by the simulator's --speed, so rehearsals
// and tests finish fast.

export interface TimingProfile {
  name: string;
  /** deploy_status polling (seed 003: every 10 s). */
  deployPollSeconds: number;
  /** Fisheye jobs, CloudTower tasks, connect_state, guest agent, installer log. */
  jobPollSeconds: number;
  /** Longest wait for one Fisheye job or CloudTower task. */
  jobTimeoutSeconds: number;
  /** Cluster deploy, including verification. */
  deployTimeoutSeconds: number;
  /** OS install of the CloudTower VM until its guest agent runs. */
  guestAgentTimeoutSeconds: number;
  /** CloudTower installer (`Install Operation Center Successfully`). */
  installerTimeoutSeconds: number;
  /** Port 443 check after the install: tries and pause (seed 003: 3 tries, 10 s apart). */
  httpsCheckTries: number;
  httpsCheckPauseSeconds: number;
  /** Cluster connect, OBS/Backup install. */
  serviceTimeoutSeconds: number;
  /** Activity heartbeat timeout: how fast a dead worker's activity is retried elsewhere. */
  heartbeatTimeoutSeconds: number;
  /** Default deadline for an operator's approve/skip decision. */
  approvalTimeoutSeconds: number;
  /**
   * Retry budgets are time, not attempt counts, so a crashed worker never uses them up. A long
   * activity may retry for this many times its own start-to-close bound (optional: runs recorded
   * before it existed replay with the default, 3).
   */
  retryBudgetFactor?: number;
  /** How long a short call (lookup, setting, small create) may keep retrying (default 15 min). */
  quickRetrySeconds?: number;
  /** Longest pause between two attempts (default 2 min). */
  retryMaxIntervalSeconds?: number;
  /**
   * Wait bound of one attempt of the CloudTower ISO upload (~8 GB; default 4 h). Optional: runs
   * recorded before it existed get the default.
   */
  isoUploadHours?: number;
  /** Wait bound of one attempt of a package upload: VMTools ISO, OBS, Backup (default 3 h). */
  packageUploadHours?: number;
  /**
   * Site seconds per real second: the simulator's --speed in a rehearsal, absent (1) on site. The
   * retry budgets are times on the site's clock, so their fixed margins are divided by it too.
   */
  speed?: number;
}

/** Site seconds per real second (1 on site and in runs recorded before the field existed). */
export function clockSpeed(timing: TimingProfile): number {
  return timing.speed && timing.speed > 0 ? timing.speed : 1;
}

/** The upload bounds of a profile, defaults filled in (see the fields above). */
export function uploadHours(timing: TimingProfile): { iso: number; package: number } {
  return { iso: timing.isoUploadHours ?? 4, package: timing.packageUploadHours ?? 3 };
}

/** The retry-budget values of a profile, defaults filled in (see the fields above). */
export function retryBudget(timing: TimingProfile): {
  factor: number;
  quickSeconds: number;
  maxIntervalSeconds: number;
} {
  return {
    factor: timing.retryBudgetFactor ?? 3,
    quickSeconds: timing.quickRetrySeconds ?? 15 * 60,
    maxIntervalSeconds: timing.retryMaxIntervalSeconds ?? 120,
  };
}

export const siteTiming: TimingProfile = {
  name: 'site',
  deployPollSeconds: 10,
  jobPollSeconds: 5,
  jobTimeoutSeconds: 30 * 60,
  deployTimeoutSeconds: 75 * 60,
  guestAgentTimeoutSeconds: 40 * 60,
  installerTimeoutSeconds: 50 * 60,
  httpsCheckTries: 3,
  httpsCheckPauseSeconds: 10,
  serviceTimeoutSeconds: 45 * 60,
  heartbeatTimeoutSeconds: 60,
  approvalTimeoutSeconds: 4 * 60 * 60,
  retryBudgetFactor: 3,
  quickRetrySeconds: 15 * 60,
  retryMaxIntervalSeconds: 120,
  isoUploadHours: 4,
  packageUploadHours: 3,
};

/**
 * For the simulator at --speed N: the site profile, its durations divided by the speed, so a site
 * number changed is a rehearsal number changed. Floors keep fast profiles sane on a loaded machine
 * (a poll never below 50 ms, a wait never below one to three minutes).
 */
export function simulatorTiming(speed: number, overrides: Partial<TimingProfile> = {}): TimingProfile {
  const site = siteTiming;
  const scaled = (seconds: number, floor: number) => Math.max(floor, seconds / speed);
  const budget = retryBudget(site);
  const hours = uploadHours(site);
  return {
    name: `simulator x${speed}`,
    deployPollSeconds: scaled(site.deployPollSeconds, 0.05),
    jobPollSeconds: scaled(site.jobPollSeconds, 0.05),
    jobTimeoutSeconds: scaled(site.jobTimeoutSeconds, 60),
    deployTimeoutSeconds: scaled(site.deployTimeoutSeconds, 120),
    guestAgentTimeoutSeconds: scaled(site.guestAgentTimeoutSeconds, 120),
    installerTimeoutSeconds: scaled(site.installerTimeoutSeconds, 180),
    httpsCheckTries: site.httpsCheckTries,
    httpsCheckPauseSeconds: scaled(site.httpsCheckPauseSeconds, 0.2),
    serviceTimeoutSeconds: scaled(site.serviceTimeoutSeconds, 120),
    // The floors: how fast a test's kill -9 is noticed (10 s) and how long a fast rehearsal waits
    // for an operator's decision (10 min); whole seconds, as messages show them.
    heartbeatTimeoutSeconds: Math.ceil(scaled(site.heartbeatTimeoutSeconds, 10)),
    approvalTimeoutSeconds: Math.ceil(scaled(site.approvalTimeoutSeconds, 600)),
    retryBudgetFactor: budget.factor,
    quickRetrySeconds: scaled(budget.quickSeconds, 90),
    retryMaxIntervalSeconds: scaled(budget.maxIntervalSeconds, 2),
    // Scaled like every wait (issue 23 point 3: a failing upload gave up after 9 h at any speed),
    // with floors of 5 and 3 minutes for a loaded machine; the simulator's uploads are small.
    isoUploadHours: scaled(hours.iso * 3600, 300) / 3600,
    packageUploadHours: scaled(hours.package * 3600, 180) / 3600,
    ...(speed === 1 ? {} : { speed }),
    ...overrides,
  };
}
