import { CloudTowerGraphqlClient, CloudTowerRestClient } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { resolverFor, secret } from './remote.js';

/**
 * CloudTower REST (`/v2/api/*`) as root with `password`: the workbook's (集群管理信息!G3) after the
 * setup step, CLOUDTOWER_DEFAULT_PASSWORD only to get in the first time (root-password.ts).
 */
export function towerRest(run: RunContext, cloudtowerIp: string, password: PlanSecret): CloudTowerRestClient {
  return new CloudTowerRestClient(resolverFor(run), cloudtowerIp, {
    username: 'root',
    password: secret(password),
  });
}

/**
 * CloudTower GraphQL (`/api`) as root with `password` (the client sends the factory default as seed
 * 003's encoded constant, any other password plain; see CloudTowerLogin).
 */
export function towerGraphql(
  run: RunContext,
  cloudtowerIp: string,
  password: PlanSecret,
): CloudTowerGraphqlClient {
  return new CloudTowerGraphqlClient(resolverFor(run), cloudtowerIp, {
    username: 'root',
    password: secret(password),
  });
}
