// The admin HTTP endpoint on 127.0.0.1: state for tests, fault control at runtime.
//   GET  /__sim/state      everything created + request log + machines + fired faults
//   GET  /__sim/faults     the current rules and their counters
//   PUT  /__sim/faults     replace the rules (same JSON as --faults; 400 with the zod issues otherwise)
//   GET  /__sim/endpoints  the endpoint map
//   GET  /__sim/clock      site time: simulated seconds since start and since each mark
//   PUT  /__sim/clock      {"mark":"<name>"} sets a mark at the current simulated time
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJson } from './body.js';
import { describeIssues } from './envelope.js';
import { faultFileSchema, type FaultEngine } from './faults.js';
import type { ScaledClock } from './clock.js';
import { z } from 'zod';

interface AdminDeps {
  snapshot(): Promise<unknown>;
  endpointMap(): unknown;
  faults: FaultEngine;
  clock: ScaledClock;
}

const markSchema = z.object({ mark: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) }).strict();

export interface AdminServer {
  url: string;
  address: string;
  close(): Promise<void>;
}

export async function startAdmin(deps: AdminDeps, port = 0, host = '127.0.0.1'): Promise<AdminServer> {
  const server = http.createServer((req, res) => {
    void route(deps, req).then(
      ({ status, body }) => {
        const payload = JSON.stringify(body);
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        });
        res.end(payload);
      },
      (err: Error) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: err.message }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, resolve);
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${host}:${addr.port}`,
    address: `${host}:${addr.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(deps: AdminDeps, req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  const path = new URL(req.url ?? '/', 'http://admin').pathname;
  if (req.method === 'GET' && path === '/__sim/state') return { status: 200, body: await deps.snapshot() };
  if (req.method === 'GET' && path === '/__sim/endpoints') return { status: 200, body: deps.endpointMap() };
  if (req.method === 'GET' && path === '/__sim/faults') {
    return { status: 200, body: { ...deps.faults.current, counters: deps.faults.counters() } };
  }
  if (req.method === 'PUT' && path === '/__sim/faults') {
    const parsed = faultFileSchema.safeParse(await readJson(req));
    if (!parsed.success) return { status: 400, body: { error: describeIssues(parsed.error.issues) } };
    deps.faults.load(parsed.data);
    return { status: 200, body: deps.faults.current };
  }
  if (req.method === 'GET' && path === '/__sim/clock') return { status: 200, body: deps.clock.report() };
  if (req.method === 'PUT' && path === '/__sim/clock') {
    const parsed = markSchema.safeParse(await readJson(req));
    if (!parsed.success) return { status: 400, body: { error: describeIssues(parsed.error.issues) } };
    deps.clock.mark(parsed.data.mark);
    return { status: 200, body: deps.clock.report() };
  }
  return { status: 404, body: { error: `no such admin endpoint: ${req.method} ${path}` } };
}
