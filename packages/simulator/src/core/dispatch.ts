// Turns an HTTP request on one machine into a route call: match, faults, auth-free plumbing,
// errors as envelopes, the reply, and one line in the request log (no bodies, no query strings,
// so no password or token ever lands there).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MachineInfo, SimContext, SimReply, SimRequest } from './contract.js';
import { readBody, readJson } from './body.js';
import { fail, SimBadRequest } from './envelope.js';
import { afterApplyKinds, type FaultEngine } from './faults.js';
import type { Router } from './router.js';
import { logRequest } from './state.js';
import { UnsourcedRefusal } from './request-body.js';
import { checkRequest, refusalFor, type Scheme } from './strictness.js';

interface DispatchDeps {
  router: Router;
  faults: FaultEngine;
  ctx: SimContext;
  /** Called when an `expire-tokens` fault fires. */
  expireTokens(): void;
  /** Requests left hanging by a `hang` fault, destroyed on stop. */
  hanging: Set<ServerResponse>;
}

export function dispatcher(deps: DispatchDeps, machine: MachineInfo, scheme: Scheme) {
  return (raw: IncomingMessage, res: ServerResponse): void => {
    void handle(deps, machine, scheme, raw, res);
  };
}

async function handle(
  deps: DispatchDeps,
  machine: MachineInfo,
  scheme: Scheme,
  raw: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(raw.url ?? '/', 'http://sim');
  const method = (raw.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const matched = deps.router.match(machine.role, method, path);
  const routeName = 'route' in matched ? matched.route.name : undefined;
  const verdict = checkRequest({ routeName, method, path, headers: raw.headers, machine, scheme });
  const marks = 'lenient' in verdict ? [...verdict.lenient] : [];
  const log = (status: number) => {
    const lenient = marks.length > 0 ? marks : undefined;
    // The Host header is kept (not secret) so tests can check the orchestrator names the plan address.
    const entry = {
      at: deps.ctx.clock.now(),
      machine: machine.planAddress,
      method,
      path,
      route: routeName,
      status,
      host: raw.headers.host,
      scheme,
      ...(lenient ? { lenient } : {}),
    };
    logRequest(deps.ctx.state, entry);
  };

  const fault = deps.faults.check({
    point: routeName ?? path,
    path,
    method,
    machine: [machine.planAddress, machine.loopback],
  });
  if (fault?.kind === 'delay' && fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault?.kind === 'expire-tokens') deps.expireTokens();
  if (fault?.kind === 'reset') {
    log(0);
    raw.socket.destroy();
    return;
  }
  if (fault?.kind === 'hang') {
    log(0);
    deps.hanging.add(res);
    return;
  }
  if (fault?.kind === 'status' || fault?.kind === 'fail') {
    raw.resume();
    const status = fault.status ?? 500;
    sendReply(res, fail(status, fault.ec ?? 'ESIM_INJECTED', fault.message ?? 'injected fault'));
    log(status);
    return;
  }

  if ('refuse' in verdict) {
    raw.resume();
    sendReply(res, verdict.refuse);
    log(verdict.refuse.status);
    return;
  }

  if (!('route' in matched)) {
    raw.resume();
    const reply = matched.methodMismatch
      ? fail(405, 'EMETHOD_NOT_ALLOWED', `method ${method} not allowed on ${path}`)
      : fail(404, 'ENOT_FOUND', `no such endpoint: ${path}`);
    sendReply(res, reply);
    log(reply.status);
    return;
  }

  const req: SimRequest = {
    method,
    path,
    params: matched.params,
    query: url.searchParams,
    headers: raw.headers,
    machine,
    raw,
    json: () => readJson(raw),
    buffer: () => readBody(raw),
    rules: matched.route.request,
    lenient: (reason) => {
      if (!marks.includes(reason)) marks.push(reason);
    },
  };
  let reply: SimReply;
  try {
    reply = await matched.route.handler(req, deps.ctx);
  } catch (err) {
    if (err instanceof SimBadRequest)
      reply =
        err.ec === 'EBAD_REQUEST' && routeName
          ? refusalFor(routeName, path, err.status, err.message)
          : fail(err.status, err.ec, err.message);
    else {
      // A refusal without a recorded source is the simulator's defect, never the client's.
      if (err instanceof UnsourcedRefusal) deps.ctx.log('unsourced-refusal', { route: routeName });
      deps.ctx.log('handler-error', { route: routeName, error: (err as Error).message });
      reply = fail(500, 'EINTERNAL', 'internal error');
    }
  }
  // A handler that did not read its body would leave the connection unusable for keep-alive.
  if (!raw.readableEnded) raw.resume();
  if (fault && afterApplyKinds.includes(fault.kind)) {
    // Applied already; the answer is late or lost (a slow appliance, a dropped connection).
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.kind === 'lost-reply') {
      log(0);
      raw.socket.destroy();
      return;
    }
  }
  sendReply(res, reply);
  log(reply.status);
}

/** Writes a SimReply: JSON bodies, buffers or streams (also used by the service modules' test harness). */
export function sendReply(res: ServerResponse, reply: SimReply): void {
  if (reply.status === 0 || res.destroyed || res.headersSent) return;
  const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
  if (reply.stream) {
    res.writeHead(reply.status, headers);
    reply.stream.pipe(res);
    return;
  }
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
