// `hci-bringup skip <workflow-id> <obs|backup|testload>`: leaves out a waiting optional component, or
// accepts the failure of one that waits for retry.
import { WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { sendDecision } from '../send-decision.js';
import { bilingual } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'skip',
  summary: bilingual('cli.skip.summary'),
  notes: bilingual('cli.skip.notes'),
  args: `${WORKFLOW_ID_ARG} <obs|backup|testload>`,
  options: {},
  examples: ['hci-bringup skip bringup-CN-BJ-SMTX-Prod-Cls01 obs'],
};

export const skipCommand: Command = { spec, run: (argv) => sendDecision('skip', spec, argv) };
