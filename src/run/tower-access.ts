// How a run reaches its CloudTower as root: the address, root's password and the run's context. The
// password is the plan's secret reference and stays one: this value travels through workflow
// history into activities, which resolve it on the worker's side. Workflows build it once from the
// run's input (towerAccess) and pass it on whole; CloudTower activities take it as their request's base.
import type { RunContext } from './input.js';
import type { PlanSecret } from './run-plan.js';

export interface TowerAccess {
  run: RunContext;
  cloudtowerIp: string;
  /** CloudTower `root` password: the workbook's (集群管理信息!G3), made root's by stage 4. */
  rootPassword: PlanSecret;
}

/** The run's CloudTower, from the run's input (the bring-up's, or any holding its plan and run). */
export function towerAccess(input: {
  plan: { cloudtower: { ip: string; rootPassword: PlanSecret } };
  run: RunContext;
}): TowerAccess {
  const { plan, run } = input;
  return { run, cloudtowerIp: plan.cloudtower.ip, rootPassword: plan.cloudtower.rootPassword };
}

/** The access alone, out of an input that carries it among other fields (a component child's). */
export function pickTowerAccess({ run, cloudtowerIp, rootPassword }: TowerAccess): TowerAccess {
  return { run, cloudtowerIp, rootPassword };
}
