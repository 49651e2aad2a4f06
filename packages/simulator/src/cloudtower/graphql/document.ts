// One GraphQL document: parsed, validated against the schema, its operation picked, and (for
// answers computed outside a resolver, such as the multipart upload) executed against a given root
// value so that only the selected fields come back. Errors take Apollo Server's shapes.
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { SimReply } from '../../core/contract.js';
import { gqlRequestError, jsonReply } from '../replies.js';
import { isRecord } from '../validate.js';
import { towerSchema } from './schema.js';

/**
 * Browsers' Apollo client sends variables copied from earlier answers, `__typename` included
 * (seed 003's updateGlobalAlertRule thresholds); CloudTower accepts them, so it is dropped here
 * rather than declared on every input type (GraphQL forbids `__` names in a schema).
 */
export function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '__typename') out[k] = withoutTypename(v);
  return out;
}

export function formatError(e: GraphQLError): Record<string, unknown> {
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

export function requestErrors(errors: readonly GraphQLError[], code: string): SimReply {
  return jsonReply(400, {
    errors: errors.map((e) => ({
      message: e.message,
      ...(e.locations ? { locations: e.locations } : {}),
      extensions: { code },
    })),
  });
}

type Prepared =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; name: string }
  | { ok: false; reply: SimReply };

/**
 * Documents that parsed and passed validation, by their text: Apollo Server keeps such a store too
 * (its document cache), and a client sends the same few queries again and again. Parsing and
 * validating them anew was a fifth of the simulator's busy time with ten sites (issue 24).
 */
const validDocuments = new Map<string, DocumentNode>();
const DOCUMENT_CACHE_SIZE = 500;

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
  let document = validDocuments.get(query);
  if (document) {
    // Most recently used last: the first key is the one to evict.
    validDocuments.delete(query);
    validDocuments.set(query, document);
  } else {
    try {
      document = parse(query);
    } catch (err) {
      if (err instanceof GraphQLError)
        return { ok: false, reply: requestErrors([err], 'GRAPHQL_PARSE_FAILED') };
      throw err;
    }
    const invalid = validate(towerSchema(), document);
    if (invalid.length > 0) return { ok: false, reply: requestErrors(invalid, 'GRAPHQL_VALIDATION_FAILED') };
    validDocuments.set(query, document);
    if (validDocuments.size > DOCUMENT_CACHE_SIZE) validDocuments.delete(validDocuments.keys().next().value!);
  }
  const operation = getOperationAST(document, operationName || undefined);
  if (!operation) {
    const message = operationName
      ? `Unknown operation named "${operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, reply: gqlRequestError(message, 'GRAPHQL_VALIDATION_FAILED') };
  }
  return { ok: true, document, operation, name: operation.name?.value ?? (operationName || 'anonymous') };
}

/**
 * Answers `value` (the root field's value, already computed) through the operation's selection
 * set. `variables` must already fit their types (multipart uploads put a placeholder where the
 * file goes, as graphql-upload does).
 */
export async function answerSelected(
  prepared: Extract<Prepared, { ok: true }>,
  variables: Record<string, unknown>,
  field: string,
  value: unknown,
): Promise<SimReply> {
  const result = await execute({
    schema: towerSchema(),
    document: prepared.document,
    operationName: prepared.operation.name?.value,
    variableValues: withoutTypename(variables) as Record<string, unknown>,
    rootValue: { [field]: value },
  });
  const errors = result.errors ?? [];
  if (result.data === undefined) return requestErrors(errors, 'BAD_USER_INPUT');
  return jsonReply(
    200,
    errors.length > 0 ? { errors: errors.map(formatError), data: result.data } : { data: result.data },
  );
}
