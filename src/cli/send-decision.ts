// `approve` and `skip` (cli/commands): the operator's decision on an optional component that waits,
// sent as a durable signal.
import { runState, t, CLI } from '../i18n/index.js';
import { OPTIONAL_COMPONENTS } from '../run/stages.js';
import { missingArgument, parseCommand, str, WORKFLOW_ID_ARG, type CommandSpec } from './command-spec.js';
import { pickLang } from './pick-lang.js';

/** `<kind> <workflow-id> <component>`: exit 0 sent, 1 the run has ended, 2 a missing or invalid argument. */
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
  if (!workflowId || componentArg === undefined) {
    console.error(
      missingArgument(spec, lang, workflowId ? `<${OPTIONAL_COMPONENTS.join('|')}>` : WORKFLOW_ID_ARG),
    );
    return 2;
  }
  if (!component.success) {
    // Given but not one of ours: say it is invalid (not missing) and which ones are.
    console.error(
      t(lang, 'cli.badComponent', { value: componentArg, valid: OPTIONAL_COMPONENTS.join(', ') }),
    );
    return 2;
  }
  const { approveSignal, skipSignal } = await import('../workflows/messages.js');
  const { connectClient } = await import('./temporal-client.js');
  const { WorkflowNotFoundError } = await import('@temporalio/client');
  const { client, close } = await connectClient();
  try {
    const handle = client.workflow.getHandle(workflowId);
    try {
      await handle.signal(kind === 'approve' ? approveSignal : skipSignal, component.data);
    } catch (err) {
      // A signal to a closed run fails as "not found"; `list` still shows it: say it has ended.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const state = await handle.describe().then(
        (d) => d.status.name,
        () => undefined,
      );
      if (!state) throw err;
      console.error(
        t(lang, 'cli.runEnded', {
          id: workflowId,
          state: runState(state, lang),
          command: kind,
          status: `${CLI} status ${workflowId}`,
        }),
      );
      return 1;
    }
    console.log(
      t(lang, kind === 'approve' ? 'cli.approveSent' : 'cli.skipSent', {
        component: component.data,
        id: workflowId,
      }),
    );
    return 0;
  } finally {
    await close();
  }
}
