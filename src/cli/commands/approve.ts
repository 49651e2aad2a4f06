// `hci-bringup approve <workflow-id> <obs|backup|testload>`: lets a waiting optional component run.
import { WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { sendDecision } from '../send-decision.js';
import { bilingual } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'approve',
  summary: bilingual('cli.approve.summary'),
  args: `${WORKFLOW_ID_ARG} <obs|backup|testload>`,
  options: {},
  examples: ['hci-bringup approve bringup-CN-BJ-SMTX-Prod-Cls01 obs'],
};

export const approveCommand: Command = { spec, run: (argv) => sendDecision('approve', spec, argv) };
