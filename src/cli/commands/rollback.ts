// `hci-bringup rollback <deployment_id>`: rolls a whole package deployment back to the version each
// machine had before it (the physical deployer reads them from the deployment's result), or a
// Kubernetes deployment back to the revision that was live before it (the Kubernetes deployer).
import { bilingual, t } from '../../i18n/index.js';
import { bool, type Command, type CommandSpec } from '../command-spec.js';
import { packageExitCode, packageRunView, renderPackageRun } from '../package-status.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'rollback',
  summary: bilingual('cli.rollback.summary'),
  args: '<deployment_id>',
  options: {
    wait: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.opt.waitPerMachine'),
    },
  },
  examples: ['hci-bringup rollback pkg-demo-20261130-0400 --wait'],
};

export const rollbackCommand: Command = { spec, run: runRollbackCommand };

function runRollbackCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: target, lang, values }) => {
    const { DeployerError } = await import('../../deployer/deployer.js');
    const { physicalDeployer } = await import('../../deployer/physical.js');
    const { isKubernetesDeployment } = await import('./scale.js');
    if (await isKubernetesDeployment(client, target)) {
      const { rollbackKubernetes } = await import('./scale.js');
      return rollbackKubernetes(client, target, lang, bool(values, 'wait'));
    }
    let started;
    try {
      started = await physicalDeployer.rollback(client, { targetDeploymentId: target });
    } catch (err) {
      if (!(err instanceof DeployerError)) throw err;
      console.error(t(lang, err.key, err.params as never));
      return 1;
    }
    console.log(
      t(lang, 'rollback.started', {
        id: started.deploymentId,
        plan: (started.plan ?? [])
          .map((p) => `${p.machine} → ${p.toVersion ?? t(lang, 'rollback.serviceStopped')}`)
          .join(', '),
      }),
    );
    if (!bool(values, 'wait')) return 0;
    await client.workflow.getHandle(started.deploymentId).result();
    const { status, view } = await packageRunView(client, started.deploymentId);
    console.log(renderPackageRun(started.deploymentId, status, view, lang));
    return packageExitCode(status, view);
  });
}
