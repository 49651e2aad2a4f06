// What every request must look like before a route sees it, per API family, as the seeds show the
// appliances being called: the scheme and port of each endpoint, the `host` header naming the target,
// the body's content-type, and the headers a call cannot do without (`x-user-id` on the OBS commit).
// Where the seeds show the rule, a request that breaks it is refused in the family's own error shape.
// Where the real appliance's behaviour is unknown (another scheme on a port that is open anyway, a
// Host header naming the loopback stand-in), the request is served but marked `lenient` in the
// request log, so tests can prove our own client never relies on the simulator's goodwill.
import type { IncomingHttpHeaders } from 'node:http';
import type { MachineInfo, SimReply } from './contract.js';
import { fail, grpcFail } from './envelope.js';

export type Scheme = 'http' | 'https';

/** The error envelope each family answers with (seed 003 and the services' real error bodies). */
type Family = 'smtx-v2' | 'smtx-v3' | 'cloudtower-rest' | 'cloudtower-graphql' | 'grpc-gateway';

type BodyKind = 'json' | 'multipart' | 'json-or-multipart' | 'any';

interface Expectation {
  family: Family;
  scheme: Scheme;
  body: BodyKind;
  /** Headers the seeds always send on this call; missing → refused. */
  requiredHeaders?: string[];
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
    { family: 'grpc-gateway', scheme: 'https', body: 'any', requiredHeaders: ['x-user-id'] },
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
  if (type) return { refuse: refusal(exp.family, input.path, 415, type) };

  for (const h of exp.requiredHeaders ?? []) {
    const v = input.headers[h];
    if (typeof v !== 'string' || v.trim() === '') {
      return { refuse: refusal(exp.family, input.path, 400, `missing header ${h}`) };
    }
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

function bodyCheck(kind: BodyKind, headers: IncomingHttpHeaders): string | undefined {
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
  return okType ? undefined : `content-type ${type || '(none)'} is not ${kind.replace(/-/g, ' ')}`;
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = Number(headers['content-length'] ?? 0);
  return length > 0 || headers['transfer-encoding'] !== undefined;
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
