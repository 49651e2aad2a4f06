import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { OVM_NAME } from './deploy-obs-instance.js';
import { runningInstance } from './obs-instance.js';

/**
 * updateObservabilityConnectedSystemServices with the agent URL `http://<cloudtowerIp>/admin/observability/agent`
 * (seed 003/000). Seed 000: a failure here must not stop the bring-up, so it comes back as `warning`
 * (and is logged) — never thrown, never silent.
 */
export async function connectObsSystemService(
  req: TowerAccess & { obsIp?: string },
): Promise<{ connected: boolean; warning?: string }> {
  const step = 'connect CloudTower to Observability as a system service';
  const ctx = Context.current();
  try {
    return await remoteStep(step, async () => {
      const { gql } = towerClients(req);
      const inst = await runningInstance(gql, step, req.obsIp);
      const existing = (inst as Record<string, unknown>).connected_system_services;
      if (Array.isArray(existing) && existing.some((s) => (s as { type?: unknown })?.type === 'CLOUDTOWER')) {
        return { connected: true };
      }
      const services = await gql.updateObservabilityConnectedSystemServices(req.cloudtowerIp, OVM_NAME);
      const mine = services.find((s) => (s as { type?: unknown })?.type === 'CLOUDTOWER') as
        { status?: unknown } | undefined;
      if (!mine)
        return { connected: false, warning: `${step}: the answer lists no CLOUDTOWER system service` };
      if (mine.status === 'FAILED')
        return { connected: false, warning: `${step}: CloudTower's system service is FAILED` };
      ctx.log.info('CloudTower connected to Observability', {
        status: typeof mine.status === 'string' ? mine.status : '',
      });
      return { connected: true };
    });
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
    const warning = err instanceof Error ? err.message : String(err);
    ctx.log.warn('system service connection failed; continuing (seed 000)', { warning });
    return { connected: false, warning };
  }
}
