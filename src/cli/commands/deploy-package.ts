// `hci-bringup deploy-package --plan … | --hosts … --artifact f.tar.gz --service NAME …`: starts a
// package deployment through the physical deployer on the site's task queue. Passwords travel by
// reference only: the workbook's (plan:hosts.<name>.ssh.password) or `deploy:ssh-password`, which the
// worker resolves (HCI_SECRET_DEPLOY_SSH_PASSWORD, HCI_SECRETS_FILE).
import path from 'node:path';
import type { z as Zod } from 'zod';
import type { DeployTarget } from '../../run/deploy-package.js';
import { bilingual, type Lang, t } from '../../i18n/index.js';
import { parseIpv4 } from '../../plan/ipv4.js';
import { toRunPlan } from '../../run/run-plan.js';
import { parseCommand, str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { packageExitCode, packageRunView, renderPackageRun } from '../package-status.js';
import { pickLang } from '../pick-lang.js';
import { checkedSite, connectModeError, REHEARSAL_OPTIONS, runContext, validFlags } from '../run-flags.js';
import { KUBERNETES_OPTIONS } from '../kubernetes-options.js';

const spec: CommandSpec = {
  name: 'deploy-package',
  summary: bilingual('cli.deployPackage.summary'),
  options: {
    plan: {
      type: 'string',
      value: '<workbook.xlsx>',
      help: bilingual('cli.deployPackage.opt.plan'),
    },
    hosts: {
      type: 'string',
      value: '<a,b,…>',
      help: bilingual('cli.deployPackage.opt.hosts'),
    },
    'ssh-user': {
      type: 'string',
      value: '<user>',
      default: 'root',
      help: bilingual('cli.deployPackage.opt.sshUser'),
    },
    artifact: {
      type: 'string',
      value: '<file.tar.gz>',
      help: bilingual('cli.deployPackage.opt.artifact'),
    },
    service: {
      type: 'string',
      value: '<name>',
      help: bilingual('cli.deployPackage.opt.service'),
    },
    keep: {
      type: 'string',
      value: '<n>',
      default: '3',
      help: bilingual('cli.deployPackage.opt.keep'),
    },
    concurrency: {
      type: 'string',
      value: '<n>',
      default: '4',
      help: bilingual('cli.deployPackage.opt.concurrency'),
    },
    health: {
      type: 'string',
      value: '<url>',
      // `{host}` is the option's own syntax, shown as it is.
      help: bilingual('cli.deployPackage.opt.health', { host: '{host}' }),
    },
    'tcp-port': { type: 'string', value: '<port>', help: bilingual('cli.deployPackage.opt.tcpPort') },
    process: {
      type: 'string',
      value: '<name>',
      help: bilingual('cli.deployPackage.opt.process'),
    },
    'check-timeout': {
      type: 'string',
      value: '<seconds>',
      default: '30',
      help: bilingual('cli.deployPackage.opt.checkTimeout'),
    },
    endpoints: REHEARSAL_OPTIONS.endpoints,
    direct: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.deployPackage.opt.direct'),
    },
    site: {
      type: 'string',
      value: '<name>',
      help: bilingual('cli.deployPackage.opt.site'),
    },
    speed: REHEARSAL_OPTIONS.speed,
    id: {
      type: 'string',
      value: WORKFLOW_ID_ARG,
      help: bilingual('cli.deployPackage.opt.id'),
    },
    wait: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.opt.waitPerMachine'),
    },
    ...KUBERNETES_OPTIONS,
  },
  notes: bilingual('cli.deployPackage.notes'),
  examples: [
    'hci-bringup deploy-package --hosts 10.0.20.11,10.0.20.12,10.0.20.13 --artifact demo-1.2.0.tar.gz --service demo --health http://localhost:8080/health --endpoints sim/endpoints.json --wait',
    'hci-bringup deploy-package --plan plan.xlsx --artifact agent-2.0.tar.gz --service agent --keep 3 --concurrency 4 --direct',
    'hci-bringup deploy-package --kubernetes --service api-service --image org/api-service:v1.0.0 --namespace production --replicas 3 --kubeconfig ~/.kube/config --wait',
  ],
};

export const deployPackageCommand: Command = { spec, run: runDeployPackageCommand };

export const DEPLOY_SSH_PASSWORD_REF = 'deploy:ssh-password';

/** The flags as the run reads them, built on use: zod loads with the command, not with `--help`. */
async function flagsSchema(lang: Lang) {
  const { z } = await import('zod');
  return z.object({
    plan: z.string().min(1).optional(),
    hosts: z.string().min(1).optional(),
    'ssh-user': z
      .string()
      .regex(/^[a-z_][a-z0-9_-]*$/i)
      .default('root'),
    artifact: z.string({ error: t(lang, 'deployer.artifactRequired') }).min(1),
    service: z
      .string({ error: t(lang, 'deployer.serviceRequired') })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, { error: t(lang, 'deployer.serviceInvalid') }),
    keep: z.coerce.number().int().min(1).max(100).default(3),
    concurrency: z.coerce.number().int().min(1).max(64).default(4),
    health: z.url().optional(),
    'tcp-port': z.coerce.number().int().min(1).max(65535).optional(),
    process: z
      .string()
      .regex(/^[\w.@-]{1,15}$/)
      .optional(),
    'check-timeout': z.coerce.number().int().min(1).max(3600).default(30),
    endpoints: z.string().optional(),
    direct: z.boolean().default(false),
    site: z.string().optional(),
    speed: z.coerce.number().positive().optional(),
    id: z
      .string()
      .regex(/^[\w.:@+-]{1,200}$/)
      .optional(),
    wait: z.boolean().default(false),
  });
}

type Flags = Zod.infer<Awaited<ReturnType<typeof flagsSchema>>>;

async function targetsOf(flags: Flags, lang: Lang): Promise<DeployTarget[] | string> {
  if (!!flags.plan === !!flags.hosts) return t(lang, 'cli.deployPackage.planOrHosts');
  if (flags.hosts) {
    const list = flags.hosts
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const bad = list.filter((h) => parseIpv4(h) === undefined);
    if (bad.length || list.length === 0)
      return t(lang, 'cli.deployPackage.hostsNotIpv4', { hosts: bad.join(', ') });
    return [...new Set(list)].map((address) => ({
      name: address,
      address,
      user: flags['ssh-user'],
      password: { secretRef: DEPLOY_SSH_PASSWORD_REF },
    }));
  }
  const { loadPlan, PlanReadError } = await import('../../plan/index.js');
  const file = path.resolve(flags.plan!);
  try {
    const loaded = await loadPlan(file);
    if (!loaded.plan) return t(lang, 'cli.deployPackage.planErrors', { count: loaded.errors.length });
    const plan = toRunPlan(loaded.plan, file);
    return plan.hosts.map((h) => ({
      name: h.hostname,
      address: h.managementIp,
      user: h.ssh.user,
      password: h.ssh.password,
    }));
  } catch (err) {
    if (err instanceof PlanReadError) return err.message;
    throw err;
  }
}

async function runDeployPackageCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  if (values.kubernetes === true) {
    const { runKubernetesDeploy } = await import('./deploy-kubernetes.js');
    return runKubernetesDeploy(values, lang);
  }
  const flags = validFlags(await flagsSchema(lang), values, 'deploy-package', lang);
  if (!flags) return 2;
  const checked = await checkedSite(flags.site);
  if (!checked) return 2;
  const { site } = checked;
  // Before anything starts: an artifact the worker would refuse is refused here, in the operator's language.
  const { inspectArtifactFile } = await import('../../plan/package-artifact.js');
  const inspected = await inspectArtifactFile(path.resolve(flags.artifact), flags.service);
  if (inspected.problem) {
    console.error(t(lang, inspected.problem.key, inspected.problem.params as never));
    return 2;
  }
  const targets = await targetsOf(flags, lang);
  if (typeof targets === 'string') {
    console.error(targets);
    return 2;
  }
  const connectError = connectModeError(flags, lang, bilingual('cli.deployPackage.connectError'));
  if (connectError) {
    console.error(connectError);
    return 2;
  }
  if (flags.endpoints) {
    // Fail closed before anything starts: every target's SSH port must be in the map.
    const { EndpointResolver } = await import('../../smartx/endpoints.js');
    const resolver = EndpointResolver.fromFile(path.resolve(flags.endpoints));
    const missing = targets.filter((t) => !resolver.maps(t.address, 22));
    if (missing.length) {
      console.error(
        t(lang, 'cli.deployPackage.endpointsMissing', {
          addresses: missing.map((m) => m.address).join(', '),
        }),
      );
      return 2;
    }
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const deploymentId = flags.id ?? `pkg-${site ? `${site}-` : ''}${flags.service}-${stamp}`;
  const { siteTaskQueue } = await import('../../config/site.js');
  const taskQueue = siteTaskQueue(site);
  const { physicalDeployer } = await import('../../deployer/physical.js');
  const { connectClient } = await import('../temporal-client.js');
  const { client, close } = await connectClient();
  try {
    await physicalDeployer.deploy(client, {
      deploymentId,
      taskQueue,
      service: flags.service,
      artifactPath: path.resolve(flags.artifact),
      targets,
      keep: flags.keep,
      concurrency: flags.concurrency,
      checks: {
        http: flags.health,
        tcpPort: flags['tcp-port'],
        process: flags.process,
        timeoutSeconds: flags['check-timeout'],
      },
      run: runContext(flags),
      memo: site ? { site } : undefined,
    });
    console.log(
      t(lang, 'cli.deployPackage.started', {
        id: deploymentId,
        service: flags.service,
        count: targets.length,
        queue: taskQueue,
      }),
    );
    if (!flags.wait) return 0;
    await client.workflow.getHandle(deploymentId).result();
    const { status, view } = await packageRunView(client, deploymentId);
    console.log(renderPackageRun(deploymentId, status, view, lang));
    return packageExitCode(status, view);
  } finally {
    await close();
  }
}
