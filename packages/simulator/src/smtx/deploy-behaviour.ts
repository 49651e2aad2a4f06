// How the simulated installer behaves around a deploy, in the ways a real one does on site and the
// seeds only hint at (seed 003 §02 tells the client to ignore odd deploy_status answers):
// - right after an accepted POST, deploy_status can still say `idle` (or carry an empty `data`) for a
//   while: the deploying task has not started its first stage yet;
// - while the hosts reconfigure their network and restart services, their APIs answer errors or
//   drop the connection;
// - deploy_status takes "the host IP passed at deploy time" (seed 003): whether a site answers to the
//   link-local `host_ip` of the payload, the host's IPv4, or both, differs; tests choose.
// Defaults keep the short idle phase (it is what a real installer shows) and answer both addresses.
export interface DeployBehaviour {
  /** Simulated seconds after an accepted POST during which deploy_status still shows no deploy. */
  idleAfterPostSeconds: number;
  /** What "no deploy yet" looks like: state `idle` (stage 0) or `data: {}`. */
  idleShape: 'idle' | 'empty';
  /**
   * A window (simulated seconds from the accepted POST) in which every deployment API call on the
   * hosts fails the way a restarting service does: HTTP 503 or a reset connection.
   */
  restartWindow?: { fromSeconds: number; seconds: number; kind: 'error' | 'reset' };
  /** Which `host_ip` query deploy_status answers; the other one gets 404 ENOT_FOUND. */
  statusAddress: 'link-local' | 'ipv4' | 'both';
}

export const defaultDeployBehaviour: DeployBehaviour = {
  idleAfterPostSeconds: 20,
  idleShape: 'idle',
  statusAddress: 'both',
};
