// `hci-bringup list [--limit N] [--json]`: recent bring-up runs, so a lost run id needs no `temporal` binary.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { bilingual, runState, t, tBoth } from '../../i18n/index.js';
import { bool, parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { formatTable } from '../columns.js';
import { pickLang } from '../pick-lang.js';
import { phaseLabel } from '../render.js';

const spec: CommandSpec = {
  name: 'list',
  summary: bilingual('cli.list.summary'),
  options: {
    limit: {
      type: 'string',
      value: '<n>',
      default: '20',
      help: bilingual('cli.list.opt.limit'),
    },
    json: { type: 'boolean', default: false, help: bilingual('cli.opt.json') },
  },
  examples: ['hci-bringup list', 'hci-bringup list --limit 5 --json'],
};

export const listCommand: Command = { spec, run: runListCommand };

export interface RunRow {
  workflowId: string;
  cluster: string;
  /** The site whose worker runs it ('' without a site). */
  site: string;
  stage: string;
  state: string;
  started: string;
}

export function renderRuns(rows: RunRow[], lang: 'zh' | 'en'): string {
  if (rows.length === 0) return t(lang, 'cli.list.none');
  const header = t(lang, 'cli.list.header').split('|');
  const body = rows.map((r) => [
    r.workflowId,
    r.cluster,
    r.site || '-',
    // The words, then the BringUpStage value to search for (in the UI or `temporal workflow list`).
    r.stage ? `${phaseLabel(r.stage, lang)} (${r.stage})` : '',
    runState(r.state, lang),
    r.started.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
  ]);
  return formatTable([header, ...body]);
}

async function runListCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  const { z } = await import('zod');
  const limit = z.coerce.number().int().min(1).max(1000).safeParse(str(values, 'limit'));
  if (!limit.success) {
    console.error(tBoth('cli.badLimit'));
    return 2;
  }
  const { bringUpWorkflow } = await import('../../workflows/index.js');
  const { bringUpStageKey, clusterNameKey, siteKey } = await import('../../workflows/search-attributes.js');
  const { connectClient } = await import('../temporal-client.js');
  const rowOf = (info: WorkflowExecutionInfo): RunRow => ({
    workflowId: info.workflowId,
    cluster: info.typedSearchAttributes.get(clusterNameKey) ?? '',
    site: info.typedSearchAttributes.get(siteKey) ?? '',
    stage: info.typedSearchAttributes.get(bringUpStageKey) ?? '',
    state: info.status.name,
    started: info.startTime.toISOString(),
  });
  // Only top-level bring-ups: the OBS/Backup children are runs of other workflow types.
  const query = `WorkflowType = '${bringUpWorkflow.name}'`;
  const { client, close } = await connectClient();
  try {
    const rows: RunRow[] = [];
    for await (const info of client.workflow.list({ query, pageSize: limit.data })) {
      rows.push(rowOf(info));
      if (rows.length >= limit.data) break;
    }
    console.log(bool(values, 'json') ? JSON.stringify(rows, null, 2) : renderRuns(rows, lang));
    return 0;
  } finally {
    await close();
  }
}
