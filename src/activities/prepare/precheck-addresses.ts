// Stage 1 activity: before anything touches the hardware, every host must answer, every address the
// bring-up will take must be free, and BMCs should answer. One TCP connect per address:port, all in
// parallel, always through the run's endpoint map (fail closed) unless the operator chose --direct.
//
// Problems and warnings come back as data (the workflow decides what to do with them); the activity
// throws only for broken input. Nothing secret is involved: addresses and ports only.
import { Context } from '@temporalio/activity';
import { EndpointMapInvalid, EndpointNotMapped, type EndpointResolver } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { probeTcpPort } from '../support/probe-tcp-port.js';
import { describeFailure, invalidInput } from '../support/failures.js';
import { resolverFor } from '../support/remote.js';
import { coded } from '../../i18n/index.js';

export interface AddressCheck {
  address: string;
  ports: number[];
  /** Who the address is, as the operator knows it: `host node-01`, `cluster VIP`, `BMC of node-01`. */
  label: string;
}

export interface PrecheckAddressesRequest {
  run: RunContext;
  /** Must accept connections (hosts: 80 deployment API, 443, 22). */
  mustAnswer: AddressCheck[];
  /** Must not accept connections yet (VIP, CloudTower, OBS, Backup): refused or silent = free. */
  mustBeFree: AddressCheck[];
  /** Should answer; only warnings (BMCs). */
  warnIfSilent: AddressCheck[];
}

export interface PrecheckAddressesResult {
  problems: string[];
  warnings: string[];
}

/** Connect timeout per probe; a silent address costs this much once (probes run in parallel). */
const PROBE_TIMEOUT_MS = 3000;

const SERVICE: Record<number, string> = {
  22: 'SSH',
  80: 'HTTP (SMTX OS deployment API)',
  443: 'HTTPS',
  623: 'IPMI',
  10022: 'SSH (port 10022)',
};

function service(label: string, port: number): string {
  const name = SERVICE[port] ?? `a service on port ${port}`;
  if (/^host\b/i.test(label)) {
    if (port === 22) return "the SMTX OS installer's SSH";
    if (port === 80 || port === 443) return `the SMTX OS installer's ${name}`;
  }
  return name;
}

function checkInput(req: PrecheckAddressesRequest): void {
  const problems: string[] = [];
  for (const [list, checks] of Object.entries({
    mustAnswer: req.mustAnswer,
    mustBeFree: req.mustBeFree,
    warnIfSilent: req.warnIfSilent,
  })) {
    if (!Array.isArray(checks)) {
      problems.push(`${list} is not a list`);
      continue;
    }
    checks.forEach((c, i) => {
      if (typeof c.address !== 'string' || c.address.trim() === '')
        problems.push(`${list}[${i}] has no address`);
      if (!Array.isArray(c.ports) || c.ports.length === 0)
        problems.push(`${list}[${i}] (${c.label}) has no ports`);
      else if (c.ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
        problems.push(`${list}[${i}] (${c.label}) has an invalid port in ${JSON.stringify(c.ports)}`);
      }
    });
  }
  if (problems.length > 0) throw invalidInput(coded('failure.precheck', { problems: problems.join('; ') }));
}

type Outcome =
  | { kind: 'open' }
  | { kind: 'closed'; reason: string }
  | { kind: 'unmapped'; addressMapped: boolean; detail: string };

async function probe(resolver: EndpointResolver, address: string, port: number): Promise<Outcome> {
  let target: { host: string; port: number };
  try {
    target = resolver.resolve(address, port);
  } catch (err) {
    if (err instanceof EndpointNotMapped) {
      return {
        kind: 'unmapped',
        addressMapped: err.reason === 'port',
        detail: `not in the endpoint map ${resolver.source}`,
      };
    }
    throw err;
  }
  const r = await probeTcpPort(
    { address, port, connectHost: target.host, connectPort: target.port },
    PROBE_TIMEOUT_MS,
  );
  return r.open ? { kind: 'open' } : { kind: 'closed', reason: r.reason ?? 'closed' };
}

/** Activity: TCP prechecks of stage 1 (see module comment). */
export async function precheckAddresses(req: PrecheckAddressesRequest): Promise<PrecheckAddressesResult> {
  checkInput(req);
  let resolver: EndpointResolver;
  try {
    resolver = resolverFor(req.run);
  } catch (err) {
    // An unreadable or invalid map is broken input, not a finding about the network.
    if (err instanceof EndpointMapInvalid) throw describeFailure('prepare/precheck-addresses', err);
    throw err;
  }
  const ctx = Context.current();
  ctx.heartbeat({ probing: req.mustAnswer.length + req.mustBeFree.length + req.warnIfSilent.length });

  const problems: string[] = [];
  const warnings: string[] = [];
  type Job = { list: 'answer' | 'free' | 'warn'; check: AddressCheck; port: number };
  const jobs: Job[] = [
    ...req.mustAnswer.flatMap((check) =>
      check.ports.map((port) => ({ list: 'answer' as const, check, port })),
    ),
    ...req.mustBeFree.flatMap((check) => check.ports.map((port) => ({ list: 'free' as const, check, port }))),
    ...req.warnIfSilent.flatMap((check) =>
      check.ports.map((port) => ({ list: 'warn' as const, check, port })),
    ),
  ];
  const outcomes = await Promise.all(jobs.map((j) => probe(resolver, j.check.address, j.port)));

  jobs.forEach(({ list, check, port }, i) => {
    const o = outcomes[i];
    const where = `${check.label} ${check.address}:${port}`;
    if (list === 'answer') {
      if (o.kind === 'closed') {
        problems.push(`${where} does not answer (${o.reason}): expected ${service(check.label, port)}`);
      } else if (o.kind === 'unmapped') {
        problems.push(
          `${where} is ${o.detail}: expected ${service(check.label, port)}. Fix: add it to the endpoint map`,
        );
      }
    } else if (list === 'free') {
      if (o.kind === 'open') {
        problems.push(
          `${where} answers: expected a free address (nothing may use ${check.address} before the bring-up creates it). Fix: choose another address in the workbook or free it`,
        );
      } else if (o.kind === 'unmapped' && !o.addressMapped) {
        problems.push(
          `${where}: ${check.address} is ${o.detail}, so it cannot be checked. Fix: add it to the endpoint map`,
        );
      }
      // A mapped address without this port cannot be reached on it: as free as a refused connection.
    } else if (o.kind === 'closed') {
      warnings.push(
        `${where} does not answer (${o.reason}): expected ${service(check.label, port)}; continuing`,
      );
    } else if (o.kind === 'unmapped') {
      warnings.push(`${where} is ${o.detail}: not checked`);
    }
  });
  return { problems, warnings };
}
