// Reply helpers in the shapes of seed 003. Fisheye v2 wraps everything as {"ec","error","data"};
// v3 endpoints (users:setupRoot, sessions) answer bare objects and grpc-gateway style errors.
import type { SimReply } from './contract.js';

export function ok(data: unknown, status = 200): SimReply {
  return { status, body: { ec: 'EOK', error: {}, data } };
}

/** v2 error envelope: `ec` names the error class, `error.msg` says what is wrong (never a secret). */
export function fail(status: number, ec: string, msg: string, detail?: Record<string, unknown>): SimReply {
  return { status, body: { ec, error: { msg, ...(detail ? { detail } : {}) }, data: null } };
}

/** grpc-gateway style error for v3 endpoints: {"code","message","details"}. */
export function grpcFail(status: number, code: number, message: string): SimReply {
  return { status, body: { code, message, details: [] } };
}

export function json(body: unknown, status = 200): SimReply {
  return { status, body };
}

/** Thrown by body readers and validators; the server turns it into a 400 envelope. */
export class SimBadRequest extends Error {
  constructor(
    message: string,
    readonly ec = 'EBAD_REQUEST',
    readonly status = 400,
  ) {
    super(message);
  }
}

/** zod issues as one readable line naming each field path: `hosts.0.host_uuid: expected string`. */
export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
