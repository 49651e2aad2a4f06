// Issue 22 point 1: the simulator serves what no source says a real appliance refuses, but marks such
// a request `lenient` in its request log (packages/simulator/src/core/strictness.ts and the routes'
// body rules). Our own client must never rely on that goodwill, so every test that runs it against
// the simulator ends with `assertNoLenientPath`; a test that sends a lenient request on purpose
// names the exact marks it expects with `assertLenientMarks`. A failure lists each lenient request
// by route and what was lenient, so it reads as a finding, not as a diff of the whole log.
// In a suite, register the check's `after` hook after the teardown's: node:test runs no later hook
// once one fails, and the in-process request log outlives the simulator's stop.
import assert from 'node:assert/strict';

/** One entry of the simulator's request log (`SimState.requests`, GET /__sim/state). */
export interface LoggedRequest {
  machine: string;
  method: string;
  path: string;
  route?: string;
  status: number;
  lenient?: string[];
}

export type LenientRequest = LoggedRequest & { lenient: string[] };

/**
 * Where the request log is read: an in-process simulator (its state), a simulator in another process
 * (its admin URL), or a log already fetched.
 */
export type RequestLogSource =
  { state: { requests: readonly LoggedRequest[] } } | { adminUrl: string } | readonly LoggedRequest[];

export async function requestLog(source: RequestLogSource): Promise<readonly LoggedRequest[]> {
  if (Array.isArray(source)) return source as readonly LoggedRequest[];
  if ('state' in source) return source.state.requests;
  const { adminUrl } = source as { adminUrl: string };
  const res = await fetch(`${adminUrl}/__sim/state`);
  assert.equal(res.status, 200, `GET ${adminUrl}/__sim/state`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

export function lenientRequests(requests: readonly LoggedRequest[]): LenientRequest[] {
  return requests.filter((r): r is LenientRequest => Array.isArray(r.lenient) && r.lenient.length > 0);
}

/** `route [marks]` of one lenient request: what the assertions compare. */
const markOf = (r: LenientRequest) => `${r.route ?? '(no route)'} [${r.lenient.join(', ')}]`;

/** One line per distinct route and marks, with how often and one example request. */
export function describeLenient(requests: readonly LenientRequest[]): string {
  const groups = new Map<string, { count: number; first: LenientRequest }>();
  for (const r of requests) {
    const g = groups.get(markOf(r));
    if (g) g.count++;
    else groups.set(markOf(r), { count: 1, first: r });
  }
  return [...groups]
    .map(
      ([mark, { count, first }]) =>
        `  ${mark} ×${count}, e.g. ${first.method} ${first.path} on ${first.machine} → ${first.status}`,
    )
    .join('\n');
}

/** Our client took no path the simulator serves only leniently. */
export async function assertNoLenientPath(source: RequestLogSource, who = 'our client'): Promise<void> {
  const lenient = lenientRequests(await requestLog(source));
  assert.equal(
    lenient.length,
    0,
    `${who} sent ${lenient.length} request(s) the simulator served only leniently ` +
      `(issue 22; docs/simulator-strictness.md):\n${describeLenient(lenient)}`,
  );
}

/**
 * A test that sends lenient requests on purpose: exactly these requests were marked, one entry per
 * request with its route and all its marks (in any order of requests), nothing else.
 */
export async function assertLenientMarks(
  source: RequestLogSource,
  expected: readonly { route: string; lenient: readonly string[] }[],
): Promise<void> {
  const lenient = lenientRequests(await requestLog(source));
  const seen = lenient.map(markOf).sort();
  const want = expected.map((e) => `${e.route} [${e.lenient.join(', ')}]`).sort();
  assert.deepEqual(seen, want, `lenient requests in the simulator's log:\n${describeLenient(lenient)}`);
}
