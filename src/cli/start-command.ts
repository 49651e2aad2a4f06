import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { z } from 'zod';
import { siteOf, runWorkflowId, SiteNameError, siteTaskQueue } from '../config/site.js';
import {
  loadPlan,
  localizeIssue,
  planSummary,
  PlanReadError,
  type Plan,
  type PlanIssue,
} from '../plan/index.js';
import { toRunPlan } from '../run/run-plan.js';
import { simulatorTiming, siteTiming } from '../run/timing.js';
import type { BringUpInput } from '../run/input.js';
import { EndpointResolver } from '../smartx/index.js';
import { bringUpWorkflow } from '../workflows/index.js';
import { bringUpStageKey, clusterNameKey, siteKey } from '../workflows/search-attributes.js';
import { STAGES } from '../run/stages.js';
import { parseCommand, str } from './command-spec.js';
import { pickLang, say, type Lang } from './lang.js';
import { checkPackageDir, packageNeeds } from './package-check.js';
import { checkDisruptiveTests } from './disruptive-tests.js';
import { startSpec } from './specs.js';
import { connectClient } from './temporal-client.js';
import { followRun } from './watch-command.js';
import { writeEndOfRunReport } from '../report/write.js';
import { CLI } from '../i18n/index.js';

const policy = z.enum(['auto', 'ask', 'skip']);
const flagsSchema = z.object({
  plan: z.string({ error: '缺少规划表 / the workbook is required: --plan <workbook.xlsx>' }).min(1),
  endpoints: z.string().optional(),
  direct: z.boolean().default(false),
  packages: z.string().default('packages'),
  artifacts: z.string().optional(),
  obs: policy.default('ask'),
  backup: policy.default('ask'),
  testload: policy.default('skip'),
  'approval-timeout': z.coerce.number().positive().optional(),
  'on-approval-timeout': z.enum(['skip', 'approve']).default('skip'),
  speed: z.coerce.number().positive().optional(),
  'stop-after': z.enum(STAGES).optional(),
  id: z.string().min(1).optional(),
  wait: z.boolean().default(false),
  'fail-fast': z.boolean().default(false),
  schedule: z
    .enum(['sequential', 'overlapped'], {
      error: '--schedule 只能是 sequential 或 overlapped / --schedule must be sequential or overlapped',
    })
    .default('overlapped'),

  'keep-test-vms': z.boolean().default(false),
  'disruptive-tests': z
    .enum(['refuse', 'maintenance'], {
      error:
        '--disruptive-tests 只能是 refuse 或 maintenance / --disruptive-tests must be refuse or maintenance',
    })
    .default('refuse'),
  'disruptive-host': z.string().min(1).optional(),
  site: z.string().optional(),
});

/** Every address the run will connect to; with an endpoint map each one must be in it (fail closed). */
function addressesToReach(plan: Plan): { address: string; port: number; what: string }[] {
  const list = plan.hosts.flatMap((h) => [
    { address: h.managementIp, port: 443, what: `host ${h.hostname}` },
    { address: h.managementIp, port: 22, what: `host ${h.hostname} SSH` },
  ]);
  list.push({ address: plan.vip, port: 443, what: 'cluster VIP' });
  list.push({ address: plan.cloudtower.ip, port: 443, what: 'CloudTower' });
  list.push({ address: plan.cloudtower.ip, port: 22, what: 'CloudTower SSH' });
  if (plan.obs.ip) list.push({ address: plan.obs.ip, port: 443, what: 'Observability' });
  if (plan.backup.ip) list.push({ address: plan.backup.ip, port: 443, what: 'Backup' });
  return list;
}

export async function runStartCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(startSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(
      say(lang, { zh: '查看用法: hci-bringup start --help', en: 'usage: hci-bringup start --help' }),
    );
    return 2;
  }
  const flags = parsed.data;
  // The site picks the task queue (its worker) and is part of the workflow id (docs/sites.md).
  let site: string | undefined;
  try {
    site = siteOf(flags.site);
  } catch (err) {
    if (!(err instanceof SiteNameError)) throw err;
    console.error(err.message);
    return 2;
  }

  const planFile = path.resolve(flags.plan);
  let plan: Plan;
  let planWarnings: PlanIssue[] = [];
  try {
    const loaded = await loadPlan(planFile);
    if (!loaded.plan) {
      console.error(
        say(lang, {
          zh: `规划表有 ${loaded.errors.length} 个错误，未启动:`,
          en: `the workbook has ${loaded.errors.length} errors; nothing was started:`,
        }),
      );
      for (const issue of loaded.errors.map((i) => localizeIssue(i, lang))) {
        console.error(
          `  ${issue.sheet}!${issue.cell} [${issue.rule}] ${issue.message}${issue.fix ? ` — ${issue.fix}` : ''}`,
        );
      }
      return 1;
    }
    plan = loaded.plan;
    planWarnings = loaded.warnings;
  } catch (err) {
    if (err instanceof PlanReadError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  const connectError = checkConnectMode(plan, flags.endpoints, flags.direct, lang);
  if (connectError) {
    console.error(connectError);
    return 2;
  }

  // The per-run approval of a disruptive test is checked against this plan before anything runs.
  const disruptiveError = checkDisruptiveTests(
    {
      tests: flags['disruptive-tests'],
      host: flags['disruptive-host'],
      testload: flags.testload,
      hostNames: plan.hosts.map((h) => h.hostname),
    },
    lang,
  );
  if (disruptiveError) {
    console.error(disruptiveError);
    return 2;
  }

  // Before anything touches the site: every package the run will read must be in the folder.
  const packages = checkPackageDir(
    flags.packages,
    packageNeeds(plan, { obs: flags.obs, backup: flags.backup, stopAfter: flags['stop-after'] }),
    lang,
  );
  if (!packages.ok) {
    console.error(packages.text);
    return 2;
  }

  const workflowId = flags.id ?? runWorkflowId(plan.clusterName, site);
  const artifactsDir = path.resolve(flags.artifacts ?? path.join('artifacts', workflowId));
  mkdirSync(artifactsDir, { recursive: true });
  const timing = flags.speed ? simulatorTiming(flags.speed) : siteTiming;
  const components: BringUpInput['components'] = {
    obs: flags.obs,
    backup: flags.backup,
    testload: flags.testload,
    approvalTimeoutSeconds: flags['approval-timeout'],
    onApprovalTimeout: flags['on-approval-timeout'],
  };
  const input: BringUpInput = {
    // Passwords by reference into the workbook; the worker reads them from planFile (docs/decisions.md).
    plan: toRunPlan(plan, planFile),
    planFile,
    run: {
      connect: flags.direct
        ? { mode: 'direct' }
        : { mode: 'map', endpointMapFile: path.resolve(flags.endpoints!) },
      timing,
    },
    files: { packageDir: path.resolve(flags.packages), artifactsDir },
    components,
    planWarnings: planWarnings.map((i) => {
      const l = localizeIssue(i, lang);
      const cell = `${l.sheet}!${l.cell}`;
      return l.message.startsWith(cell) ? l.message : `${cell}: ${l.message}`;
    }),
    stopAfter: flags['stop-after'],
    onFailure: flags['fail-fast'] ? 'fail' : 'wait-for-retry',
    schedule: flags.schedule,

    // Read by stage 11 only; absent (false) in runs started before it.
    ...(flags['keep-test-vms'] ? { keepTestVms: true } : {}),
    // The approval of this run only: absent (refuse) unless given on this start command.
    ...(flags['disruptive-tests'] === 'maintenance'
      ? { disruptiveTests: 'maintenance' as const, disruptiveHost: flags['disruptive-host'] }
      : {}),
  };

  const { client, close } = await connectClient();
  try {
    await client.workflow.start(bringUpWorkflow, {
      taskQueue: siteTaskQueue(site),
      workflowId,
      // A second `start` for a cluster whose bring-up still runs is refused: watch that one instead.
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      args: [input],
      memo: { plan: planSummary(plan), timing: timing.name },
      typedSearchAttributes: [
        { key: clusterNameKey, value: plan.clusterName },
        { key: bringUpStageKey, value: 'pending' },
        ...(site ? [{ key: siteKey, value: site }] : []),
      ],
    });
    console.log(
      say(lang, {
        zh: `已启动 ${workflowId}（集群 ${plan.clusterName}，${plan.hosts.length} 台主机，${timing.name}${site ? `，站点 ${site}，任务队列 ${siteTaskQueue(site)}` : ''}）\n查看进度: ${CLI} watch ${workflowId}`,
        en: `started ${workflowId} (cluster ${plan.clusterName}, ${plan.hosts.length} hosts, ${timing.name}${site ? `, site ${site}, task queue ${siteTaskQueue(site)}` : ''})\nfollow it: ${CLI} watch ${workflowId}`,
      }),
    );
    for (const w of input.planWarnings ?? []) console.log(`  ! ${w}`);
    if (!flags.wait) return 0;
    const code = await followRun(client, workflowId, lang);
    await writeEndOfRunReport(client, workflowId, lang, path.join(artifactsDir, 'report.html'));
    return code;
  } finally {
    await close();
  }
}

function checkConnectMode(
  plan: Plan,
  endpoints: string | undefined,
  direct: boolean,
  lang: Lang,
): string | undefined {
  if (endpoints && direct)
    return say(lang, {
      zh: '--endpoints 与 --direct 只能选一个',
      en: 'choose either --endpoints or --direct',
    });
  if (!endpoints && !direct) {
    return say(lang, {
      zh: '需要 --endpoints <模拟器的 endpoints.json>（演练/测试），或在现场明确使用 --direct 直连规划表地址',
      en: 'give --endpoints <the simulator endpoints.json> (rehearsal/tests), or --direct on site to connect to the workbook addresses',
    });
  }
  if (direct) return undefined;
  let resolver: EndpointResolver;
  try {
    resolver = EndpointResolver.fromFile(path.resolve(endpoints!));
  } catch (err) {
    return (err as Error).message;
  }
  const missing = addressesToReach(plan).filter(({ address, port }) => {
    try {
      resolver.resolve(address, port);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return undefined;
  return [
    say(lang, {
      zh: `端点映射 ${endpoints} 缺少以下地址（安全起见不会直连）:`,
      en: `the endpoint map ${endpoints} lacks these addresses (never connected directly, for safety):`,
    }),
    ...missing.map((m) => `  ${m.what}: ${m.address}:${m.port}`),
  ].join('\n');
}
