// The shared inspectable state (contract SimState) and the request log that goes with it.
import type { SimState } from './contract.js';

export function createState(): SimState {
  return {
    cluster: { deployed: false, deployRequests: 0, dns: [], ntp: [] },
    hosts: [],
    vdses: [],
    vlans: [],
    jobs: [],
    images: [],
    vms: [],
    ipmiAccounts: [],
    passwordChanges: [],
    installerRuns: [],
    cloudtower: {
      installed: false,
      rootUserCreated: false,
      organizations: [],
      datacenters: [],
      connectedClusters: [],
      tasks: [],
      alertRules: [],
      clusterSettings: {},
      ntp: [],
      dns: [],
    },
    obs: {},
    backup: {},
    inspector: {},
    requests: [],
  };
}

/** Keeps the log bounded: a 10 GB upload is ~1,200 chunk requests, a whole bring-up a few thousand. */
const maxRequests = 20_000;

export function logRequest(state: SimState, entry: SimState['requests'][number]): void {
  state.requests.push(entry);
  if (state.requests.length > maxRequests) state.requests.splice(0, state.requests.length - maxRequests);
}
