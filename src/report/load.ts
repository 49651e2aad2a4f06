// Fetches what a report needs through the Temporal client: the run's state (progress query or
// result, as `status` shows it), its history and its children's histories, decoded with the
// client's own data converter, so an encrypted run reads like a plain one.
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import { fetchRunView } from './run-view.js';
import { buildReport, type BuiltReport } from './build.js';
import { readHistory, type Decode } from './history.js';

export function decoderOf(client: Client): Decode {
  const converter = client.options.loadedDataConverter;
  return (payloads) => decodeArrayFromPayloads(converter, payloads);
}

/** The component of a child run: its id is `<parent id>/<component>`. */
const componentOf = (childId: string) => childId.slice(childId.lastIndexOf('/') + 1);

export async function loadRunReport(client: Client, workflowId: string): Promise<BuiltReport> {
  const decode = decoderOf(client);
  const handle = client.workflow.getHandle(workflowId);
  const view = await fetchRunView(client, workflowId);
  const history = await handle.fetchHistory();
  const main = await readHistory(history.events ?? [], 'main', decode);
  const children = [];
  for (const child of main.children) {
    const component = componentOf(child.workflowId);
    try {
      const childHistory = await client.workflow.getHandle(child.workflowId, child.runId).fetchHistory();
      children.push({ component, facts: await readHistory(childHistory.events ?? [], component, decode) });
    } catch {
      // A child's history past the namespace's retention is gone: the report keeps the parent's view
      // of it (the stage row, its result in the summary) and lacks only the child's own steps.
    }
  }
  const firstRunId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId;
  return buildReport({
    workflowId,
    runId: firstRunId ?? undefined,
    status: view.status,
    progress: view.progress,
    summary: view.summary,
    failure: view.failure,
    main,
    children,
    nowMs: Date.now(),
  });
}
