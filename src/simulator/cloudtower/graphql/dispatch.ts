// `POST /api`: CloudTower's GraphQL endpoint, dispatched by `operationName`. JSON bodies carry
// `{ operationName, variables, query }`; multipart bodies follow the GraphQL multipart request
// convention and go to the upload handler. Errors follow Apollo: malformed requests and bad
// variables get HTTP 400 with `errors`, resolver failures (auth included) HTTP 200 with
// `errors` and `data: null`.
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { advanceAll } from '../advance.js';
import { authenticate } from '../auth.js';
import { namedFault } from '../fault.js';
import { boundaryOf } from '../multipart.js';
import type { CloudTowerSimOptions } from '../options.js';
import { gqlFieldError, gqlRequestError, jsonReply } from '../replies.js';
import { towerState } from '../store.js';
import { describeIssues, parseJsonBody } from '../validate.js';
import { GqlError, type GqlOperation } from './types.js';
import { setupOps } from './ops-setup.js';
import { clusterOps } from './ops-cluster.js';
import { obsOps } from './ops-obs.js';
import { backupOps } from './ops-backup.js';
import { handleMultipartUpload } from '../backup/upload.js';

export const graphqlOperations: GqlOperation[] = [...setupOps, ...clusterOps, ...obsOps, ...backupOps];

const byName = new Map(graphqlOperations.map((op) => [op.name, op]));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs one operation from already-parsed `{ operationName, variables, query }`. */
export async function runOperation(
  ctx: SimContext,
  req: SimRequest,
  options: CloudTowerSimOptions,
  body: unknown,
): Promise<SimReply> {
  if (!isRecord(body)) return gqlRequestError('POST body must be a JSON object', 'BAD_REQUEST');
  const query = body.query;
  if (typeof query !== 'string' || query.trim() === '') {
    return gqlRequestError(
      'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
      'BAD_REQUEST',
    );
  }
  const name = body.operationName;
  if (typeof name !== 'string' || name === '') {
    return gqlRequestError(
      'Must provide operation name if query contains multiple operations.',
      'GRAPHQL_VALIDATION_FAILED',
    );
  }
  const op = byName.get(name);
  if (!op || !new RegExp(`\\b(query|mutation)\\s+${name}\\b`).test(query)) {
    return gqlRequestError(`Unknown operation named "${name}".`, 'GRAPHQL_VALIDATION_FAILED');
  }
  const fault = await namedFault(ctx, req, `cloudtower.graphql.${name}`);
  if (fault) return fault;

  const needsSession =
    op.auth === 'session' || (op.auth === 'setup' && towerState(ctx).organizations.length > 0);
  let session;
  if (needsSession || op.auth !== 'none') {
    const auth = authenticate(ctx, options, req, { token: true, cookie: true });
    if (auth.ok) session = auth.session;
    else if (needsSession) {
      const message = auth.reason === 'expired' ? 'Token expired, please login again' : 'Not Authorised!';
      return gqlFieldError(op.field, message, 'UNAUTHENTICATED');
    }
  }

  const vars = op.variables.safeParse(body.variables ?? {});
  if (!vars.success) {
    return gqlRequestError(
      `Variable got invalid value: ${describeIssues(vars.error, '$variables')}`,
      'BAD_USER_INPUT',
    );
  }
  const headers: Record<string, string | string[]> = {};
  try {
    const data = await op.resolve({ vars: vars.data, query, ctx, req, options, session, headers });
    return jsonReply(200, { data }, headers);
  } catch (err) {
    if (err instanceof GqlError) return gqlFieldError(op.field, err.message, err.code);
    throw err;
  }
}

export function graphqlRoute(options: CloudTowerSimOptions): SimRoute {
  return {
    method: 'POST',
    pattern: '/api',
    name: 'cloudtower.graphql',
    async handler(req, ctx) {
      await advanceAll(ctx);
      const contentType = req.headers['content-type'];
      if (contentType && /^\s*multipart\//i.test(contentType)) {
        const boundary = boundaryOf(contentType);
        if (!boundary) return gqlRequestError('multipart/form-data without a boundary', 'BAD_REQUEST');
        return handleMultipartUpload(ctx, req, options, boundary);
      }
      let body: unknown;
      try {
        body = parseJsonBody(await req.buffer());
      } catch {
        return gqlRequestError('POST body sent invalid JSON.', 'BAD_REQUEST');
      }
      return runOperation(ctx, req, options, body);
    },
  };
}
