// The REST layer `/v2/api/*`: every call is POST with a JSON body, authenticated with
// `Authorization: <token>` (except login). This wrapper brings the state machines up to date,
// authenticates, parses and validates the body and turns thrown errors into ErrorBody replies.
import type { z } from 'zod';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { cloudTowerOpenApiClosed, sdk, type Refusal } from '../../core/evidence.js';
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

interface RestCall<T> {
  body: T;
  req: SimRequest;
  ctx: SimContext;
}

/** Every REST path a route serves (all POST), so the fallback can tell a wrong method from a wrong path. */
const knownPaths = new Set<string>();

export function restRoute<T>(
  options: CloudTowerSimOptions,
  spec: {
    op: string;
    auth: boolean;
    schema: z.ZodType<T>;
    /** Refusals beyond the schema's types the handler makes, each with its source. */
    refusals?: Refusal[];
    handle(call: RestCall<T>): unknown;
  },
): SimRoute {
  const path = `/v2/api/${spec.op}`;
  knownPaths.add(path);
  return {
    method: 'POST',
    pattern: path,
    name: `cloudtower.rest.${spec.op}`,
    // The schemas follow the request types of the official SDKs (the OpenAPI document they are
    // generated from): a missing required field or another type is refused, and so is an unknown key.
    request: {
      body: 'json',
      unknownKeys: 'refuse',
      unknownKeysSource: cloudTowerOpenApiClosed,
      refusals: [
        {
          status: 400,
          message: 'InvalidParams body.<field>: <issue>',
          source: sdk(
            `cloudtower OpenAPI 4.9.0 (cloudtower-node-sdk v2.22): request body of POST /v2/api/${spec.op}`,
          ),
        },
        ...(spec.refusals ?? []),
      ],
    },
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

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Everything under `/v2/api` that no operation serves: CloudTower's ErrorBody with 404 for an
 * unknown path and 405 (`Allow: POST`) for a known path called with another method, instead of
 * the simulator core's SMTX envelope. These patterns have fewer literal segments than the real
 * routes, so they only match what nothing else does.
 */
export function restFallbackRoutes(): SimRoute[] {
  const patterns = ['/v2/api', '/v2/api/:a', '/v2/api/:a/:b', '/v2/api/:a/:b/:c'];
  return patterns.flatMap((pattern) =>
    METHODS.map((method): SimRoute => ({
      method,
      pattern,
      name: 'cloudtower.rest.unknown',
      handler(req): Promise<SimReply> {
        req.raw.resume();
        const path = req.path.replace(/\/$/, '');
        if (req.method !== 'POST' && knownPaths.has(path)) {
          return Promise.resolve(
            restError(path, 405, 'MethodNotAllowed', `Cannot ${req.method} ${path}`, { allow: 'POST' }),
          );
        }
        return Promise.resolve(restError(path, 404, 'NotFound', `Cannot ${req.method} ${path}`));
      },
    })),
  );
}
