// The JSON body of a gRPC-gateway call (the inspection center, the OBS upload service) checked
// against its schema; otherwise the reply the gateway gives (invalidArgument). Unknown keys are
// dropped, as grpc-gateway's default unmarshaler does (the schemas are stripping objects).
import type { z } from 'zod';
import type { SimReply, SimRequest } from '../core/contract.js';
import { frameworks, type RequestRules, type Source } from '../core/evidence.js';
import { grpc, grpcError } from './replies.js';
import { parseJsonBody, parseWith } from './validate.js';

export async function grpcBody<T>(
  req: SimRequest,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: SimReply }> {
  let raw: unknown;
  try {
    raw = parseJsonBody(await req.buffer());
  } catch {
    return { ok: false, reply: grpcError(grpc.invalidArgument, 'request body is not valid JSON') };
  }
  const parsed = parseWith(schema, raw ?? {}, 'body');
  return parsed.ok ? parsed : { ok: false, reply: grpcError(grpc.invalidArgument, parsed.message) };
}

/**
 * Rules of a grpc-gateway JSON call: unknown keys dropped, a value of the wrong type refused
 * (protojson), and a field refused when missing only where a seed line shows it sent.
 */
export function grpcRules(required: { field: string; source: Source }[]): RequestRules {
  return {
    body: 'json',
    unknownKeys: 'drop',
    unknownKeysSource: frameworks.grpcGatewayDiscard,
    refusals: [
      { status: 400, message: 'body.<field>: expected <type>', source: frameworks.protojsonTypes },
      ...required.map((r) => ({ status: 400, message: `body.${r.field}: required`, source: r.source })),
    ],
  };
}
