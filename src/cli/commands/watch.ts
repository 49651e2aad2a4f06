// `hci-bringup watch <workflow-id>`: follows a run until it is closed, through failures, retries and
// approvals, then writes its report.
import { str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'watch',
  summary: {
    zh: '实时跟随运行直到结束 (含失败、retry 与批准等待)',
    en: 'follow a run until it ends (through failures, retries and approvals)',
  },
  args: WORKFLOW_ID_ARG,
  options: {
    interval: {
      type: 'string',
      value: '<ms>',
      default: '1000',
      help: { zh: '刷新间隔 (毫秒)', en: 'refresh interval (milliseconds)' },
    },
  },
  notes: {
    zh: '退出码: 0 成功 (或按要求停止), 1 失败、终止或取消, 4 完成但需关注 (可选组件失败)。终端上原地刷新；输出到日志时只打印变化的行',
    en: 'exit codes: 0 succeeded (or stopped as asked), 1 failed, terminated or cancelled, 4 completed with failures (an optional component failed). Redraws in place on a terminal; in a log, prints only the lines that changed',
  },
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
