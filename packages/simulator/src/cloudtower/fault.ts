// Faults for points the core cannot see: GraphQL operations share one route (`POST /api`), so the
// dispatcher asks for `cloudtower.graphql.<operationName>` itself, and upload parts ask for
// `chunk:obs:<n>` / `chunk:backup:<n>`. Before the work (`applyFault`): `delay` waits `delayMs` and
// then the request is served normally; `status` answers that status; `reset` drops the connection;
// `fail` answers 500. After the work (`afterApply`): `slow-create` answers `delayMs` late and
// `lost-reply` drops the connection once the request has taken effect.
import { setTimeout as delay } from 'node:timers/promises';
import type { SimContext, SimReply, SimRequest } from '../core/contract.js';
import { afterApplyKinds } from '../core/faults.js';
import { jsonReply } from './replies.js';

export interface FiredFault {
  kind: string;
  status?: number;
  delayMs?: number;
}

const appliesFirst = (fault: FiredFault) => afterApplyKinds.includes(fault.kind);

/** Applies a fired fault before the work; returns the reply to send instead, or undefined to carry on. */
export async function applyFault(
  req: SimRequest,
  fault: FiredFault | undefined,
): Promise<SimReply | undefined> {
  if (!fault || appliesFirst(fault)) return undefined;
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.kind === 'reset') {
    req.raw.socket.destroy();
    return { status: 0 };
  }
  if (fault.status) return jsonReply(fault.status, { message: `simulated fault (${fault.kind})` });
  if (fault.kind === 'delay') return undefined;
  return jsonReply(500, { message: `simulated fault (${fault.kind})` });
}

/** After the work took effect: a late answer (undefined, send it) or a lost one (`{status: 0}`). */
export async function afterApply(
  req: SimRequest,
  fault: FiredFault | undefined,
): Promise<SimReply | undefined> {
  if (!fault || !appliesFirst(fault)) return undefined;
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.kind !== 'lost-reply') return undefined;
  req.raw.socket.destroy();
  return { status: 0 };
}

export async function namedFault(
  ctx: SimContext,
  req: SimRequest,
  point: string,
): Promise<SimReply | undefined> {
  return applyFault(req, ctx.faults.fire(point));
}
