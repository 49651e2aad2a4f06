import { type DeployClusterPayload } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { invalidInput } from '../support/failures.js';
import type { StorageArchitecture } from '../../plan/types.js';
import { buildDeployPayload, DeployPayloadError, type DeployNetworkInput } from './deploy-payload.js';
import type { HostScanSummary } from '../support/host-scan-summary.js';
import { type DeployClusterResult, deployCluster } from './deploy-cluster.js';

export interface DeployClusterFromPlanRequest {
  run: RunContext;
  clusterName: string;
  dnsServers: string[];
  storageArchitecture: StorageArchitecture;
  features: { boost: boolean; rdma: boolean };
  networks: { management: DeployNetworkInput; storage: DeployNetworkInput };
  /** Plan order; the first host's API runs the deploy. */
  hosts: {
    hostname: string;
    managementIp: string;
    storageIp: string;
    /** This host's own NIC names when they differ from the network rows' (see DeployHostInput). */
    nics?: { management?: string[]; storage?: string[] };
  }[];
  /** Result of scanHosts. */
  scans: { hostname: string; managementIp: string; scan: HostScanSummary }[];
}

/**
 * Activity: builds the payload from plan values and scans (buildDeployPayload) and deploys it with
 * deployCluster, so the payload itself never lands in workflow history.
 */
export async function deployClusterFromPlan(req: DeployClusterFromPlanRequest): Promise<DeployClusterResult> {
  const scans = new Map(req.scans.map((s) => [s.managementIp, s.scan]));
  const unscanned = req.hosts.filter((h) => !scans.has(h.managementIp)).map((h) => h.hostname);
  if (unscanned.length > 0) throw invalidInput(`deploy-cluster: no scan for host(s) ${unscanned.join(', ')}`);
  let payload: DeployClusterPayload;
  try {
    payload = buildDeployPayload({
      clusterName: req.clusterName,
      dnsServers: req.dnsServers,
      networks: req.networks,
      storageArchitecture: req.storageArchitecture,
      features: req.features,
      hosts: req.hosts.map((h) => ({ ...h, scan: scans.get(h.managementIp)! })),
    });
  } catch (err) {
    if (err instanceof DeployPayloadError) throw invalidInput(`deploy-cluster: ${err.message}`);
    throw err;
  }
  return deployCluster({
    run: req.run,
    apiHostIp: req.hosts[0].managementIp,
    payload,
    hostIps: req.hosts.map((h) => h.managementIp),
  });
}
