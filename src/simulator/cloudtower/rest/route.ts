// The REST layer `/v2/api/*`: every call is POST with a JSON body, authenticated with
// `Authorization: <token>` (except login). This wrapper brings the state machines up to date,
// authenticates, parses and validates the body and turns thrown errors into ErrorBody replies.
import type { z } from 'zod';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { authenticate } from '../auth.js';
import { advanceAll } from '../advance.js';
import type { CloudTowerSimOptions } from '../options.js';
import { jsonReply, restError } from '../replies.js';
import { parseJsonBody, parseWith } from '../validate.js';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RestCall<T> {
  body: T;
  req: SimRequest;
  ctx: SimContext;
}

export function restRoute<T>(
  options: CloudTowerSimOptions,
  spec: {
    op: string;
    auth: boolean;
    schema: z.ZodType<T>;
    handle(call: RestCall<T>): unknown;
  },
): SimRoute {
  const path = `/v2/api/${spec.op}`;
  return {
    method: 'POST',
    pattern: path,
    name: `cloudtower.rest.${spec.op}`,
    async handler(req, ctx): Promise<SimReply> {
      await advanceAll(ctx);
      if (spec.auth) {
        const auth = authenticate(ctx, options, req, { token: true, cookie: false });
        if (!auth.ok) {
          const message = auth.reason === 'expired' ? 'token expired' : 'Unauthorized';
          return restError(path, 401, 'Unauthorized', message);
        }
      }
      let raw: unknown;
      try {
        raw = parseJsonBody(await req.buffer());
      } catch {
        return restError(path, 400, 'BadRequest', 'request body is not valid JSON');
      }
      const parsed = parseWith(spec.schema, raw ?? {}, 'body');
      if (!parsed.ok) return restError(path, 400, 'InvalidParams', parsed.message);
      try {
        const out = await spec.handle({ body: parsed.value, req, ctx });
        return jsonReply(200, out);
      } catch (err) {
        if (err instanceof RestError) return restError(path, err.status, err.code, err.message);
        throw err;
      }
    },
  };
}
