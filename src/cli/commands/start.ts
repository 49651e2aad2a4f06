// `hci-bringup start --plan plan.xlsx (--endpoints map.json | --direct) ...`: checks the workbook, the
// connect mode, a disruptive test's approval and the package folder before anything touches the
// site, then starts the bring-up on the site's task queue (and follows it with --wait).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { bilingual, CLI, type Lang, localizeText, t, tBoth } from '../../i18n/index.js';
import type { Plan, PlanIssue } from '../../plan/index.js';
import type { BringUpInput } from '../../run/input.js';
import { toRunPlan } from '../../run/run-plan.js';
import { STAGES } from '../../run/stages.js';
import { parseCommand, str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { checkDisruptiveTests } from '../disruptive-tests.js';
import { checkPackageDir, packageNeeds } from '../package-check.js';
import { pickLang } from '../pick-lang.js';
import { checkedSite, connectModeError, REHEARSAL_OPTIONS, runContext, validFlags } from '../run-flags.js';

const spec: CommandSpec = {
  name: 'start',
  summary: bilingual('cli.start.summary'),
  options: {
    plan: {
      type: 'string',
      value: '<workbook.xlsx>',
      help: bilingual('cli.start.opt.plan'),
    },
    endpoints: REHEARSAL_OPTIONS.endpoints,
    direct: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.start.opt.direct'),
    },
    packages: {
      type: 'string',
      value: '<dir>',
      default: 'packages',
      help: bilingual('cli.start.opt.packages'),
    },
    artifacts: {
      type: 'string',
      value: '<dir>',
      help: bilingual('cli.start.opt.artifacts'),
    },
    obs: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'ask',
      help: bilingual('cli.start.opt.obs'),
    },
    backup: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'ask',
      help: bilingual('cli.start.opt.backup'),
    },
    testload: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'skip',
      help: bilingual('cli.start.opt.testload'),
    },
    'approval-timeout': {
      type: 'string',
      value: '<seconds>',
      help: bilingual('cli.start.opt.approvalTimeout'),
    },
    'on-approval-timeout': {
      type: 'string',
      value: 'skip|approve',
      default: 'skip',
      help: bilingual('cli.start.opt.onApprovalTimeout'),
    },
    speed: REHEARSAL_OPTIONS.speed,
    site: {
      type: 'string',
      value: '<name>',
      help: bilingual('cli.start.opt.site'),
    },
    schedule: {
      type: 'string',
      value: 'overlapped|sequential',
      default: 'overlapped',
      help: bilingual('cli.start.opt.schedule'),
    },
    'stop-after': {
      type: 'string',
      value: '<stage>',
      help: bilingual('cli.start.opt.stopAfter', { stages: STAGES.join(', ') }),
    },
    id: {
      type: 'string',
      value: WORKFLOW_ID_ARG,
      help: bilingual('cli.start.opt.id'),
    },
    wait: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.start.opt.wait'),
    },
    'fail-fast': {
      type: 'boolean',
      default: false,
      help: bilingual('cli.start.opt.failFast'),
    },
    'keep-test-vms': {
      type: 'boolean',
      default: false,
      help: bilingual('cli.start.opt.keepTestVms'),
    },
    'disruptive-tests': {
      type: 'string',
      value: 'refuse|maintenance',
      default: 'refuse',
      help: bilingual('cli.start.opt.disruptiveTests'),
    },
    'disruptive-host': {
      type: 'string',
      value: '<hostname>',
      help: bilingual('cli.start.opt.disruptiveHost'),
    },
  },
  notes: bilingual('cli.start.notes'),
  examples: [
    'hci-bringup start --plan plan.xlsx --endpoints sim/endpoints.json --packages ./packages --wait',
    'hci-bringup start --plan plan.xlsx --direct --packages /data/packages --obs auto --backup skip',
    'hci-bringup start --plan plan.xlsx --direct --site bj-dc1   # run by `npm run worker -- --site bj-dc1`',
  ],
};

export const startCommand: Command = { spec, run: runStartCommand };

/** The flags as the run reads them, built on use: zod loads with the command, not with `--help`. */
async function flagsSchema() {
  const { z } = await import('zod');
  const policy = z.enum(['auto', 'ask', 'skip']);
  return z.object({
    plan: z.string({ error: tBoth('cli.start.planRequired') }).min(1),
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
        error: tBoth('cli.start.badSchedule'),
      })
      .default('overlapped'),

    'keep-test-vms': z.boolean().default(false),
    'disruptive-tests': z
      .enum(['refuse', 'maintenance'], {
        error: tBoth('cli.start.badDisruptiveTests'),
      })
      .default('refuse'),
    'disruptive-host': z.string().min(1).optional(),
    site: z.string().optional(),
  });
}

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

async function runStartCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  // Loaded on use, not at the top: `--help` and the other commands never load them.
  const { WorkflowIdConflictPolicy } = await import('@temporalio/client');
  const { runWorkflowId, siteTaskQueue } = await import('../../config/site.js');
  const { loadPlan, localizeIssue, planSummary, PlanReadError } = await import('../../plan/index.js');
  const { bringUpWorkflow } = await import('../../workflows/index.js');
  const { bringUpStageKey, clusterNameKey, siteKey } = await import('../../workflows/search-attributes.js');
  const { connectClient } = await import('../temporal-client.js');
  const { followRun } = await import('../follow-run.js');
  const { writeEndOfRunReport } = await import('../../report/write.js');
  const flags = validFlags(await flagsSchema(), values, 'start', lang);
  if (!flags) return 2;
  // The site picks the task queue (its worker) and is part of the workflow id (docs/sites.md).
  const checked = await checkedSite(flags.site);
  if (!checked) return 2;
  const { site } = checked;

  const planFile = path.resolve(flags.plan);
  let plan: Plan;
  let planWarnings: PlanIssue[] = [];
  try {
    const loaded = await loadPlan(planFile);
    if (!loaded.plan) {
      console.error(t(lang, 'cli.start.planErrors', { count: loaded.errors.length }));
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

  const connectError = await checkConnectMode(plan, flags.endpoints, flags.direct, lang);
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
    packageNeeds(plan, {
      obs: flags.obs,
      backup: flags.backup,
      testload: flags.testload,
      stopAfter: flags['stop-after'],
    }),
    lang,
  );
  if (!packages.ok) {
    console.error(packages.text);
    return 2;
  }

  const workflowId = flags.id ?? runWorkflowId(plan.clusterName, site);
  const artifactsDir = path.resolve(flags.artifacts ?? path.join('artifacts', workflowId));
  mkdirSync(artifactsDir, { recursive: true });
  const run = runContext(flags);
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
    run,
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
      memo: { plan: planSummary(plan), timing: run.timing.name },
      typedSearchAttributes: [
        { key: clusterNameKey, value: plan.clusterName },
        { key: bringUpStageKey, value: 'pending' },
        ...(site ? [{ key: siteKey, value: site }] : []),
      ],
    });
    console.log(
      t(lang, 'cli.start.started', {
        id: workflowId,
        cluster: plan.clusterName,
        hosts: plan.hosts.length,
        timing: localizeText(run.timing.name, lang),
        site: site ? t(lang, 'cli.start.startedSite', { site, queue: siteTaskQueue(site) }) : '',
        cli: CLI,
      }),
    );
    for (const w of input.planWarnings ?? []) console.log(`  ! ${w}`);
    if (!flags.wait) {
      // An earlier run's report in the same place now shows this run (it is rewritten at its end).
      const { refreshExistingReport } = await import('../../report/write.js');
      await refreshExistingReport(client, workflowId, lang, path.join(artifactsDir, 'report.html'));
      return 0;
    }
    const code = await followRun(client, workflowId, lang);
    await writeEndOfRunReport(client, workflowId, lang, path.join(artifactsDir, 'report.html'));
    return code;
  } finally {
    await close();
  }
}

async function checkConnectMode(
  plan: Plan,
  endpoints: string | undefined,
  direct: boolean,
  lang: Lang,
): Promise<string | undefined> {
  const modeError = connectModeError({ endpoints, direct }, lang, bilingual('cli.start.modeError'));
  if (modeError || direct) return modeError;
  const { EndpointResolver } = await import('../../smartx/endpoints.js');
  let resolver: ReturnType<typeof EndpointResolver.fromFile>;
  try {
    resolver = EndpointResolver.fromFile(path.resolve(endpoints!));
  } catch (err) {
    return (err as Error).message;
  }
  const missing = addressesToReach(plan).filter(({ address, port }) => !resolver.maps(address, port));
  if (missing.length === 0) return undefined;
  return [
    t(lang, 'cli.start.endpointsMissing', { file: endpoints! }),
    ...missing.map((m) => `  ${m.what}: ${m.address}:${m.port}`),
  ].join('\n');
}
