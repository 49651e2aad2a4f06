// `hci-bringup watch <workflow-id>`: follows a run until it is closed, through failures, retries and
// approvals, then writes its report.
import { str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';
import { bilingual } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'watch',
  summary: bilingual('cli.watch.summary'),
  args: WORKFLOW_ID_ARG,
  options: {
    interval: {
      type: 'string',
      value: '<ms>',
      default: '1000',
      help: bilingual('cli.watch.opt.interval'),
    },
  },
  notes: bilingual('cli.watch.notes'),
  examples: ['hci-bringup watch bringup-CN-BJ-SMTX-Prod-Cls01'],
};

export const watchCommand: Command = { spec, run: runWatchCommand };

function runWatchCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: workflowId, lang, values }) => {
    const interval = Number(str(values, 'interval') ?? 1000) || 1000;
    // A package deployment or rollback has machines, not stages (deploy-package).
    const { PACKAGE_WORKFLOW_TYPES, followPackageRun } = await import('../package-status.js');
    const type = await client.workflow
      .getHandle(workflowId)
      .describe()
      .then((d) => d.type)
      .catch(() => undefined);
    if (type && PACKAGE_WORKFLOW_TYPES.has(type)) return followPackageRun(client, workflowId, lang, interval);
    const { followRun } = await import('../follow-run.js');
    const { writeEndOfRunReport } = await import('../../report/write.js');
    if (process.stdout.isTTY) process.stdout.write('\x1b[2J');
    const code = await followRun(client, workflowId, lang, interval, {
      untilClosed: true,
    });
    await writeEndOfRunReport(client, workflowId, lang);
    return code;
  });
}
