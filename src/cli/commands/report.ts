// `hci-bringup report <workflow-id> [--out report.html]`: a run's self-contained HTML report.
import { say } from '../../i18n/index.js';
import { str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'report',
  summary: {
    zh: '生成一次运行的 HTML 报告 (单个文件，可打印为 PDF)',
    en: "write a run's HTML report (one self-contained file, prints to PDF)",
  },
  args: WORKFLOW_ID_ARG,
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<report.html>',
      help: {
        zh: '输出文件 (默认 artifacts/<id>/report.html)',
        en: 'file to write (default artifacts/<id>/report.html)',
      },
    },
  },
  notes: {
    zh: '报告不含任何密码；运行中的运行也可生成 (显示当前进度)。',
    en: 'the report holds no password; a run still in progress gets a report of its progress so far.',
  },
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
      say(lang, {
        zh: `已写出报告 ${file}${status === 'RUNNING' ? ' (运行尚未结束，报告为当前进度)' : ''}`,
        en: `report written to ${file}${status === 'RUNNING' ? ' (the run is still in progress)' : ''}`,
      }),
    );
    return 0;
  });
}
