// Stage 10, disruptive test (approved per run): one host into maintenance mode through CloudTower.
// The precheck first (its task, then its result until `done`); a refusal, or a VM that would have
// to be shut down, is a non-retryable failure naming what blocks. Then enter-maintance-mode and its
// task, until the host's `host_state.state` is MAINTENANCE_MODE. Exactly once under kill -9: the
// host's state is read before acting (already in maintenance = done, entering = wait), and the
// enter task id is heartbeated right after the call, so a retry waits for it instead of entering
// again.
import { Context } from '@temporalio/activity';
import { maintenanceState } from '../../smartx/index.js';
import { describeFailure, precheckFailed } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { waitTowerTask } from '../support/tower-tasks.js';
import {
  maintenanceApi,
  readHost,
  refusal,
  waitForState,
  type MaintenanceApi,
  type MaintenanceHostRequest,
} from './maintenance-host.js';

interface EnterHeartbeat {
  hostId: string;
  precheckTask?: string;
  /** Set before the enter is posted: a host in maintenance then means that post went through. */
  enterPosted?: boolean;
  enterTask?: string;
}

export interface EnterHostMaintenanceResult {
  outcome: 'entered' | 'already-in-maintenance';
  taskId?: string;
}

const blocked = (req: MaintenanceHostRequest, why: string) =>
  precheckFailed(
    `disruptive test: host ${req.hostName} cannot enter maintenance mode: ${why}. Fix: resolve it in CloudTower and retry the stage (another host needs a new run with --disruptive-host).`,
  );

async function precheck(
  m: MaintenanceApi,
  req: MaintenanceHostRequest,
  beat: EnterHeartbeat,
  keep: () => unknown,
): Promise<void> {
  const step = `host ${req.hostName}: maintenance mode precheck`;
  try {
    beat.precheckTask = await m.api.precheck(req.hostId);
  } catch (err) {
    const why = refusal(err);
    if (why) throw blocked(req, why);
    throw describeFailure(step, err);
  }
  Context.current().heartbeat(keep());
  const taskId = beat.precheckTask;
  const result = await pollUntil(
    {
      intervalSeconds: req.run.timing.jobPollSeconds,
      timeoutSeconds: req.run.timing.jobTimeoutSeconds,
      what: step,
    },
    async () => {
      try {
        const r = await m.api.precheckResult(taskId);
        return r.done ? r : undefined;
      } catch (err) {
        const why = refusal(err);
        if (why) throw blocked(req, why);
        throw err;
      }
    },
    keep,
  );
  // Entering would shut these VMs down (they cannot live-migrate): a handover test never does that.
  if (result.shutdownVms.length)
    throw blocked(
      req,
      `VMs that would have to be shut down: ${result.shutdownVms.map((v) => v.vm_uuid).join(', ')}`,
    );
}

export async function enterHostMaintenance(req: MaintenanceHostRequest): Promise<EnterHostMaintenanceResult> {
  const ctx = Context.current();
  const m = maintenanceApi(req);
  const prev = resumeDetails<EnterHeartbeat>();
  const beat: EnterHeartbeat = prev?.hostId === req.hostId ? { ...prev } : { hostId: req.hostId };
  const keep = () => ({ ...beat });
  const step = `host ${req.hostName}: enter maintenance mode`;

  // An earlier attempt entered: wait for its task, never enter twice.
  if (beat.enterTask) {
    await waitTowerTask(m.rest, req.run, beat.enterTask, step, keep);
    await waitForState(m, req, 'MAINTENANCE_MODE', keep);
    return { outcome: 'entered', taskId: beat.enterTask };
  }
  const state = maintenanceState(await readHost(m, req));
  if (state === 'MAINTENANCE_MODE')
    return { outcome: beat.enterPosted ? 'entered' : 'already-in-maintenance' };
  // Entering already (an enter whose answer was lost): wait, do not post again.
  if (state === 'ENTERING_MAINTENANCE_MODE') {
    await waitForState(m, req, 'MAINTENANCE_MODE', keep);
    return { outcome: 'entered' };
  }
  if (state !== 'IN_USE') throw blocked(req, `its state is ${state}`);

  await precheck(m, req, beat, keep);
  let entered;
  beat.enterPosted = true;
  ctx.heartbeat(keep());
  try {
    entered = await m.api.enter(req.hostId);
  } catch (err) {
    const why = refusal(err);
    if (why) throw blocked(req, why);
    throw describeFailure(step, err);
  }
  if (entered.task_id) {
    beat.enterTask = entered.task_id;
    ctx.heartbeat(keep());
    await waitTowerTask(m.rest, req.run, entered.task_id, step, keep);
  }
  await waitForState(m, req, 'MAINTENANCE_MODE', keep);
  return { outcome: 'entered', taskId: entered.task_id ?? undefined };
}
