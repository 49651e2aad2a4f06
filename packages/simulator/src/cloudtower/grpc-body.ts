// The JSON body of a gRPC-gateway call (the inspection center, the OBS upload service) checked
// against its schema; otherwise the reply the gateway gives (invalidArgument).
import type { z } from 'zod';
import type { SimReply, SimRequest } from '../core/contract.js';
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
