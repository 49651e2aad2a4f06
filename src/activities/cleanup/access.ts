// What every cleanup activity needs to reach the run's cluster: the same run context, VIP and Fisheye
// admin (by secret reference) the bring-up used, read from the bring-up's own input.
import type { RunContext } from '../../run/input.js';
import type { TowerAccess } from '../../run/tower-access.js';
import type { Fisheye } from '../support/fisheye.js';

export interface ClusterAccess {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  /** CloudTower as root (the test VMs live there); absent when the run's plan has none. */
  tower?: Omit<TowerAccess, 'run'>;
}
