import type { Client } from '@temporalio/client';
import { bool, missingArgument, parseCommand, str } from './command-spec.js';
import { pickLang, type Lang } from './lang.js';
import { statusSpec, watchSpec } from './specs.js';
import { renderRunView } from './render.js';
import { fetchRunView, type RunView } from './run-view.js';
import { connectClient } from './temporal-client.js';

/** Exit code of a finished run: 0 succeeded (or stopped as asked), 1 failed, 3 still open after a failure. */
function exitCodeOf(view: RunView): number {
  if (view.status === 'COMPLETED') return view.summary?.outcome === 'failed' ? 1 : 0;
  if (view.status === 'RUNNING') return view.progress?.phase.startsWith('failed:') ? 3 : 0;
  return 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Follows a run until it ends, or until a stage failed and waits for the operator's retry
 * (then it prints how to retry and returns 3). Redraws in place on a terminal, prints changes otherwise.
 */
export async function followRun(
  client: Client,
  workflowId: string,
  lang: Lang,
  intervalMs = 1000,
): Promise<number> {
  let last = '';
  const tty = process.stdout.isTTY;
  for (;;) {
    const view = await fetchRunView(client, workflowId);
    const text = renderRunView(view, lang);
    if (text !== last) {
      if (tty) process.stdout.write('\x1b[2J\x1b[H');
      process.stdout.write(text + '\n' + (tty ? '' : '\n'));
      last = text;
    }
    const failedOpen = view.status === 'RUNNING' && view.progress?.phase.startsWith('failed:');
    if (view.status !== 'RUNNING' || failedOpen) return exitCodeOf(view);
    await sleep(intervalMs);
  }
}

export async function runWatchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(watchSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(missingArgument(watchSpec, lang, '<workflow-id>'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    return await followRun(client, workflowId, lang, Number(str(values, 'interval') ?? 1000) || 1000);
  } finally {
    await close();
  }
}

export async function runStatusCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(statusSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(missingArgument(statusSpec, lang, '<workflow-id>'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    const view = await fetchRunView(client, workflowId);
    console.log(bool(values, 'json') ? JSON.stringify(view, null, 2) : renderRunView(view, lang));
    return exitCodeOf(view);
  } finally {
    await close();
  }
}
