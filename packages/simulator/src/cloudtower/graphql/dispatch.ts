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
import { frameworks } from '../../core/evidence.js';
import { execute, GraphQLError } from 'graphql';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { handleMultipartUpload } from '../backup/upload.js';
import { advanceAll } from '../advance.js';
import { authenticate } from '../auth.js';
import { afterApply, applyFault } from '../fault.js';
import { boundaryOf } from '../../core/multipart.js';
import type { CloudTowerSimOptions } from '../options.js';
import { gqlRequestError, jsonReply } from '../replies.js';
import type { Session } from '../runtime.js';
import { towerState } from '../store.js';
import { describeIssues, isRecord, parseJsonBody } from '../validate.js';
import { backupFields } from './ops-backup.js';
import { clusterFields } from './ops-cluster.js';
import { obsFields } from './ops-obs.js';
import { setupFields } from './ops-setup.js';
import { towerSchema } from './schema.js';
import { formatError, prepareDocument, requestErrors, withoutTypename } from './document.js';
import { GqlError, type GqlField } from './types.js';

const graphqlFields: GqlField[] = [...setupFields, ...clusterFields, ...obsFields, ...backupFields];

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

/** Runs one request from already-parsed `{ operationName, variables, query }`. */
async function runOperation(
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
  // slow-create / lost-reply act after the operation ran (afterApply below); the others before it.
  const fired = ctx.faults.fire(`cloudtower.graphql.${name}`);
  const refused = await applyFault(req, fired);
  if (refused) return refused;

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
  return (await afterApply(req, fired)) ?? jsonReply(200, out, ec.headers);
}

export function graphqlRoute(options: CloudTowerSimOptions): SimRoute {
  const missing = unresolvedRootFields();
  if (missing.length > 0) throw new Error(`GraphQL root fields without a resolver: ${missing.join(', ')}`);
  return {
    method: 'POST',
    pattern: '/api',
    name: 'cloudtower.graphql',
    request: {
      body: 'graphql',
      unknownKeys: 'refuse',
      unknownKeysSource: frameworks.graphqlInput,
      refusals: [
        {
          status: 400,
          message: 'Variable got invalid value: <arg>.<field>: <issue>',
          source: frameworks.graphqlInput,
        },
        {
          status: 400,
          message: 'multipart/form-data without a boundary',
          source: frameworks.multipartBoundary,
        },
      ],
    },
    async handler(req, ctx) {
      await advanceAll(ctx);
      const contentType = req.headers['content-type'];
      if (contentType && /^\s*multipart\//i.test(contentType)) {
        const boundary = boundaryOf(contentType);
        if (!boundary) return gqlRequestError('multipart/form-data without a boundary', 'BAD_REQUEST');
        return handleMultipartUpload(ctx, req, options, contentType);
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
