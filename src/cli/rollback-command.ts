// `hci-bringup rollback <deployment_id>`: rolls a whole package deployment back to the version each
// machine had before it (the physical deployer reads them from the deployment's result).
import { bool, missingArgument, parseCommand, str } from './command-spec.js';
import { DeployerError } from '../deployer/deployer.js';
import { physicalDeployer } from '../deployer/physical.js';
import { pickLang, say } from './lang.js';
import { packageExitCode, packageRunView, renderPackageRun } from './package-status.js';
import { rollbackSpec } from './specs.js';
import { connectClient } from './temporal-client.js';

export async function runRollbackCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(rollbackSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [target] = positionals;
  if (!target) {
    console.error(missingArgument(rollbackSpec, lang, '<deployment_id>'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    let started;
    try {
      started = await physicalDeployer.rollback(client, { targetDeploymentId: target });
    } catch (err) {
      if (!(err instanceof DeployerError)) throw err;
      console.error(err.message);
      return 1;
    }
    console.log(
      say(lang, {
        zh: `已启动回滚 ${started.deploymentId}: ${(started.plan ?? []).map((p) => `${p.machine} → ${p.toVersion ?? '停止服务'}`).join(', ')}`,
        en: `started rollback ${started.deploymentId}: ${(started.plan ?? []).map((p) => `${p.machine} → ${p.toVersion ?? 'service stopped'}`).join(', ')}`,
      }),
    );
    if (!bool(values, 'wait')) return 0;
    await client.workflow.getHandle(started.deploymentId).result();
    const { status, view } = await packageRunView(client, started.deploymentId);
    console.log(renderPackageRun(started.deploymentId, status, view, lang));
    return packageExitCode(status, view);
  } finally {
    await close();
  }
}
