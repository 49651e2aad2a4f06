// `hci-bringup deploy-package --plan … | --hosts … --artifact f.tar.gz --service NAME …`: starts a
// package deployment through the physical deployer on the site's task queue. Passwords travel by
// reference only: the workbook's (plan:hosts.<name>.ssh.password) or `deploy:ssh-password`, which the
// worker resolves (HCI_SECRET_DEPLOY_SSH_PASSWORD, HCI_SECRETS_FILE).
import path from 'node:path';
import { z } from 'zod';
import type { DeployTarget } from '../run/deploy-package.js';
import { siteOf, SiteNameError, siteTaskQueue } from '../config/site.js';
import { physicalDeployer } from '../deployer/physical.js';
import { loadPlan, PlanReadError } from '../plan/index.js';
import { parseIpv4 } from '../plan/ipv4.js';
import { toRunPlan } from '../run/run-plan.js';
import { simulatorTiming, siteTiming } from '../run/timing.js';
import { EndpointResolver } from '../smartx/index.js';
import { parseCommand, str } from './command-spec.js';
import { pickLang, say, type Lang } from './lang.js';
import { packageExitCode, packageRunView, renderPackageRun } from './package-status.js';
import { deployPackageSpec } from './specs.js';
import { connectClient } from './temporal-client.js';

export const DEPLOY_SSH_PASSWORD_REF = 'deploy:ssh-password';

const flagsSchema = z.object({
  plan: z.string().min(1).optional(),
  hosts: z.string().min(1).optional(),
  'ssh-user': z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/i)
    .default('root'),
  artifact: z.string({ error: '缺少制品 / --artifact <file.tar.gz> is required' }).min(1),
  service: z
    .string({ error: '缺少服务名 / --service <name> is required' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/),
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

async function targetsOf(flags: z.infer<typeof flagsSchema>, lang: Lang): Promise<DeployTarget[] | string> {
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

export async function runDeployPackageCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(deployPackageSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(
      say(lang, {
        zh: '查看用法: hci-bringup deploy-package --help',
        en: 'usage: hci-bringup deploy-package --help',
      }),
    );
    return 2;
  }
  const flags = parsed.data;
  let site: string | undefined;
  try {
    site = siteOf(flags.site);
  } catch (err) {
    if (!(err instanceof SiteNameError)) throw err;
    console.error(err.message);
    return 2;
  }
  const targets = await targetsOf(flags, lang);
  if (typeof targets === 'string') {
    console.error(targets);
    return 2;
  }
  if (flags.endpoints && flags.direct) {
    console.error(
      say(lang, { zh: '--endpoints 与 --direct 只能选一个', en: 'choose either --endpoints or --direct' }),
    );
    return 2;
  }
  if (!flags.endpoints && !flags.direct) {
    console.error(
      say(lang, {
        zh: '需要 --endpoints <endpoints.json>（演练/测试），或在现场明确使用 --direct',
        en: 'give --endpoints <endpoints.json> (rehearsal/tests), or --direct on site',
      }),
    );
    return 2;
  }
  if (flags.endpoints) {
    // Fail closed before anything starts: every target's SSH port must be in the map.
    const resolver = EndpointResolver.fromFile(path.resolve(flags.endpoints));
    const missing = targets.filter((t) => {
      try {
        resolver.resolve(t.address, 22);
        return false;
      } catch {
        return true;
      }
    });
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
  const taskQueue = siteTaskQueue(site);
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
      run: {
        connect: flags.direct
          ? { mode: 'direct' }
          : { mode: 'map', endpointMapFile: path.resolve(flags.endpoints!) },
        timing: flags.speed ? simulatorTiming(flags.speed) : siteTiming,
      },
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
