// Seed 003 §04 "配置cloudtower 管理员密码 / 组织名称 / 验证 / 登录 / ntp": first-run setup of a new
// CloudTower, each step only when it is still missing. Root is created as the seed does it (encoded
// factory default), then its password becomes the workbook's (root-password.ts); every call after
// that, and every later stage, logs in with the workbook's password.
import { Context } from '@temporalio/activity';
import { z } from 'zod';
import { ENCODED_DEFAULT_ROOT_PASSWORD, SmartxHttpError, type Organization } from '../../smartx/index.js';
import { defaultSecret } from '../../run/run-plan.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { invalidInput, remoteStep, transient } from '../support/failures.js';
import { towerGraphql, towerRest } from '../support/tower-clients.js';
import { secret } from '../support/remote.js';
import { ensureRootPassword, type RootPasswordOutcome } from './ensure-root-password.js';
import { coded } from '../../i18n/index.js';

/**
 * `rootPassword`: 集群管理信息!G3, the password root gets here (the plan reader puts the factory
 * default there when the cell is empty).
 */
export interface SetupCloudTowerRequest extends TowerAccess {
  organization: string;
  ntpServers: string[];
}

export interface SetupCloudTowerResult {
  rootUser: 'created' | 'existing';
  /** `kept`: root's password already was the workbook's; `changed`: changed to it by this step. */
  rootPassword: RootPasswordOutcome;
  organizationId: string;
  organizationCreated: boolean;
  ntp: string;
  warnings: string[];
}

export async function setupCloudTower(req: SetupCloudTowerRequest): Promise<SetupCloudTowerResult> {
  const ctx = Context.current();
  const ip = req.cloudtowerIp;
  if (!req.rootPassword || secret(req.rootPassword).reveal() === '') {
    throw invalidInput(coded('failure.cloudtowerPasswordEmpty'));
  }
  // checkTowerIsSetup and createRootUser need no session; the factory credentials are only for them.
  const setupGql = towerGraphql(req.run, ip, defaultSecret('cloudtowerRoot'));
  const warnings: string[] = [];

  const setup = await remoteStep(`check whether CloudTower ${ip} is set up`, () =>
    setupGql.checkTowerIsSetup(),
  );
  let rootUser: SetupCloudTowerResult['rootUser'] = 'existing';
  if (!setup.userCreated.created) {
    await remoteStep(`create the CloudTower root user on ${ip}`, async () => {
      try {
        await setupGql.createRootUser(ENCODED_DEFAULT_ROOT_PASSWORD, new Date());
        rootUser = 'created';
      } catch (err) {
        // Created by an attempt that died before it saw the answer: fine if it exists now.
        if (!(err instanceof SmartxHttpError) || !(await setupGql.checkTowerIsSetup()).userCreated.created)
          throw err;
      }
    });
  }
  ctx.log.info('CloudTower root user', { ip, rootUser });

  const rootPassword = await ensureRootPassword(req.run, ip, req.rootPassword);
  const rest = towerRest(req.run, ip, req.rootPassword);
  const gql = towerGraphql(req.run, ip, req.rootPassword);

  const findOrg = async (): Promise<Organization | undefined> =>
    (await remoteStep(`list organizations on ${ip}`, () => rest.getOrganizations())).find(
      (o) => o.name === req.organization,
    );
  let org = await findOrg();
  let organizationCreated = false;
  if (!org) {
    const otherOrgs = (await remoteStep(`list organizations on ${ip}`, () => rest.getOrganizations())).length;
    await remoteStep(`create the organization "${req.organization}" on ${ip}`, async () => {
      try {
        // Open while CloudTower has no organization (first-run wizard, as in the seed); afterwards it
        // needs a session.
        if (otherOrgs === 0) await gql.createOrganization(req.organization);
        else
          await gql.request(
            'createOrganization',
            { data: { name: req.organization } },
            z.looseObject({ createOrganization: z.looseObject({ id: z.string() }) }),
          );
        organizationCreated = true;
      } catch (err) {
        if (!(err instanceof SmartxHttpError) || !(await findOrg())) throw err;
      }
    });
    org = await findOrg();
  }
  if (!org) {
    throw transient(
      `create the organization "${req.organization}" on ${ip}: it is not listed after creation. The step is retried automatically.`,
    );
  }
  ctx.log.info('CloudTower organization', { ip, organization: org.name, created: organizationCreated });

  const check = await remoteStep(`verify the setup of CloudTower ${ip}`, () => setupGql.checkTowerIsSetup());
  if (!check.userCreated.created || check.organizations.length === 0) {
    throw transient(
      `verify the setup of CloudTower ${ip}: checkTowerIsSetup answers userCreated=${check.userCreated.created}, ${check.organizations.length} organization(s). The step is retried automatically.`,
    );
  }

  // There is no query for the current NTP setting in the seed; the mutation sets the same value again
  // harmlessly, so it is always sent.
  let ntp = '';
  if (req.ntpServers.length > 0) {
    ntp = await remoteStep(`set the NTP servers of CloudTower ${ip}`, () =>
      gql.updateCloudTowerNtpUrl(req.ntpServers),
    );
    ctx.log.info('CloudTower NTP set', { ip, ntp });
  } else {
    warnings.push(
      'No NTP server in the workbook (集群管理信息!E22–E24): CloudTower keeps its default NTP setting.',
    );
  }
  return { rootUser, rootPassword, organizationId: org.id, organizationCreated, ntp, warnings };
}
