// `hci-bringup retry <workflow-id>`: after fixing the cause, reruns the failed stage or component.
// Sent as an Update so the run answers what restarted, or refuses (its validator) when nothing has failed.
import {
  bilingual,
  CLI,
  joinList,
  type Lang,
  localizeText,
  runState,
  stageLabel,
  stepLabel,
  t,
} from '../../i18n/index.js';
import type { RetryAnswer } from '../../run/stages.js';
import { WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'retry',
  summary: bilingual('cli.retry.summary'),
  args: WORKFLOW_ID_ARG,
  options: {},
  notes: bilingual('cli.retry.notes'),
  examples: ['hci-bringup retry bringup-CN-BJ-SMTX-Prod-Cls01'],
};

export const retryCommand: Command = { spec, run: runRetryCommand };

/** What the run answered to `retry`, in the operator's language. */
export function retryAnswerText(workflowId: string, answer: RetryAnswer, lang: Lang): string {
  if (answer.kind === 'stage') {
    const stage = stageLabel(answer.stage, lang);
    const step = answer.failedStep;
    const at = step ? stepLabel(step, lang) : '';
    const failedAt = step ? t(lang, 'cli.retry.failedAtStep', { step: at, code: step }) : '';
    return t(lang, 'cli.retry.restartedStage', { id: workflowId, stage, failedAt });
  }
  const names = answer.stages.map((s) => stageLabel(s, lang));
  return t(lang, 'cli.retry.rerunningComponents', {
    id: workflowId,
    components: joinList(answer.components, lang),
    stages: joinList(names, lang),
  });
}

function runRetryCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId: workflowId, lang }) => {
    const { WorkflowUpdateFailedError } = await import('@temporalio/client');
    const { retryUpdate } = await import('../../workflows/messages.js');
    try {
      const answer = await client.workflow.getHandle(workflowId).executeUpdate(retryUpdate);
      console.log(retryAnswerText(workflowId, answer, lang));
      return 0;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        // The validator's message carries its catalogue code: said in the operator's language.
        console.error(
          `${t(lang, 'cli.retry.notRetried')}: ${localizeText(err.cause?.message ?? err.message, lang)}`,
        );
        return 1;
      }
      if (isClosedRun(err)) {
        const state = await client.workflow
          .getHandle(workflowId)
          .describe()
          .then(
            (d) => d.status.name,
            () => 'COMPLETED',
          );
        console.error(
          t(lang, 'cli.runEnded', {
            id: workflowId,
            state: runState(state, lang),
            command: 'retry',
            status: `${CLI} status ${workflowId}`,
          }),
        );
        return 1;
      }
      throw err;
    }
  });
}

/** The server refuses an Update to a closed run with FAILED_PRECONDITION / "already completed". */
function isClosedRun(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ''} ${((err as { cause?: Error })?.cause?.message as string) ?? ''}`;
  return /already completed|workflow execution is not running|not running/i.test(text);
}
