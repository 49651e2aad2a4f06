// What every CloudTower-side activity (stages 6–9) shares: the request base, the clients built from
// it, and the lookups of the connected cluster (by VIP) and of CloudTower tasks.
import { CloudTowerGraphqlClient, CloudTowerRestClient, type EndpointResolver } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { invalidInput } from './failures.js';
import { resolverFor, secret } from './remote.js';

/** The request base of every activity that talks to CloudTower. */
export interface Tower {
  run: RunContext;
  cloudtowerIp: string;
  /** CloudTower `root` password: the workbook's (集群管理信息!G3), made root's by stage 4. */
  rootPassword: PlanSecret;
}

export interface TowerClients {
  resolver: EndpointResolver;
  rest: CloudTowerRestClient;
  gql: CloudTowerGraphqlClient;
}

export function towerClients(req: Tower): TowerClients {
  if (!req.cloudtowerIp) throw invalidInput('cloudtowerIp is empty: fill 集群管理信息!E3 (CloudTower IP)');
  if (!req.rootPassword?.secretValue) {
    throw invalidInput('the CloudTower root password is empty: fill 集群管理信息!G3 (CloudTower 管理员密码)');
  }
  const resolver = resolverFor(req.run);
  // The workbook's password, which stage 4 made root's: REST logs in with it as is, GraphQL (and so
  // the `connect.sid` cookie the OBS upload needs) through the `login` mutation (see CloudTowerLogin).
  const credentials = { username: 'root', password: secret(req.rootPassword) };
  return {
    resolver,
    rest: new CloudTowerRestClient(resolver, req.cloudtowerIp, credentials),
    gql: new CloudTowerGraphqlClient(resolver, req.cloudtowerIp, credentials),
  };
}
