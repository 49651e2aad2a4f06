// The CloudTower clients of the activities of stages 4–9, as `root`: with the workbook's password,
// except stage 4's first login with the factory one (ensure-root-password.ts, setup-cloud-tower.ts);
// both through the same two constructors (docs/decisions.md "Activity helpers, each once").
import { CloudTowerGraphqlClient, CloudTowerRestClient, type EndpointResolver } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { invalidInput } from './failures.js';
import { coded } from '../../i18n/index.js';
import { resolverFor, secret } from './remote.js';

interface TowerClients {
  resolver: EndpointResolver;
  rest: CloudTowerRestClient;
  gql: CloudTowerGraphqlClient;
}

export function towerClients(req: TowerAccess): TowerClients {
  if (!req.cloudtowerIp) throw invalidInput(coded('failure.cloudtowerIpEmpty'));
  if (!req.rootPassword || secret(req.rootPassword).reveal() === '') {
    throw invalidInput(coded('failure.cloudtowerPasswordEmpty'));
  }
  // The workbook's password, which stage 4 made root's: REST logs in with it as is, GraphQL (and so
  // the `connect.sid` cookie the OBS upload needs) through the `login` mutation (see CloudTowerLogin).
  return {
    resolver: resolverFor(req.run),
    rest: towerRest(req.run, req.cloudtowerIp, req.rootPassword),
    gql: towerGraphql(req.run, req.cloudtowerIp, req.rootPassword),
  };
}

/**
 * CloudTower REST (`/v2/api/*`) as root with `password`: the workbook's (集群管理信息!G3) after the
 * setup step, CLOUDTOWER_FACTORY_ROOT_PASSWORD only to get in the first time (ensure-root-password.ts).
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
