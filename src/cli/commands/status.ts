// `hci-bringup status <workflow-id> [--json]`: a run once; package deployments and rollbacks show
// their per-machine results.
import { bool, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import {
  PACKAGE_WORKFLOW_TYPES,
  packageExitCode,
  packageRunView,
  renderPackageRun,
} from '../package-status.js';
import { renderRunView } from '../render.js';
import { KUBERNETES_WORKFLOW_TYPES } from '../kubernetes-options.js';
import { withRunClient } from '../with-run-client.js';
import { bilingual } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'status',
  summary: bilingual('cli.status.summary'),
  args: WORKFLOW_ID_ARG,
  options: { json: { type: 'boolean', default: false, help: bilingual('cli.opt.json') } },
  notes: bilingual('cli.status.notes'),
  examples: ['hci-bringup status bringup-CN-BJ-SMTX-Prod-Cls01 --json'],
};

export const statusCommand: Command = { spec, run: runStatusCommand };

function runStatusCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: workflowId, lang, values }) => {
    const { fetchRunView } = await import('../../report/run-view.js');
    const { exitCodeOf } = await import('../follow-run.js');
    // Package deployments and rollbacks show their per-machine results (deploy-package).
    const type = await client.workflow
      .getHandle(workflowId)
      .describe()
      .then((d) => d.type)
      .catch(() => undefined);
    if (type && PACKAGE_WORKFLOW_TYPES.has(type)) {
      const { status, view } = await packageRunView(client, workflowId);
      console.log(
        bool(values, 'json')
          ? JSON.stringify({ status, ...view }, null, 2)
          : renderPackageRun(workflowId, status, view, lang),
      );
      return packageExitCode(status, view);
    }
    if (type && KUBERNETES_WORKFLOW_TYPES.has(type)) {
      const { kubernetesStatus } = await import('./deploy-kubernetes.js');
      return kubernetesStatus(client, workflowId, lang, bool(values, 'json'));
    }
    const view = await fetchRunView(client, workflowId);
    console.log(bool(values, 'json') ? JSON.stringify(view, null, 2) : renderRunView(view, lang));
    // A run that ended since its report was written: the report says how it ended.
    if (view.history?.closedAtMs !== undefined) {
      const { refreshExistingReport } = await import('../../report/write.js');
      await refreshExistingReport(client, workflowId, lang, undefined, view.history.closedAtMs);
    }
    return exitCodeOf(view);
  });
}
