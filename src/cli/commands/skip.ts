// `hci-bringup skip <workflow-id> <obs|backup|testload>`: leaves out a waiting optional component, or
// accepts the failure of one that waits for retry.
import { WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { sendDecision } from '../send-decision.js';

const spec: CommandSpec = {
  name: 'skip',
  summary: {
    zh: '跳过等待中的可选组件 (obs|backup|testload)',
    en: 'skip an optional component that waits (obs|backup|testload)',
  },
  notes: {
    zh: '对已失败并等待 retry 的组件执行 skip: 接受失败，运行以“完成但需关注”结束',
    en: 'skip on a component that failed and waits for retry: leave it failed; the run ends "completed with failures"',
  },
  args: `${WORKFLOW_ID_ARG} <obs|backup|testload>`,
  options: {},
  examples: ['hci-bringup skip bringup-CN-BJ-SMTX-Prod-Cls01 obs'],
};

export const skipCommand: Command = { spec, run: (argv) => sendDecision('skip', spec, argv) };
