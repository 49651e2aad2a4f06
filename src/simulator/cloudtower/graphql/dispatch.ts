// `POST /api`: CloudTower's GraphQL endpoint. A JSON body `{ operationName?, variables?, query }`
// is parsed with graphql-js, validated against our SDL of CloudTower's schema (schema.ts) and
// executed with one resolver per root field (ops-*.ts) over the simulator's store: the answer
// holds exactly the selected fields (aliases, fragments, variables, nested relations).
// Multipart bodies follow the GraphQL multipart request convention and go to the upload handler.
//
// Errors follow Apollo Server, which CloudTower runs: a document that does not parse or validate,
// an unknown operation and variables that do not fit their types answer HTTP 400 with `errors`
// and no `data`; resolver failures (auth included) answer HTTP 200 with `errors` carrying `path`
// and `locations`, and `data` nulled as far as the schema's non-null types require.
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { execute } from 'graphql';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { handleMultipartUpload } from '../backup/upload.js';
import { advanceAll } from '../advance.js';
import { authenticate } from '../auth.js';
import { namedFault } from '../fault.js';
import { boundaryOf } from '../multipart.js';
import type { CloudTowerSimOptions } from '../options.js';
import { gqlRequestError, jsonReply } from '../replies.js';
import type { Session } from '../runtime.js';
import { towerState } from '../store.js';
import { describeIssues, parseJsonBody } from '../validate.js';
import { backupFields } from './ops-backup.js';
import { clusterFields } from './ops-cluster.js';
import { obsFields } from './ops-obs.js';
import { setupFields } from './ops-setup.js';
import { towerSchema } from './schema.js';
import { GqlError, type GqlField } from './types.js';

export const graphqlFields: GqlField[] = [...setupFields, ...clusterFields, ...obsFields, ...backupFields];

/** Every root field of the schema has exactly one definition (checked when the route is built). */
export function unresolvedRootFields(): string[] {
  const defined = new Set(graphqlFields.map((f) => f.field));
  const schema = towerSchema();
  const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
    t ? Object.keys(t.getFields()) : [],
  );
  const dupes = graphqlFields.filter((f, i) => graphqlFields.findIndex((g) => g.field === f.field) !== i);
  return [...roots.filter((r) => !defined.has(r)), ...dupes.map((d) => `${d.field} (twice)`)];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Variable/argument values that break a semantic rule: a request-level 400, like bad variables. */
class InputError extends Error {}

interface ExecContext {
  ctx: SimContext;
  req: SimRequest;
  options: CloudTowerSimOptions;
  headers: Record<string, string | string[]>;
  /** Authentication is checked once per request, when the first field needs it. */
  auth?: { session?: Session; expired: boolean };
}

function sessionOf(ec: ExecContext): { session?: Session; expired: boolean } {
  if (!ec.auth) {
    const auth = authenticate(ec.ctx, ec.options, ec.req, { token: true, cookie: true });
    ec.auth = auth.ok ? { session: auth.session, expired: false } : { expired: auth.reason === 'expired' };
  }
  return ec.auth;
}

/** Plain JSON copies of coerced arguments (graphql-js may build them without a prototype). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Browsers' Apollo client sends variables copied from earlier answers, `__typename` included
 * (seed 003's updateGlobalAlertRule thresholds); CloudTower accepts them, so it is dropped here
 * rather than declared on every input type (GraphQL forbids `__` names in a schema).
 */
function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '__typename') out[k] = withoutTypename(v);
  return out;
}

async function resolveField(def: GqlField, rawArgs: unknown, ec: ExecContext): Promise<unknown> {
  const { ctx } = ec;
  const needsSession =
    def.auth === 'session' || (def.auth === 'setup' && towerState(ctx).organizations.length > 0);
  let session: Session | undefined;
  if (def.auth !== 'none') {
    const auth = sessionOf(ec);
    session = auth.session;
    if (!session && needsSession) {
      const message = auth.expired ? 'Token expired, please login again' : 'Not Authorised!';
      throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
    }
  }
  const parsed = def.args.safeParse(plain(rawArgs) ?? {});
  if (!parsed.success) {
    throw new InputError(`Variable got invalid value: ${describeIssues(parsed.error, def.field)}`);
  }
  try {
    return await def.resolve({
      args: parsed.data,
      ctx,
      req: ec.req,
      options: ec.options,
      session,
      headers: ec.headers,
    });
  } catch (err) {
    if (err instanceof GqlError) throw new GraphQLError(err.message, { extensions: { code: err.code } });
    throw err;
  }
}

/** The root value: each root field resolves through its definition. */
function rootValue(ec: ExecContext): Record<string, (args: unknown) => Promise<unknown>> {
  const root: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const def of graphqlFields) root[def.field] = (args) => resolveField(def, args, ec);
  return root;
}

function formatError(e: GraphQLError): Record<string, unknown> {
  const code = typeof e.extensions.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
  const internal =
    code === 'INTERNAL_SERVER_ERROR' && !!e.originalError && !(e.originalError instanceof GraphQLError);
  return {
    // A resolver bug is not the client's business; Apollo hides it the same way in production.
    message: internal ? 'Internal server error' : e.message,
    ...(e.locations ? { locations: e.locations } : {}),
    ...(e.path ? { path: e.path } : {}),
    extensions: { code },
  };
}

function requestErrors(errors: readonly GraphQLError[], code: string): SimReply {
  return jsonReply(400, {
    errors: errors.map((e) => ({
      message: e.message,
      ...(e.locations ? { locations: e.locations } : {}),
      extensions: { code },
    })),
  });
}

export type Prepared =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; name: string }
  | { ok: false; reply: SimReply };

/** Parses and validates a query and picks the operation to run (shared with multipart uploads). */
export function prepareDocument(query: unknown, operationName: unknown): Prepared {
  if (typeof query !== 'string' || query.trim() === '') {
    return {
      ok: false,
      reply: gqlRequestError(
        'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
        'BAD_REQUEST',
      ),
    };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return {
      ok: false,
      reply: gqlRequestError('`operationName` in a POST body must be a string', 'BAD_REQUEST'),
    };
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (err) {
    if (err instanceof GraphQLError)
      return { ok: false, reply: requestErrors([err], 'GRAPHQL_PARSE_FAILED') };
    throw err;
  }
  const invalid = validate(towerSchema(), document);
  if (invalid.length > 0) return { ok: false, reply: requestErrors(invalid, 'GRAPHQL_VALIDATION_FAILED') };
  const operation = getOperationAST(document, operationName || undefined);
  if (!operation) {
    const message = operationName
      ? `Unknown operation named "${operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, reply: gqlRequestError(message, 'GRAPHQL_VALIDATION_FAILED') };
  }
  return { ok: true, document, operation, name: operation.name?.value ?? (operationName || 'anonymous') };
}

/** Runs one request from already-parsed `{ operationName, variables, query }`. */
export async function runOperation(
  ctx: SimContext,
  req: SimRequest,
  options: CloudTowerSimOptions,
  body: unknown,
): Promise<SimReply> {
  if (!isRecord(body)) return gqlRequestError('POST body must be a JSON object', 'BAD_REQUEST');
  const prepared = prepareDocument(body.query, body.operationName);
  if (!prepared.ok) return prepared.reply;
  const { document, operation, name } = prepared;
  if (body.variables !== undefined && body.variables !== null && !isRecord(body.variables)) {
    return gqlRequestError('`variables` in a POST body should be an object', 'BAD_REQUEST');
  }
  const fault = await namedFault(ctx, req, `cloudtower.graphql.${name}`);
  if (fault) return fault;

  const ec: ExecContext = { ctx, req, options, headers: {} };
  const result = await execute({
    schema: towerSchema(),
    document,
    operationName: operation.name?.value,
    variableValues: withoutTypename(body.variables ?? {}) as Record<string, unknown>,
    rootValue: rootValue(ec),
  });
  const errors = result.errors ?? [];
  // No `data` at all: the variables did not fit their declared types.
  if (!('data' in result) || result.data === undefined) return requestErrors(errors, 'BAD_USER_INPUT');
  const input = errors.find((e) => e.originalError instanceof InputError);
  if (input) return gqlRequestError(input.message, 'BAD_USER_INPUT');
  for (const e of errors) {
    if (!(e.originalError instanceof GraphQLError) && e.originalError) {
      ctx.log('cloudtower.graphql-resolver-error', { operation: name, error: e.originalError.message });
    }
  }
  const out =
    errors.length > 0 ? { errors: errors.map(formatError), data: result.data } : { data: result.data };
  return jsonReply(200, out, ec.headers);
}

export function graphqlRoute(options: CloudTowerSimOptions): SimRoute {
  const missing = unresolvedRootFields();
  if (missing.length > 0) throw new Error(`GraphQL root fields without a resolver: ${missing.join(', ')}`);
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
