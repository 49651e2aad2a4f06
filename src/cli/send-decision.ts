// `approve` and `skip` (cli/commands): the operator's decision on an optional component that waits,
// sent as a durable signal.
import { say } from '../i18n/index.js';
import { OPTIONAL_COMPONENTS } from '../run/stages.js';
import { missingArgument, parseCommand, str, WORKFLOW_ID_ARG, type CommandSpec } from './command-spec.js';
import { pickLang } from './pick-lang.js';

/** `<kind> <workflow-id> <component>`: exit 0 sent, 2 a missing or unknown argument. */
export async function sendDecision(
  kind: 'approve' | 'skip',
  spec: CommandSpec,
  argv: string[],
): Promise<number> {
  const { values, positionals } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId, componentArg] = positionals;
  const { z } = await import('zod');
  const component = z.enum(OPTIONAL_COMPONENTS).safeParse(componentArg);
  if (!workflowId || !component.success) {
    console.error(
      missingArgument(spec, lang, workflowId ? `<${OPTIONAL_COMPONENTS.join('|')}>` : WORKFLOW_ID_ARG),
    );
    return 2;
  }
  const { approveSignal, skipSignal } = await import('../workflows/messages.js');
  const { connectClient } = await import('./temporal-client.js');
  const { client, close } = await connectClient();
  try {
    await client.workflow
      .getHandle(workflowId)
      .signal(kind === 'approve' ? approveSignal : skipSignal, component.data);
    console.log(
      say(lang, {
        zh: `已发送 ${kind === 'approve' ? '批准' : '跳过'} ${component.data} 到 ${workflowId}`,
        en: `sent ${kind} ${component.data} to ${workflowId}`,
      }),
    );
    return 0;
  } finally {
    await close();
  }
}
