// Issue 14 item 5's check, as the operator would make it: `temporal workflow show --output json` (the
// official CLI) of a run and of every child run it started, each payload decoded, searched for
// passwords. Payloads are plain JSON by default (item 6), so decoding is base64 only.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { temporalCliPath } from '../../scripts/lib/dev-server.js';

const run = promisify(execFile);

/** The history of `workflowId` as the temporal CLI prints it (JSON text). */
async function showHistory(workflowId: string): Promise<string> {
  const { stdout } = await run(
    temporalCliPath(),
    [
      ...['workflow', 'show', '--workflow-id', workflowId, '--output', 'json'],
      ...[
        '--address',
        process.env.TEMPORAL_ADDRESS!,
        '--namespace',
        process.env.TEMPORAL_NAMESPACE ?? 'default',
      ],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return stdout;
}

/** Every `{metadata, data}` payload in `value`, its data decoded from base64 to text. */
function decodedPayloads(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) decodedPayloads(v, out);
  else if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (typeof rec.data === 'string' && rec.metadata && typeof rec.metadata === 'object') {
      out.push(Buffer.from(rec.data, 'base64').toString('utf8'));
    }
    for (const v of Object.values(rec)) decodedPayloads(v, out);
  }
  return out;
}

/** Workflow ids of the child runs a history started. */
function childIds(history: unknown): string[] {
  const ids: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const rec = v as Record<string, unknown>;
      const started = rec.childWorkflowExecutionStartedEventAttributes as
        { workflowExecution?: { workflowId?: string } } | undefined;
      if (started?.workflowExecution?.workflowId) ids.push(started.workflowExecution.workflowId);
      else Object.values(rec).forEach(walk);
    }
  };
  walk(history);
  return [...new Set(ids)];
}

export interface ShownRuns {
  /** Workflow ids shown: the run and its children, recursively. */
  ids: string[];
  /** The CLI's JSON text of every history plus every payload decoded. */
  text: string;
}

/** Shows `workflowId` and, recursively, every child run it started. */
export async function showRunAndChildren(workflowId: string): Promise<ShownRuns> {
  const ids: string[] = [];
  const parts: string[] = [];
  const queue = [workflowId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (ids.includes(id)) continue;
    ids.push(id);
    const raw = await showHistory(id);
    const history: unknown = JSON.parse(raw);
    parts.push(raw, ...decodedPayloads(history));
    queue.push(...childIds(history));
  }
  return { ids, text: parts.join('\n') };
}

/** The secrets of `candidates` that appear in `text`, as they are or JSON-escaped (for the message: their count only). */
export function secretsIn(text: string, candidates: readonly string[]): string[] {
  return candidates.filter(
    (s) => s.length > 0 && (text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1))),
  );
}
