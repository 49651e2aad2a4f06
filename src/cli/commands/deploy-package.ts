// `hci-bringup deploy-package --plan … | --hosts … --artifact f.tar.gz --service NAME …`: starts a
// package deployment through the physical deployer on the site's task queue. Passwords travel by
// reference only: the workbook's (plan:hosts.<name>.ssh.password) or `deploy:ssh-password`, which the
// worker resolves (HCI_SECRET_DEPLOY_SSH_PASSWORD, HCI_SECRETS_FILE).
import path from 'node:path';
import type { z as Zod } from 'zod';
import type { DeployTarget } from '../../run/deploy-package.js';
import { say, t, type Lang } from '../../i18n/index.js';
import { parseIpv4 } from '../../plan/ipv4.js';
import { toRunPlan } from '../../run/run-plan.js';
import { parseCommand, str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { packageExitCode, packageRunView, renderPackageRun } from '../package-status.js';
import { pickLang } from '../pick-lang.js';
import { checkedSite, connectModeError, REHEARSAL_OPTIONS, runContext, validFlags } from '../run-flags.js';
import { KUBERNETES_OPTIONS } from '../kubernetes-options.js';

const spec: CommandSpec = {
  name: 'deploy-package',
  summary: {
    zh: '把版本化的制品 (.tar.gz) 经 SSH 部署到一组机器 (先金丝雀，再分批；检查失败自动回滚)；加 --kubernetes 则部署到 Kubernetes',
    en: 'roll a versioned artifact (.tar.gz) onto machines over SSH (canary first, then batches; automatic rollback on a failed check); with --kubernetes, onto Kubernetes',
  },
  options: {
    plan: {
      type: 'string',
      value: '<workbook.xlsx>',
      help: {
        zh: '目标为规划表中的主机 (SSH 账号取自规划表)',
        en: "target the workbook's hosts (their SSH login)",
      },
    },
    hosts: {
      type: 'string',
      value: '<a,b,…>',
      help: {
        zh: '目标地址列表 (逗号分隔); 密码由 worker 从 HCI_SECRET_DEPLOY_SSH_PASSWORD 或密钥文件读取',
        en: 'target addresses (comma-separated); the worker reads the password from HCI_SECRET_DEPLOY_SSH_PASSWORD or its secrets file',
      },
    },
    'ssh-user': {
      type: 'string',
      value: '<user>',
      default: 'root',
      help: {
        zh: '--hosts 的 SSH 用户 (非 root 时用 sudo)',
        en: 'SSH user for --hosts (sudo when not root)',
      },
    },
    artifact: {
      type: 'string',
      value: '<file.tar.gz>',
      help: { zh: '制品 (必填)', en: 'the artifact (required)' },
    },
    service: {
      type: 'string',
      value: '<name>',
      help: { zh: 'systemd 服务名 (必填)', en: 'systemd service name (required)' },
    },
    keep: {
      type: 'string',
      value: '<n>',
      default: '3',
      help: { zh: '每台保留的版本数', en: 'releases kept per machine' },
    },
    concurrency: {
      type: 'string',
      value: '<n>',
      default: '4',
      help: { zh: '金丝雀之后同时部署的机器数', en: 'machines deployed at once after the canary' },
    },
    health: {
      type: 'string',
      value: '<url>',
      help: {
        zh: 'HTTP 健康检查地址; 主机名 localhost/{host} 指每台机器自身',
        en: 'HTTP health URL; host localhost/{host} means each machine itself',
      },
    },
    'tcp-port': { type: 'string', value: '<port>', help: { zh: 'TCP 检查端口', en: 'TCP check port' } },
    process: {
      type: 'string',
      value: '<name>',
      help: { zh: '进程检查 (pgrep -x)', en: 'process check (pgrep -x)' },
    },
    'check-timeout': {
      type: 'string',
      value: '<seconds>',
      default: '30',
      help: { zh: '重启后检查通过的最长等待', en: 'how long the checks may take to pass after a restart' },
    },
    endpoints: REHEARSAL_OPTIONS.endpoints,
    direct: {
      type: 'boolean',
      default: false,
      help: { zh: '现场直连目标地址', en: 'on site: connect to the target addresses' },
    },
    site: {
      type: 'string',
      value: '<name>',
      help: {
        zh: '站点名: 由该站点的 worker 执行; 默认 HCI_SITE',
        en: "site name: run by that site's worker; default HCI_SITE",
      },
    },
    speed: REHEARSAL_OPTIONS.speed,
    id: {
      type: 'string',
      value: WORKFLOW_ID_ARG,
      help: { zh: '部署 ID (默认 pkg-<服务>-<时间>)', en: 'deployment id (default pkg-<service>-<time>)' },
    },
    wait: {
      type: 'boolean',
      default: false,
      help: { zh: '等待结束并打印每台机器的结果', en: "wait for the end and print each machine's result" },
    },
    ...KUBERNETES_OPTIONS,
  },
  notes: {
    zh: '退出码: 0 已启动/全部成功, 1 有机器失败或回滚, 2 用法错误',
    en: 'exit codes: 0 started/all deployed, 1 a machine failed or was rolled back, 2 bad usage',
  },
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
  if (!!flags.plan === !!flags.hosts)
    return say(lang, {
      zh: '请给出 --plan 或 --hosts 其中之一',
      en: 'give exactly one of --plan or --hosts',
    });
  if (flags.hosts) {
    const list = flags.hosts
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const bad = list.filter((h) => parseIpv4(h) === undefined);
    if (bad.length || list.length === 0)
      return say(lang, {
        zh: `--hosts 需要 IPv4 地址: ${bad.join(', ')}`,
        en: `--hosts needs IPv4 addresses: ${bad.join(', ')}`,
      });
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
    if (!loaded.plan)
      return say(lang, {
        zh: `规划表有 ${loaded.errors.length} 个错误 (hci-bringup validate)`,
        en: `the workbook has ${loaded.errors.length} errors (hci-bringup validate)`,
      });
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
  const connectError = connectModeError(flags, lang, {
    zh: '需要 --endpoints <endpoints.json>（演练/测试），或在现场明确使用 --direct',
    en: 'give --endpoints <endpoints.json> (rehearsal/tests), or --direct on site',
  });
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
        say(lang, {
          zh: `端点映射缺少: ${missing.map((t) => t.address).join(', ')}（不会直连）`,
          en: `the endpoint map lacks: ${missing.map((t) => t.address).join(', ')} (never connected directly)`,
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
      say(lang, {
        zh: `已启动 ${deploymentId}（${flags.service}，${targets.length} 台机器，任务队列 ${taskQueue}）\n查看: hci-bringup status ${deploymentId}`,
        en: `started ${deploymentId} (${flags.service}, ${targets.length} machines, task queue ${taskQueue})\nsee it: hci-bringup status ${deploymentId}`,
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
