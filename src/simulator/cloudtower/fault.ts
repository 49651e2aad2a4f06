// Faults for points the core cannot see: GraphQL operations share one route (`POST /api`), so the
// dispatcher asks for `cloudtower.graphql.<operationName>` itself, and upload parts ask for
// `chunk:obs:<n>` / `chunk:backup:<n>`. A fault with `delayMs` delays the answer; one with
// `status` answers that status; kind `reset` drops the connection.
import { setTimeout as delay } from 'node:timers/promises';
import type { SimContext, SimReply, SimRequest } from '../core/contract.js';
import { jsonReply } from './replies.js';

export interface FiredFault {
  kind: string;
  status?: number;
  delayMs?: number;
}

/** Applies a fired fault; returns the reply to send instead, or undefined to carry on. */
export async function applyFault(
  req: SimRequest,
  fault: FiredFault | undefined,
): Promise<SimReply | undefined> {
  if (!fault) return undefined;
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.kind === 'reset') {
    req.raw.socket.destroy();
    return { status: 500 };
  }
  if (fault.status) return jsonReply(fault.status, { message: `simulated fault (${fault.kind})` });
  if (fault.kind === 'delay' || fault.kind === 'slow') return undefined;
  return jsonReply(500, { message: `simulated fault (${fault.kind})` });
}

export async function namedFault(
  ctx: SimContext,
  req: SimRequest,
  point: string,
): Promise<SimReply | undefined> {
  return applyFault(req, ctx.faults.fire(point));
}
