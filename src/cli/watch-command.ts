import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { pickLang, say, type Lang } from './lang.js';
import { renderRunView } from './render.js';
import { fetchRunView, type RunView } from './run-view.js';
import { connectClient } from './temporal-client.js';

/** Exit code of a finished run: 0 succeeded (or stopped as asked), 1 failed, 3 still open after a failure. */
export function exitCodeOf(view: RunView): number {
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

function usage(lang: Lang, name: string): string {
  return say(lang, {
    zh: `用法: hci-bringup ${name} <workflow-id>${name === 'status' ? ' [--json]' : ''} [--lang zh|en]`,
    en: `usage: hci-bringup ${name} <workflow-id>${name === 'status' ? ' [--json]' : ''} [--lang zh|en]`,
  });
}

export async function runWatchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { lang: { type: 'string' }, interval: { type: 'string' } },
  });
  const lang = pickLang(values.lang);
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(usage(lang, 'watch'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    return await followRun(client, workflowId, lang, Number(values.interval ?? 1000));
  } finally {
    await close();
  }
}

export async function runStatusCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  const lang = pickLang(values.lang);
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(usage(lang, 'status'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    const view = await fetchRunView(client, workflowId);
    console.log(values.json ? JSON.stringify(view, null, 2) : renderRunView(view, lang));
    return exitCodeOf(view);
  } finally {
    await close();
  }
}
