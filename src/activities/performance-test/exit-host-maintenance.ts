// Stage 10, disruptive test: the host back out of maintenance mode, always called after the enter
// (also when the test failed or the run was cancelled). Idempotent: a host not in maintenance is a
// no-op; a host still entering is waited for first; an exit already running (its answer lost, or
// a killed attempt) is waited for, never posted again. Done when the host's state is IN_USE.
import { Context } from '@temporalio/activity';
import { maintenanceState } from '../../smartx/index.js';
import { describeFailure, remoteRejected, remoteStep } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { waitTowerTask } from '../support/tower-tasks.js';
import {
  maintenanceApi,
  readHost,
  refusal,
  waitForState,
  type MaintenanceHostRequest,
} from './maintenance-host.js';

interface ExitHeartbeat {
  hostId: string;
  /** Set before the exit is posted: a host back in use then means that post went through. */
  exitPosted?: boolean;
  exitTask?: string;
}

export interface ExitHostMaintenanceResult {
  outcome: 'exited' | 'not-in-maintenance';
  taskId?: string;
}

export async function exitHostMaintenance(req: MaintenanceHostRequest): Promise<ExitHostMaintenanceResult> {
  const ctx = Context.current();
  const m = maintenanceApi(req);
  const prev = resumeDetails<ExitHeartbeat>();
  const beat: ExitHeartbeat = prev?.hostId === req.hostId ? { ...prev } : { hostId: req.hostId };
  const keep = () => ({ ...beat });
  const step = `host ${req.hostName}: exit maintenance mode`;

  if (beat.exitTask) {
    await waitTowerTask(m.rest, req.run, beat.exitTask, step, keep);
    await waitForState(m, req, 'IN_USE', keep);
    return { outcome: 'exited', taskId: beat.exitTask };
  }
  let state = maintenanceState(await readHost(m, req));
  if (state === 'IN_USE') return { outcome: beat.exitPosted ? 'exited' : 'not-in-maintenance' };
  // An enter still running (the test was cancelled meanwhile): it must finish before the exit.
  if (state === 'ENTERING_MAINTENANCE_MODE') {
    await waitForState(m, req, 'MAINTENANCE_MODE', keep);
    state = 'MAINTENANCE_MODE';
  }
  if (state !== 'MAINTENANCE_MODE')
    throw remoteRejected(`${step}: the host is ${state}. Fix: look at the host in CloudTower.`);
  // An exit already running on this host (an earlier attempt whose answer never came): wait for it.
  const running = await remoteStep(`${step}: look for a running task`, () =>
    m.rest.getTasks({ resource_id: req.hostId, status: 'EXECUTING' }),
  );
  for (const task of running) await waitTowerTask(m.rest, req.run, task.id, step, keep);
  if (running.length && maintenanceState(await readHost(m, req)) === 'IN_USE')
    return { outcome: 'exited', taskId: running[0].id };

  let exited;
  beat.exitPosted = true;
  ctx.heartbeat(keep());
  try {
    exited = await m.api.exit(req.hostId);
  } catch (err) {
    const why = refusal(err);
    if (!why) throw describeFailure(step, err);
    // An earlier attempt's exit can finish between the look for running tasks and this call: the
    // refusal then only says the host is back in use, which is what this activity is for.
    if (maintenanceState(await readHost(m, req)) === 'IN_USE') return { outcome: 'exited' };
    throw remoteRejected(`${step}: CloudTower refused: ${why}`);
  }
  if (exited.task_id) {
    beat.exitTask = exited.task_id;
    ctx.heartbeat(keep());
    await waitTowerTask(m.rest, req.run, exited.task_id, step, keep);
  }
  await waitForState(m, req, 'IN_USE', keep);
  return { outcome: 'exited', taskId: exited.task_id ?? undefined };
}
