// Stage 1 activity: scan every host (GET /api/v2/deployment/host, seed 003 §01; the layer-2 cluster
// scan misses hosts behind LACP or VLAN sub-interfaces) in parallel, and check what the deploy needs:
// the plan's NICs exist, the disks fit the storage architecture (the payload builder's own rules),
// no two hosts share a uuid, each host has a link-local address for `host_ip`.
//
// Read-only, so safe to run any number of times. Unreachable hosts fail retryably; everything the
// hosts report that the plan cannot work with becomes ONE non-retryable PrecheckFailed listing
// each host, what is missing and what was found.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DeploymentClient, SmartxHttpError } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { StorageArchitecture } from '../../plan/types.js';
import { diskLayout } from '../support/disk-layout.js';
import { summarizeHostScan, type HostScanSummary } from '../support/host-scan-summary.js';
import { FailureType, describeFailure, invalidInput } from '../support/failures.js';
import { resolverFor } from '../support/remote.js';
import { coded } from '../../i18n/index.js';

export interface ScanHostsRequest {
  run: RunContext;
  hosts: {
    hostname: string;
    managementIp: string;
    /** Every NIC the plan wires on this host (management, storage, business). */
    requiredNics: string[];
    /** The management NICs, preferred for the link-local `host_ip` (default: requiredNics order). */
    managementNics?: string[];
  }[];
  storageArchitecture: StorageArchitecture;
}

export interface ScannedHost {
  hostname: string;
  managementIp: string;
  scan: HostScanSummary;
}

export interface ScanHostsResult {
  hosts: ScannedHost[];
  /** Findings that do not stop the bring-up (a planned NIC without link). */
  warnings?: string[];
}

const HEARTBEAT_EVERY_MS = 2000;

/** Activity: parallel host scans plus the checks above. */
export async function scanHosts(req: ScanHostsRequest): Promise<ScanHostsResult> {
  if (!Array.isArray(req.hosts) || req.hosts.length === 0) throw invalidInput(coded('failure.noHosts'));
  const ips = req.hosts.map((h) => h.managementIp);
  const dupIps = ips.filter((ip, i) => ips.indexOf(ip) !== i);
  if (dupIps.length > 0) throw invalidInput(coded('failure.duplicateIp', { ips: dupIps.join(', ') }));
  const resolver = resolverFor(req.run);
  const ctx = Context.current();
  let done = 0;
  const timer = setInterval(() => ctx.heartbeat({ scanned: done, of: req.hosts.length }), HEARTBEAT_EVERY_MS);
  let settled: PromiseSettledResult<HostScanSummary>[];
  try {
    ctx.heartbeat({ scanned: 0, of: req.hosts.length });
    settled = await Promise.allSettled(
      req.hosts.map(async (h) => {
        const scan = await new DeploymentClient(resolver, h.managementIp).scanHost();
        done++;
        return summarizeHostScan(scan, { preferNics: h.managementNics ?? h.requiredNics });
      }),
    );
  } finally {
    clearInterval(timer);
  }

  // Unreachable or busy hosts: retry the whole scan (it is read-only), naming every such host.
  const transient = settled.flatMap((s, i) =>
    s.status === 'rejected' && !(s.reason instanceof SmartxHttpError && !s.reason.retryable)
      ? [{ host: req.hosts[i], err: s.reason as unknown }]
      : [],
  );
  if (transient.length > 0) {
    const first = describeFailure(
      `prepare/scan-hosts: GET /api/v2/deployment/host on host ${transient[0].host.hostname} (${transient[0].host.managementIp})`,
      transient[0].err,
    );
    if (first.nonRetryable || transient.length === 1) throw first;
    const others = transient
      .slice(1)
      .map((t) => `${t.host.hostname} (${t.host.managementIp})`)
      .join(', ');
    throw ApplicationFailure.create({
      type: first.type ?? FailureType.transient,
      nonRetryable: first.nonRetryable ?? false,
      message: `${first.message} — also unreachable: ${others}`,
    });
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  const hosts: ScannedHost[] = [];
  const byUuid = new Map<string, string>();
  settled.forEach((s, i) => {
    const h = req.hosts[i];
    const who = `host ${h.hostname} (${h.managementIp})`;
    if (s.status === 'rejected') {
      // Non-retryable answers (rejected token, wrong shape): the host is not a usable SMTX OS installer.
      const err = s.reason as SmartxHttpError;
      problems.push(
        `${who}: the scan was refused: ${err.message}. Fix: reinstall SMTX OS or check the address`,
      );
      return;
    }
    const scan = s.value;
    const names = scan.nics.map((n) => n.name);
    const missing = h.requiredNics.filter((n) => !names.includes(n));
    if (missing.length > 0) {
      problems.push(
        `${who}: NIC ${missing.join(', ')} from the workbook not found; the host has ${names.join(', ') || 'no physical NICs'}. Fix: correct the NIC names in 虚拟网络 column J`,
      );
    }
    const unlinked = h.requiredNics.filter((n) => scan.nics.find((x) => x.name === n)?.up === false);
    if (unlinked.length > 0) warnings.push(`${who}: NIC ${unlinked.join(', ')} has no link`);
    const layout = diskLayout(who, scan, req.storageArchitecture);
    if ('problem' in layout) problems.push(layout.problem);
    if (!scan.linkLocal) {
      problems.push(`${who}: no physical NIC has an IPv6 link-local address (needed as the deploy host_ip)`);
    }
    const twin = byUuid.get(scan.hostUuid);
    if (twin) {
      problems.push(
        `${who}: host uuid ${scan.hostUuid} is the same as ${twin}'s. Fix: the two addresses reach the same machine, or the hosts were cloned; correct the management IPs or reinstall`,
      );
    } else byUuid.set(scan.hostUuid, who);
    hosts.push({ hostname: h.hostname, managementIp: h.managementIp, scan });
  });

  if (problems.length > 0) {
    const failing = new Set(problems.map((p) => p.slice(0, p.indexOf(':')))).size;
    throw ApplicationFailure.create({
      type: FailureType.precheck,
      nonRetryable: true,
      message: `prepare/scan-hosts: ${failing} of ${req.hosts.length} hosts do not fit the plan:\n- ${problems.join('\n- ')}`,
      details: [{ problems }],
    });
  }
  return warnings.length > 0 ? { hosts, warnings } : { hosts };
}
