// `hci-bringup approve <workflow-id> <obs|backup|testload>`: lets a waiting optional component run.
import { WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { sendDecision } from '../send-decision.js';

const spec: CommandSpec = {
  name: 'approve',
  summary: {
    zh: '批准等待中的可选组件 (obs|backup|testload)',
    en: 'approve an optional component that waits (obs|backup|testload)',
  },
  args: `${WORKFLOW_ID_ARG} <obs|backup|testload>`,
  options: {},
  examples: ['hci-bringup approve bringup-CN-BJ-SMTX-Prod-Cls01 obs'],
};

export const approveCommand: Command = { spec, run: (argv) => sendDecision('approve', spec, argv) };
