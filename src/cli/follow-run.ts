// Following a run on the console: `watch` (until the run is closed), `start --wait` (until it ends
// or a stage fails) and the demo; the exit code `status` and `watch` share.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { t, type Lang } from '../i18n/index.js';
import { fetchRunView, type RunView } from '../report/run-view.js';
import { renderRunView } from './render.js';

/**
 * Exit code: 0 succeeded (or stopped as asked), 1 failed/terminated/cancelled, 3 still open after a
 * failure (waiting for `retry`), 4 completed with failures (an optional component failed).
 */
export const EXIT_COMPLETED_WITH_FAILURES = 4;

export function exitCodeOf(view: RunView): number {
  if (view.status === 'COMPLETED') {
    if (view.summary?.outcome === 'failed') return 1;
    return view.summary?.outcome === 'completed-with-failures' ? EXIT_COMPLETED_WITH_FAILURES : 0;
  }
  if (view.status === 'RUNNING') return view.progress?.phase.startsWith('failed:') ? 3 : 0;
  return 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What to write for a new frame: on a terminal the whole frame in place (home, each line cleared to
 * its end, the rest below cleared: no flicker of a full clear); in a log only the lines that changed.
 */
export function nextFrame(text: string, previous: string[], tty: boolean): string {
  if (tty) return `\x1b[H${text.split('\n').join('\x1b[K\n')}\x1b[K\n\x1b[J`;
  const seen = new Set(previous);
  const fresh = text.split('\n').filter((line) => !seen.has(line));
  return fresh.length > 0 ? fresh.join('\n') + '\n' : '';
}

export interface FollowOptions {
  /** `watch`: stay through failures, retries and approvals until the run is closed. */
  untilClosed?: boolean;
  out?: NodeJS.WriteStream;
}

/**
 * Follows a run. On a terminal it redraws in place, with the live times and the approval countdown;
 * in a log (not a TTY) it prints only the lines that changed, without ticking values.
 * `watch` stays until the run is closed; `start --wait` returns 3 at a failed stage, as documented.
 */
export async function followRun(
  client: Client,
  workflowId: string,
  lang: Lang,
  intervalMs = 1000,
  opts: FollowOptions = {},
): Promise<number> {
  const out = opts.out ?? process.stdout;
  const tty = Boolean(out.isTTY);
  let previous: string[] = [];
  let shownFailed = false;
  let unreachable = false;
  for (;;) {
    let view: RunView;
    try {
      view = await fetchRunView(client, workflowId);
      unreachable = false;
    } catch (err) {
      // A lost run id is the operator's to fix; a server restarting is not: keep watching.
      if (err instanceof WorkflowNotFoundError || previous.length === 0) throw err;
      if (!unreachable) {
        out.write(`${t(lang, 'cli.follow.unreachable', { why: (err as Error).message })}\n`);
      }
      unreachable = true;
      await sleep(Math.max(intervalMs, 2000));
      continue;
    }
    const text = renderRunView(view, lang, { live: tty });
    const frame = nextFrame(text, previous, tty);
    if (frame) out.write(frame);
    previous = text.split('\n');
    const failedOpen = view.status === 'RUNNING' && Boolean(view.progress?.phase.startsWith('failed:'));
    if (view.status !== 'RUNNING') return exitCodeOf(view);
    if (failedOpen && !opts.untilClosed) return exitCodeOf(view);
    if (failedOpen && !shownFailed && !tty) {
      out.write(`${t(lang, 'cli.follow.stillFollowing')}\n`);
    }
    shownFailed = failedOpen;
    await sleep(intervalMs);
  }
}
