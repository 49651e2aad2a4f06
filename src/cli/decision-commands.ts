import { z } from 'zod';
import { approveSignal, retrySignal, skipSignal } from '../workflows/messages.js';
import { OPTIONAL_COMPONENTS } from '../run/stages.js';
import { missingArgument, parseCommand, str } from './command-spec.js';
import { pickLang, say } from './lang.js';
import { approveSpec, retrySpec, skipSpec } from './specs.js';
import { connectClient } from './temporal-client.js';

const componentSchema = z.enum(OPTIONAL_COMPONENTS);

/** `approve <id> <component>` / `skip <id> <component>`: the operator's decision, sent as a durable signal. */
export async function runDecisionCommand(kind: 'approve' | 'skip', argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(kind === 'approve' ? approveSpec : skipSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId, componentArg] = positionals;
  const component = componentSchema.safeParse(componentArg);
  if (!workflowId || !component.success) {
    console.error(
      missingArgument(
        kind === 'approve' ? approveSpec : skipSpec,
        lang,
        workflowId ? `<${OPTIONAL_COMPONENTS.join('|')}>` : '<workflow-id>',
      ),
    );
    return 2;
  }
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

/** `retry <id>`: after fixing the cause of a failed step, run it again. */
export async function runRetryCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(retrySpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(missingArgument(retrySpec, lang, '<workflow-id>'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    await client.workflow.getHandle(workflowId).signal(retrySignal);
    console.log(
      say(lang, {
        zh: `已请求重试 ${workflowId} 的失败步骤`,
        en: `asked ${workflowId} to retry its failed step`,
      }),
    );
    return 0;
  } finally {
    await close();
  }
}
