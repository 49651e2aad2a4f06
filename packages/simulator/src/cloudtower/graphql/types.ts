// What one root field of the schema (Query or Mutation) declares: who may call it, a zod schema
// for the semantic checks GraphQL types cannot express (IPv4 addresses, decimal byte counts, …)
// and the resolver producing its value. The value is a node (see nodes.ts): graphql-js then answers
// exactly the fields the query selects.
import type { z } from 'zod';
import type { SimContext, SimRequest } from '../../core/contract.js';
import type { CloudTowerSimOptions } from '../options.js';
import type { Session } from '../runtime.js';

/**
 * - `none`: open (setup and login calls).
 * - `setup`: open while CloudTower has no organization yet (first-run wizard), then `session`.
 * - `session`: `Authorization: <token>` or the `connect.sid` cookie.
 */
type GqlAuth = 'none' | 'setup' | 'session';

/** A resolver failure: becomes one entry of `errors` (HTTP 200) with `extensions.code`. */
export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GqlCall<A> {
  args: A;
  ctx: SimContext;
  req: SimRequest;
  options: CloudTowerSimOptions;
  session?: Session;
  /** Headers to add to the reply (login's Set-Cookie). */
  headers: Record<string, string | string[]>;
}

export interface GqlField<A = unknown> {
  /** The root field, e.g. `globalAlertRules`. */
  field: string;
  auth: GqlAuth;
  args: z.ZodType<A>;
  resolve(call: GqlCall<A>): unknown;
}

/** Keeps the argument type of each field while collecting them in one list. */
export function defineField<A>(f: GqlField<A>): GqlField {
  return f;
}
