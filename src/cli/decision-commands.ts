import { WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { approveSignal, retryUpdate, skipSignal } from '../workflows/messages.js';
import { OPTIONAL_COMPONENTS, type RetryAnswer } from '../run/stages.js';
import { missingArgument, parseCommand, str } from './command-spec.js';
import { pickLang, say, type Lang } from './lang.js';
import { stageName } from './render.js';
import { approveSpec, retrySpec, skipSpec } from './specs.js';
import { connectClient } from './temporal-client.js';
import { CLI, stepLabel } from '../i18n/index.js';

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

/** What the run answered to `retry`, in the operator's language. */
export function retryAnswerText(workflowId: string, answer: RetryAnswer, lang: Lang): string {
  if (answer.kind === 'stage') {
    const stage = stageName(answer.stage, lang);
    const step = answer.failedStep;
    const at = step ? stepLabel(step, lang) : '';
    return say(lang, {
      zh: `${workflowId}: 已从第一步重新开始阶段「${stage}」${step ? `（上次失败于步骤「${at}」${step}）` : ''}`,
      en: `${workflowId}: restarted stage "${stage}" from its first step${step ? ` (it failed at step "${at}", ${step})` : ''}`,
    });
  }
  const names = answer.stages.map((s) => stageName(s, lang));
  return say(lang, {
    zh: `${workflowId}: 已重新运行组件 ${answer.components.join('、')}（${names.join('、')}）`,
    en: `${workflowId}: rerunning component ${answer.components.join(', ')} (${names.join(', ')})`,
  });
}

/**
 * `retry <id>`: after fixing the cause, rerun the failed stage or component. Sent as an Update so
 * the run answers what restarted, or refuses (its validator) when nothing has failed.
 */
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
    const answer = await client.workflow.getHandle(workflowId).executeUpdate(retryUpdate);
    console.log(retryAnswerText(workflowId, answer, lang));
    return 0;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      // The validator's message is already bilingual.
      console.error(
        `${say(lang, { zh: '未重试', en: 'not retried' })}: ${err.cause?.message ?? err.message}`,
      );
      return 1;
    }
    if (isClosedRun(err)) {
      console.error(
        `运行 ${workflowId} 已结束，retry 无法到达 / run ${workflowId} has ended; retry cannot reach it (${CLI} status ${workflowId})`,
      );
      return 1;
    }
    throw err;
  } finally {
    await close();
  }
}

/** The server refuses an Update to a closed run with FAILED_PRECONDITION / "already completed". */
function isClosedRun(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ''} ${((err as { cause?: Error })?.cause?.message as string) ?? ''}`;
  return /already completed|workflow execution is not running|not running/i.test(text);
}
