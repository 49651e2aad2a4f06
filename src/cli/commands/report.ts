// `hci-bringup report <workflow-id> [--out report.html]`: a run's self-contained HTML report.
import { bilingual, t } from '../../i18n/index.js';
import { str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'report',
  summary: bilingual('cli.report.summary'),
  args: WORKFLOW_ID_ARG,
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<report.html>',
      help: bilingual('cli.report.opt.out'),
    },
  },
  notes: bilingual('cli.report.notes'),
  examples: [
    'hci-bringup report bringup-CN-BJ-SMTX-Prod-Cls01',
    'hci-bringup report bringup-CN-BJ-SMTX-Prod-Cls01 --out report.html --lang en',
  ],
};

export const reportCommand: Command = { spec, run: runReportCommand };

function runReportCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: workflowId, lang, values }) => {
    const { writeRunReport } = await import('../../report/write.js');
    const { file, status } = await writeRunReport(client, workflowId, lang, str(values, 'out'));
    console.log(
      status === 'RUNNING'
        ? t(lang, 'cli.report.writtenInProgress', { file })
        : t(lang, 'cli.report.written', { file }),
    );
    return 0;
  });
}
