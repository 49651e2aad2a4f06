// Reading deploy_status the way seed 003 allows: its `host_ip` query is "the host IP passed at
// deploy time", which sites answer for the payload's link-local address, the IPv4 address, or both.
// One read asks the address that answered last (link-local first) and falls back to the other when
// it does not answer or says nothing useful; the caller records which one answered.
import { SmartxHttpError, type DeployClusterPayload, type DeployStatus } from '../../smartx/index.js';
import type { DeploymentClient } from '../../smartx/index.js';

export type StatusAddressKind = 'link-local' | 'ipv4';

interface StatusAddress {
  kind: StatusAddressKind;
  hostIp: string;
}

export type StatusRead =
  | { kind: 'status'; status: DeployStatus; by: StatusAddressKind }
  /** An error answer (4xx, an error envelope): not an end right after the POST. */
  | { kind: 'refused'; error: string; cause: SmartxHttpError }
  /** No answer or 5xx: the host restarts its services. */
  | { kind: 'unreachable'; error: string; cause: SmartxHttpError };

/** The deploying host's link-local `host_ip` from the payload (when it has one), then its IPv4. */
export function statusAddresses(payload: DeployClusterPayload, apiHostIp: string): StatusAddress[] {
  const own = payload.hosts.find((h) =>
    h.ifaces.some((f) => f.function === 'mgt' && f.ip === apiHostIp),
  )?.host_ip;
  return [
    ...(own && own !== apiHostIp ? [{ kind: 'link-local' as const, hostIp: own }] : []),
    { kind: 'ipv4', hostIp: apiHostIp },
  ];
}

/** `running`; `idle` (also an empty answer: no deploy started yet); `ended` (any other state or an error field). */
export function classifyStatus(s: DeployStatus): 'running' | 'idle' | 'ended' {
  const e = s.error;
  const hasError =
    e !== undefined && e !== null && e !== '' && !(typeof e === 'object' && Object.keys(e).length === 0);
  if (s.state === 'running' && !hasError) return 'running';
  if (hasError) return 'ended';
  if (s.state === undefined || s.state === null || s.state === '' || s.state === 'idle') return 'idle';
  return 'ended';
}

/**
 * Asks `preferred` first (else the list order); an address that fails or says idle is followed by
 * the next one, and the most telling answer wins: running or ended over idle over refused over
 * unreachable.
 */
export async function readDeployStatus(
  client: DeploymentClient,
  addresses: readonly StatusAddress[],
  preferred?: StatusAddressKind,
): Promise<StatusRead> {
  const ordered = [...addresses].sort((a, b) => Number(b.kind === preferred) - Number(a.kind === preferred));
  const reads: StatusRead[] = [];
  for (const a of ordered) {
    try {
      const status = await client.deployStatus(a.hostIp);
      const read: StatusRead = { kind: 'status', status, by: a.kind };
      if (classifyStatus(status) !== 'idle') return read;
      reads.push(read);
    } catch (err) {
      if (!(err instanceof SmartxHttpError)) throw err;
      reads.push({ kind: err.retryable ? 'unreachable' : 'refused', error: err.message, cause: err });
    }
  }
  const rank = { status: 0, refused: 1, unreachable: 2 } as const;
  return reads.sort((a, b) => rank[a.kind] - rank[b.kind])[0];
}
