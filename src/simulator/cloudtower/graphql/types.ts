// What one GraphQL operation (dispatched by `operationName`) declares: its root field (for error
// paths), who may call it, its variables schema and the resolver producing `data`.
import type { z } from 'zod';
import type { SimContext, SimRequest } from '../../core/contract.js';
import type { CloudTowerSimOptions } from '../options.js';
import type { Session } from '../runtime.js';

/**
 * - `none`: open (setup and login calls).
 * - `setup`: open while CloudTower has no organization yet (first-run wizard), then `session`.
 * - `session`: `Authorization: <token>` or the `connect.sid` cookie.
 */
export type GqlAuth = 'none' | 'setup' | 'session';

export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface GqlCall<V> {
  vars: V;
  /** The operation's query text (e.g. to see `effect: {encoded: true}`). */
  query: string;
  ctx: SimContext;
  req: SimRequest;
  options: CloudTowerSimOptions;
  session?: Session;
  /** Headers to add to the reply (login's Set-Cookie). */
  headers: Record<string, string | string[]>;
}

export interface GqlOperation<V = unknown> {
  name: string;
  field: string;
  auth: GqlAuth;
  variables: z.ZodType<V>;
  resolve(call: GqlCall<V>): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** Keeps the variables type of each operation while collecting them in one list. */
export function defineOp<V>(op: GqlOperation<V>): GqlOperation {
  return op;
}
