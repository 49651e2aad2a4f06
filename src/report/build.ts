// Puts the pieces of one run together: its history (and its children's), its result or progress,
// and the plan view of its input. Pure: the loader (load.ts) fetches, this only combines.
import { legacySecretValuesOf } from '../run/run-plan.js';
import type { BringUpProgress } from '../run/stages.js';
import { stageSeconds } from '../run/stage-time.js';
import { byStageNumber } from '../run/stage-names.js';
import { manualSteps } from '../run/manual-steps.js';
import type { BringUpSummary } from '../workflows/run-tracker.js';
import { phaseSpans, type HistoryFacts } from './history.js';
import type { HostRow, RunReport, StageRow } from './model.js';
import { planViewOf } from './plan-view.js';

export interface RunSources {
  workflowId: string;
  runId?: string;
  status: string;
  progress?: BringUpProgress;
  summary?: BringUpSummary;
  failure?: string;
  main: HistoryFacts;
  /** Child runs by component (`obs`, `backup`). */
  children: { component: string; facts: HistoryFacts }[];
  nowMs: number;
}

export interface BuiltReport {
  report: RunReport;
  /** The input's passwords: never in the report; the renderer blanks them should any text carry one. */
  secrets: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function stagesOf(src: RunSources): StageRow[] {
  return byStageNumber(unorderedStagesOf(src));
}

function unorderedStagesOf(src: RunSources): StageRow[] {
  if (src.summary)
    return src.summary.stages.map((s) => ({
      id: s.id,
      status: s.status,
      seconds: s.seconds,
      note: s.note,
      // A closed run has no progress query: its failed stages' errors are in the summary.
      error:
        src.progress?.stages.find((p) => p.id === s.id)?.error ??
        src.summary?.failures?.find((f) => f.stage === s.id)?.error,
    }));
  // A run in flight: the same time watch shows (stage-time.ts), its running stages counted to now.
  return (src.progress?.stages ?? []).map((s) => {
    const seconds = stageSeconds(s, src.nowMs);
    return {
      id: s.id,
      status: s.status,
      seconds: seconds === undefined ? undefined : round1(seconds),
      error: s.error,
    };
  });
}

export function buildReport(src: RunSources): BuiltReport {
  const plan = planViewOf(src.main.input);
  const all = [src.main, ...src.children.map((c) => c.facts)];
  const endMs = src.main.endedMs ?? src.nowMs;

  const passwords = new Map<string, HostRow['password']>();
  for (const p of all.flatMap((f) => f.passwords)) {
    p.changed.forEach((h) => passwords.set(h, 'changed'));
    p.alreadySet.forEach((h) => passwords.set(h, 'already-set'));
  }
  const scans = new Map(src.main.scans.map((s) => [s.managementIp, s]));
  const hosts: HostRow[] = (plan?.hosts ?? []).map((h) => {
    const scan = scans.get(h.managementIp)?.scan;
    return {
      hostname: h.hostname,
      managementIp: h.managementIp,
      storageIp: h.storageIp,
      bmcIp: h.bmc?.ip,
      rack: h.rack,
      unit: h.unit,
      hostUuid: scan?.hostUuid,
      cpu: scan?.cpu ? `${scan.cpu.model}${scan.cpu.cores ? ` ×${scan.cpu.cores}` : ''}` : undefined,
      memoryGiB: scan?.memoryBytes ? Math.round(scan.memoryBytes / 2 ** 30) : undefined,
      disks: scan?.disks.length,
      nics: scan?.nics.length,
      password: passwords.get(h.hostname),
    };
  });

  const addresses = new Map<string, string>();
  if (plan) {
    addresses.set('cluster VIP', plan.vip);
    addresses.set('CloudTower', plan.cloudtower.ip);
    if (plan.obs.ip) addresses.set('Observability', plan.obs.ip);
    if (plan.backup.ip) addresses.set('Backup', plan.backup.ip);
    if (plan.er?.vip) addresses.set('ER VIP', plan.er.vip);
    if (plan.ntpServers.length) addresses.set('NTP', plan.ntpServers.join(', '));
    if (plan.dnsServers.length) addresses.set('DNS', plan.dnsServers.join(', '));
  }
  for (const [k, v] of Object.entries(src.summary?.addresses ?? {})) addresses.set(k, v);

  const networks = plan
    ? [
        ['management', plan.networks.management],
        ['extra-management', plan.networks.extraManagement],
        ['storage', plan.networks.storage],
        ['backup', plan.networks.backup],
        ...plan.networks.business.map((n) => ['business', n] as const),
      ].flatMap(([role, n]) =>
        n && typeof n === 'object'
          ? [
              {
                role: role as string,
                name: n.networkName,
                vlan: n.vlanId,
                subnet: n.subnet,
                gateway: n.gateway,
              },
            ]
          : [],
      )
    : [];

  const report: RunReport = {
    workflowId: src.workflowId,
    runId: src.runId,
    status: src.status,
    outcome: src.summary?.outcome,
    clusterName: src.summary?.clusterName ?? src.progress?.clusterName ?? plan?.clusterName ?? '?',
    generatedAtMs: src.nowMs,
    startedMs: src.main.startedMs,
    endedMs: src.main.endedMs,
    addresses: [...addresses],
    networks,
    hosts,
    stages: stagesOf(src),
    steps: all.flatMap((f) => f.steps).sort((a, b) => a.scheduledMs - b.scheduledMs),
    phases: phaseSpans(src.main.phaseChanges, endMs),
    signals: src.main.signals,
    created: Object.entries(src.summary?.created ?? {}),
    serials: Object.entries(src.summary?.serials ?? {}),
    writeBacks: all.flatMap((f) => f.writeBacks).sort((a, b) => a.atMs - b.atMs),
    warnings: src.summary?.warnings ?? src.progress?.warnings ?? [],
    inspection: src.summary?.inspectionReport,
    testResults: src.summary?.testResults,
    reliability: src.summary?.reliability,
    checks: all.flatMap((f) => f.checks),
    manualSteps:
      src.summary?.manualSteps ??
      (plan
        ? manualSteps({ er: plan.er ?? { controllers: [] }, otherComponents: plan.otherComponents })
        : []),
    error: src.summary?.error ?? src.failure ?? src.progress?.lastError,
  };
  return { report, secrets: [...new Set(all.flatMap((f) => legacySecretValuesOf(f.input)))] };
}
