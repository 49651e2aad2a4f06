// What every request must look like before a route sees it, per API family: the scheme and port of
// each endpoint, the `host` header naming the target, the body's content-type, and the headers the
// web UI sends (`x-user-id` on the OBS commit). A request is refused only where a source says a real
// server refuses it (`coreRefusals`, core/evidence.ts): no Host header (HTTP/1.1), a multipart call
// whose body is not multipart (no boundary, no parts). Everything else the seeds merely show
// (another scheme on a port that is open anyway, a Host naming the loopback stand-in, a JSON body
// sent under another content-type, a header the UI sends) is served but marked `lenient` in the
// request log, so tests can prove our own client never relies on the simulator's goodwill.
import type { IncomingHttpHeaders } from 'node:http';
import type { MachineInfo, SimReply } from './contract.js';
import { fail, grpcFail } from './envelope.js';
import { frameworks, type Source } from './evidence.js';

export type Scheme = 'http' | 'https';

/** The error envelope each family answers with (seed 003 and the services' real error bodies). */
type Family = 'smtx-v2' | 'smtx-v3' | 'cloudtower-rest' | 'cloudtower-graphql' | 'grpc-gateway';

type BodyKind = 'json' | 'multipart' | 'json-or-multipart' | 'any';

interface Expectation {
  family: Family;
  scheme: Scheme;
  body: BodyKind;
  /** Headers the seeds always send on this call; missing → served, marked `lenient`. */
  expectedHeaders?: string[];
}

/**
 * Route name → expectation, first match wins. Seed 003 calls the deployment API (scan, deploy,
 * deploy_status) over `http://` and deploy_verify and everything after the deploy over `https://`.
 */
const table: [RegExp, Expectation][] = [
  [/^deployment\.deploy_verify$/, { family: 'smtx-v2', scheme: 'https', body: 'json' }],
  [/^deployment\./, { family: 'smtx-v2', scheme: 'http', body: 'json' }],
  [/^fisheye\.(users\.setupRoot|sessions\.create)$/, { family: 'smtx-v3', scheme: 'https', body: 'json' }],
  [/^fisheye\.(images|svt)\.upload_chunk$/, { family: 'smtx-v2', scheme: 'https', body: 'multipart' }],
  [/^fisheye\./, { family: 'smtx-v2', scheme: 'https', body: 'json' }],
  // OvfApi of the SDKs: upload-elf-file and parse-ovf are multipart (stage 09 test VMs).
  [
    /^cloudtower\.rest\.(upload-elf-file|parse-ovf)$/,
    { family: 'cloudtower-rest', scheme: 'https', body: 'multipart' },
  ],
  [/^cloudtower\.rest\./, { family: 'cloudtower-rest', scheme: 'https', body: 'json' }],
  [/^cloudtower\.graphql$/, { family: 'cloudtower-graphql', scheme: 'https', body: 'json-or-multipart' }],
  [/^obs\.upload\.part$/, { family: 'grpc-gateway', scheme: 'https', body: 'multipart' }],
  [
    /^obs\.upload\.commit$/,
    { family: 'grpc-gateway', scheme: 'https', body: 'any', expectedHeaders: ['x-user-id'] },
  ],
  [/^(obs|inspector)\./, { family: 'grpc-gateway', scheme: 'https', body: 'json' }],
];

/** Unmatched routes and unknown paths: served as before, on either scheme. */
const fallback: Expectation = { family: 'smtx-v2', scheme: 'https', body: 'any' };

export function expectationFor(routeName: string | undefined): Expectation {
  if (!routeName) return fallback;
  for (const [re, exp] of table) if (re.test(routeName)) return exp;
  return fallback;
}

interface StrictInput {
  routeName?: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  machine: MachineInfo;
  scheme: Scheme;
}

type StrictVerdict = { refuse: SimReply } | { lenient: string[] };

/** Checks one request; a refusal carries the family's error reply, otherwise the lenient marks. */
export function checkRequest(input: StrictInput): StrictVerdict {
  const exp = expectationFor(input.routeName);
  const lenient: string[] = [];

  const host = hostCheck(input);
  if (host.refuse) return { refuse: refusal(exp.family, input.path, 400, host.refuse) };
  if (host.lenient) lenient.push(host.lenient);

  if (input.routeName && input.scheme !== exp.scheme) lenient.push(`scheme:${input.scheme}`);

  const type = bodyCheck(exp.body, input.headers);
  if (type && exp.body === 'multipart') return { refuse: refusal(exp.family, input.path, 415, type.message) };
  if (type) lenient.push(`content-type:${type.type}`);

  for (const h of exp.expectedHeaders ?? []) {
    const v = input.headers[h];
    if (typeof v !== 'string' || v.trim() === '') lenient.push(`header-missing:${h}`);
  }
  return { lenient };
}

function hostCheck(input: StrictInput): { refuse?: string; lenient?: string } {
  const raw = input.headers.host;
  // HTTP/1.1 requires a Host header; the appliances' web servers answer 400 without one.
  if (!raw) return { refuse: 'missing host header' };
  const name = hostName(raw);
  if (name === input.machine.planAddress) return {};
  // The loopback stand-in only exists in the simulator: a real site never sees it.
  if (name === input.machine.loopback || name === 'localhost') return { lenient: 'host:loopback' };
  // Seed 003 always names the target; a machine reached under another of its addresses would
  // probably still answer, but nobody has seen it: served, marked.
  return { lenient: 'host:other' };
}

function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  const colon = header.lastIndexOf(':');
  return colon > 0 && header.indexOf(':') === colon ? header.slice(0, colon) : header;
}

function bodyCheck(
  kind: BodyKind,
  headers: IncomingHttpHeaders,
): { type: string; message: string } | undefined {
  if (kind === 'any' || !hasBody(headers)) return undefined;
  const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const json = type === 'application/json';
  const multipart = type === 'multipart/form-data';
  const okType =
    kind === 'json'
      ? json
      : kind === 'multipart'
        ? multipart
        : kind === 'json-or-multipart' && (json || multipart);
  return okType
    ? undefined
    : {
        type: type || '(none)',
        message: `content-type ${type || '(none)'} is not ${kind.replace(/-/g, ' ')}`,
      };
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = Number(headers['content-length'] ?? 0);
  return length > 0 || headers['transfer-encoding'] !== undefined;
}

/** The refusals made here, before any route: one row each in docs/simulator-strictness.md. */
export const coreRefusals: { routes: string; status: number; message: string; source: Source }[] = [
  { routes: '(every route)', status: 400, message: 'missing host header', source: frameworks.httpHost },
  {
    routes:
      'fisheye.images.upload_chunk, fisheye.svt.upload_chunk, cloudtower.rest.upload-elf-file, cloudtower.rest.parse-ovf, obs.upload.part',
    status: 415,
    message: 'content-type <type> is not multipart',
    source: frameworks.multipartBoundary,
  },
  {
    routes: '(every JSON route)',
    status: 400,
    message: 'request body is not valid JSON',
    source: {
      kind: 'framework',
      ref: 'RFC 8259: a body that is not JSON text cannot be decoded (protojson: syntax error)',
    },
  },
];

/** A refusal in the error shape of the route's family (also for a body that is not JSON). */
export function refusalFor(
  routeName: string | undefined,
  path: string,
  status: number,
  message: string,
): SimReply {
  return refusal(expectationFor(routeName).family, path, status, message);
}

function refusal(family: Family, path: string, status: number, message: string): SimReply {
  switch (family) {
    case 'smtx-v2':
      return fail(status, status === 415 ? 'EUNSUPPORTED_MEDIA_TYPE' : 'EBAD_REQUEST', message);
    case 'smtx-v3':
    case 'grpc-gateway':
      return grpcFail(status, 3, message);
    case 'cloudtower-rest':
      return {
        status,
        body: { path, props: {}, code: status === 415 ? 'UnsupportedMediaType' : 'BadRequest', message },
      };
    case 'cloudtower-graphql':
      return { status, body: { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] } };
  }
}
