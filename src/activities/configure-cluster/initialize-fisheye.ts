// Seed 003 §03 "部署后配置fisheye管理员密码" + "登录fisheye获取token".
import { Context } from '@temporalio/activity';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';

export interface InitializeFisheyeRequest {
  run: RunContext;
  /** Management IP of the first host (the VIP does not exist yet). */
  hostIp: string;
  fisheye: Fisheye;
}

/**
 * Sets the Fisheye root password (`users:setupRoot`; an already initialized root is fine), then logs
 * in once to prove the workbook's credentials: a wrong password is a non-retryable auth failure.
 */
export async function initializeFisheye(
  req: InitializeFisheyeRequest,
): Promise<{ rootUser: 'created' | 'already-initialized' }> {
  const log = Context.current().log;
  const client = fisheyeClient(req.run, req.hostIp, req.fisheye);
  const setup = await remoteStep(`set up the Fisheye root user on ${req.hostIp}`, () => client.setupRoot());
  log.info('Fisheye root user', { host: req.hostIp, status: setup.status });
  await remoteStep(`log in to Fisheye on ${req.hostIp} as ${req.fisheye.user}`, () => client.login());
  log.info('Fisheye login works', { host: req.hostIp, user: req.fisheye.user });
  return { rootUser: setup.status };
}
