// Reply builders for the three API families behind the CloudTower address, each with the error
// envelope its real server uses:
// - REST `/v2/api/*` (CloudTower's OpenAPI layer): `ErrorBody` — `{ path, status, message, props }` as
//   the SDKs' OpenAPI model declares it (path, status, message required), plus the `code` naming
//   the failure (`DuplicateName`, `InvalidParams`, …).
// - GraphQL `/api`: `{ errors: [{ message, path?, extensions: { code } }], data }`.
// - ovm-operator and inspector (grpc-gateway services): `{ code, message, details }` where `code`
//   is the gRPC status number and the HTTP status follows the gateway's mapping.
import type { SimReply } from '../core/contract.js';

export function jsonReply(
  status: number,
  body: unknown,
  headers?: Record<string, string | string[]>,
): SimReply {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...(headers ?? {}) } };
}

export function restError(
  path: string,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): SimReply {
  return jsonReply(status, { path, status, props: {}, code, message }, headers);
}

/** gRPC status codes used by the gateway services, with the HTTP status grpc-gateway maps them to. */
export const grpc = {
  invalidArgument: { code: 3, http: 400 },
  notFound: { code: 5, http: 404 },
  alreadyExists: { code: 6, http: 409 },
  failedPrecondition: { code: 9, http: 400 },
  internal: { code: 13, http: 500 },
  unavailable: { code: 14, http: 503 },
  unauthenticated: { code: 16, http: 401 },
} as const;

export function grpcError(kind: { code: number; http: number }, message: string): SimReply {
  return jsonReply(kind.http, { code: kind.code, message, details: [] });
}

/** Request-level GraphQL failure (parse/validation/variables): HTTP 400 and no `data`, as Apollo does. */
export function gqlRequestError(message: string, code: string): SimReply {
  return jsonReply(400, { errors: [{ message, extensions: { code } }] });
}

/** Resolver-level GraphQL failure: HTTP 200, `data: null`, one error naming the field. */
export function gqlFieldError(field: string, message: string, code: string): SimReply {
  return jsonReply(200, { errors: [{ message, path: [field], extensions: { code } }], data: null });
}
