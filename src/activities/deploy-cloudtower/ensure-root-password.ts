// Makes CloudTower's `root` password the workbook's (集群管理信息!G3), whatever state an earlier
// attempt left behind (docs/decisions.md "CloudTower root password: REST v2"):
//   1. REST login with the workbook's password works → nothing to do (set earlier, or G3 is the default);
//   2. else REST login with the factory default works → update-user to the workbook's, then verify;
//   3. else neither is accepted → non-retryable: someone else changed it.
// Passwords never leave this file except inside the clients' request bodies (which redact them).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { SmartxHttpError, type CloudTowerRestClient } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { defaultSecret, type PlanSecret } from '../../run/run-plan.js';
import { remoteStep, authFailed, remoteRejected, transient } from '../support/failures.js';
import { CLOUDTOWER_FACTORY_ROOT_PASSWORD } from '../../smartx/index.js';
import { towerRest } from '../support/tower-clients.js';
import { secret } from '../support/remote.js';
import { coded } from '../../i18n/index.js';

/** `kept`: already the workbook's; `changed`: changed from the factory default by this attempt. */
export type RootPasswordOutcome = 'kept' | 'changed';

/** True when `rest` logs in; false when CloudTower refuses the password; other errors propagate. */
async function logsIn(rest: CloudTowerRestClient): Promise<boolean> {
  try {
    await rest.login();
    return true;
  } catch (err) {
    if (err instanceof SmartxHttpError && (err.kind === 'auth' || err.kind === 'bad-request')) return false;
    throw err;
  }
}

function refused(ip: string, workbookIsDefault: boolean): ApplicationFailure {
  return authFailed(
    workbookIsDefault
      ? coded('failure.rootPasswordRefusedDefault', { ip })
      : coded('failure.rootPasswordRefused', { ip }),
  );
}

/**
 * Converges root's password to `wanted` and returns how. Safe to repeat after a crash at any point:
 * before the change (step 2 runs), after it (step 1 succeeds), or between the change and its check.
 */
export async function ensureRootPassword(
  run: RunContext,
  ip: string,
  wanted: PlanSecret,
): Promise<RootPasswordOutcome> {
  const ctx = Context.current();
  const target = secret(wanted);
  const workbookIsDefault = target.reveal() === CLOUDTOWER_FACTORY_ROOT_PASSWORD;
  const asWanted = towerRest(run, ip, wanted);
  if (await remoteStep(`log in to CloudTower ${ip} as root`, () => logsIn(asWanted))) {
    ctx.log.info("CloudTower root password is the workbook's", { ip });
    return 'kept';
  }
  if (workbookIsDefault) throw refused(ip, true);

  const asDefault = towerRest(run, ip, defaultSecret('cloudtowerRoot'));
  if (!(await remoteStep(`log in to CloudTower ${ip} as root (factory default)`, () => logsIn(asDefault)))) {
    throw refused(ip, false);
  }
  const updated = await remoteStep(`change the CloudTower root password on ${ip}`, () =>
    asDefault.updateUserPassword({ username: 'root' }, target),
  );
  if (updated.length === 0) {
    throw remoteRejected(
      `change the CloudTower root password on ${ip}: update-user matched no user named root. Fix: check the users in the CloudTower web UI.`,
    );
  }
  if (!(await remoteStep(`log in to CloudTower ${ip} as root`, () => logsIn(asWanted)))) {
    // Not effective yet (an asynchronous task): the retry starts at step 1 again.
    throw transient(
      `change the CloudTower root password on ${ip}: the new password is not accepted yet. The step is retried automatically.`,
    );
  }
  ctx.log.info("CloudTower root password changed to the workbook's", { ip });
  return 'changed';
}
