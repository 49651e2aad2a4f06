// `hci-bringup scale <deployment_id> --replicas n`: sets the replica count of the application a
// Kubernetes deployment rolled out (seed 004 ScaleDeployment), as a run on the site's worker. Also
// the Kubernetes side of `rollback`, which shares the lookup of the deployment.
import type { Client } from '@temporalio/client';
import { bilingual, t, type Lang } from '../../i18n/index.js';
import { bool, str, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'scale',
  summary: bilingual('cli.scale.summary'),
  args: '<deployment_id>',
  options: {
    replicas: {
      type: 'string',
      value: '<n>',
      help: bilingual('cli.scale.opt.replicas'),
    },
    wait: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.scale.opt.wait'),
    },
  },
  examples: ['hci-bringup scale k8s-api-service-20261207-130000 --replicas 5 --wait'],
};

export const scaleCommand: Command = { spec, run: runScaleCommand };

export async function isKubernetesDeployment(client: Client, id: string): Promise<boolean> {
  const d = await client.workflow
    .getHandle(id)
    .describe()
    .catch(() => undefined);
  return d?.type === 'deployKubernetesWorkflow';
}

function runScaleCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: target, lang, values }) => {
    const replicas = Number(str(values, 'replicas'));
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 1000) {
      console.error(t(lang, 'k8s.replicasInvalid'));
      return 2;
    }
    if (!(await isKubernetesDeployment(client, target))) {
      console.error(t(lang, 'k8s.notKubernetes', { id: target }));
      return 1;
    }
    const { DeployerError } = await import('../../deployer/deployer.js');
    const { kubernetesDeployer } = await import('../../deployer/kubernetes.js');
    let started;
    try {
      started = await kubernetesDeployer.scale(client, { targetDeploymentId: target, replicas });
    } catch (err) {
      if (!(err instanceof DeployerError)) throw err;
      console.error(t(lang, err.key, err.params as never));
      return 1;
    }
    console.log(t(lang, 'k8s.scaleStarted', { id: started.deploymentId, replicas: String(replicas) }));
    if (!bool(values, 'wait')) return 0;
    const { waitAndRender } = await import('./deploy-kubernetes.js');
    return waitAndRender(client, started.deploymentId, lang);
  });
}

/** `rollback <id>` of a Kubernetes deployment. */
export async function rollbackKubernetes(
  client: Client,
  target: string,
  lang: Lang,
  wait: boolean,
): Promise<number> {
  const { DeployerError } = await import('../../deployer/deployer.js');
  const { kubernetesDeployer } = await import('../../deployer/kubernetes.js');
  let started;
  try {
    started = await kubernetesDeployer.rollback(client, { targetDeploymentId: target });
  } catch (err) {
    if (!(err instanceof DeployerError)) throw err;
    console.error(t(lang, err.key, err.params as never));
    return 1;
  }
  const to = started.plan?.[0];
  console.log(
    t(lang, 'k8s.rollbackStarted', {
      id: started.deploymentId,
      app: to?.machine ?? '-',
      version: to?.toVersion ?? '-',
    }),
  );
  if (!wait) return 0;
  const { waitAndRender } = await import('./deploy-kubernetes.js');
  return waitAndRender(client, started.deploymentId, lang);
}
