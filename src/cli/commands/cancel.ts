// `hci-bringup cancel <workflow-id>`: stops a run from the operator's own command (no `temporal`
// binary needed): the running steps get the cancellation, the run ends as cancelled, and the command
// waits a little for that so `cleanup` can follow at once.
import { str, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';
import { bilingual } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'cancel',
  summary: bilingual('cli.cancel.summary'),
  args: WORKFLOW_ID_ARG,
  options: {
    wait: {
      type: 'string',
      value: '<seconds>',
      default: '60',
      help: bilingual('cli.cancel.opt.wait'),
    },
  },
  notes: bilingual('cli.cancel.notes'),
  examples: ['hci-bringup cancel bringup-CN-BJ-SMTX-Prod-Cls01'],
};

export const cancelCommand: Command = { spec, run: runCancelCommand };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCancelCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId, lang, values }) => {
    const { t, runState, CLI } = await import('../../i18n/index.js');
    const waitSeconds = Math.max(0, Number(str(values, 'wait') ?? 60) || 0);
    const handle = client.workflow.getHandle(runId);
    // Not found: the starter says so in both languages, with the hint to `list` (cli/errors.ts).
    const before = await handle.describe();
    if (before.status.name !== 'RUNNING') {
      console.log(t(lang, 'cancel.alreadyClosed', { id: runId, state: runState(before.status.name, lang) }));
      return 0;
    }
    await handle.cancel();
    console.log(t(lang, 'cancel.requested', { id: runId }));
    const end = Date.now() + waitSeconds * 1000;
    while (Date.now() < end) {
      const now = await handle.describe();
      if (now.status.name !== 'RUNNING') {
        console.log(t(lang, 'cancel.ended', { id: runId, state: runState(now.status.name, lang) }));
        console.log(t(lang, 'cancel.next', { command: `${CLI} cleanup ${runId} --dry-run` }));
        return 0;
      }
      await sleep(500);
    }
    console.log(t(lang, 'cancel.stillClosing', { id: runId, command: `${CLI} status ${runId}` }));
    return 0;
  });
}
