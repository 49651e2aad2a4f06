import { ApplicationFailure } from '@temporalio/common';
import type { CloudTowerGraphqlClient, ObservabilityState } from '../../smartx/index.js';
import { precheckFailed, transient } from '../support/failures.js';

export type Instance = ObservabilityState['bundleApplicationInstances'][number];
/** Instance name of seed 003 ("name":"obs"). */
export const OBS_INSTANCE_NAME = 'obs';

/** The instance that is "the" OBS of this CloudTower: by IP when known, else the only or the `obs` one. */
export function findObsInstance(state: ObservabilityState, obsIp?: string): Instance | undefined {
  const live = state.bundleApplicationInstances.filter((i) => i.status !== 'FAILED');
  if (obsIp) return live.find((i) => i.vm_spec?.ip === obsIp);
  if (live.length === 1) return live[0];
  return live.find((i) => i.name === OBS_INSTANCE_NAME);
}

export function isRunning(inst: Instance): boolean {
  const vm = inst.application?.instances?.[0]?.vm;
  return inst.status === 'SUCCESS' && (!vm?.status || vm.status === 'RUNNING');
}

export function notRunning(step: string, what: string): ApplicationFailure {
  return precheckFailed(
    `${step}: ${what}. Fix: deploy the Observability instance first (deployObsInstance).`,
  );
}

export async function runningInstance(
  gql: CloudTowerGraphqlClient,
  step: string,
  obsIp?: string,
): Promise<Instance> {
  const inst = findObsInstance(await gql.observabilityInstanceAndApps(), obsIp);
  if (!inst) throw notRunning(step, `CloudTower has no Observability instance${obsIp ? ` at ${obsIp}` : ''}`);
  if (!isRunning(inst)) {
    throw transient(
      `${step}: Observability instance ${inst.name} is ${inst.status ?? 'unknown'}, not running yet`,
    );
  }
  return inst;
}
