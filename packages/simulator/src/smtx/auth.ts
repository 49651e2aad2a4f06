// Who may call what. The deployment API takes the fixed token of seed 003; every other Fisheye v2
// call needs a live session token in `x-smartx-token` and a deployed cluster.
import type { SimReply, SimRequest } from '../core/contract.js';
import { fail } from '../core/envelope.js';
import { deploymentToken } from './options.js';
import type { SmtxWorld } from './world.js';

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function requireDeploymentToken(req: SimRequest): SimReply | undefined {
  if (header(req, 'x-smartx-token') !== deploymentToken) {
    return fail(401, 'EUNAUTHORIZED', 'missing or invalid x-smartx-token');
  }
  return undefined;
}

function requireSession(world: SmtxWorld, req: SimRequest): SimReply | undefined {
  if (!world.state.cluster.deployed) return fail(503, 'ESERVICE_UNAVAILABLE', 'cluster is not deployed yet');
  if (!world.validToken(header(req, 'x-smartx-token'))) {
    return fail(
      401,
      'EUNAUTHORIZED',
      'token is missing, invalid or expired; log in again with POST /api/v3/sessions',
    );
  }
  return undefined;
}

/** Wraps a handler so it runs only with a valid session. */
export function authed(world: SmtxWorld, handler: (req: SimRequest) => Promise<SimReply>) {
  return async (req: SimRequest): Promise<SimReply> => requireSession(world, req) ?? handler(req);
}
