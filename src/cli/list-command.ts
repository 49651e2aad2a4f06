// `hci-bringup list [--limit N] [--json]`: recent bring-up runs, so a lost run id needs no `temporal` binary.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { z } from 'zod';
import { bringUpWorkflow } from '../workflows/index.js';
import { bringUpStageKey, clusterNameKey, siteKey } from '../workflows/search-attributes.js';
import { bool, parseCommand, str } from './command-spec.js';
import { formatTable } from './columns.js';
import { pickLang, say } from './lang.js';
import { listSpec } from './specs.js';
import { phaseLabel } from './render.js';
import { runState, tBoth } from '../i18n/index.js';
import { connectClient } from './temporal-client.js';

export interface RunRow {
  workflowId: string;
  cluster: string;
  /** The site whose worker runs it ('' without a site). */
  site: string;
  stage: string;
  state: string;
  started: string;
}

const limitSchema = z.coerce.number().int().min(1).max(1000);

/** Only top-level bring-ups: the OBS/Backup children are runs of other workflow types. */
const LIST_QUERY = `WorkflowType = '${bringUpWorkflow.name}'`;

function rowOf(info: WorkflowExecutionInfo): RunRow {
  return {
    workflowId: info.workflowId,
    cluster: info.typedSearchAttributes.get(clusterNameKey) ?? '',
    site: info.typedSearchAttributes.get(siteKey) ?? '',
    stage: info.typedSearchAttributes.get(bringUpStageKey) ?? '',
    state: info.status.name,
    started: info.startTime.toISOString(),
  };
}

export function renderRuns(rows: RunRow[], lang: 'zh' | 'en'): string {
  if (rows.length === 0) return say(lang, { zh: '没有部署运行记录', en: 'no bring-up runs' });
  const zh = lang === 'zh';
  const header = zh
    ? ['运行 ID', '集群', '站点', '阶段', '状态', '开始时间']
    : ['workflow id', 'cluster', 'site', 'stage', 'state', 'started'];
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

export async function runListCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(listSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const limit = limitSchema.safeParse(str(values, 'limit'));
  if (!limit.success) {
    console.error(tBoth('cli.badLimit'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    const rows: RunRow[] = [];
    for await (const info of client.workflow.list({ query: LIST_QUERY, pageSize: limit.data })) {
      rows.push(rowOf(info));
      if (rows.length >= limit.data) break;
    }
    console.log(bool(values, 'json') ? JSON.stringify(rows, null, 2) : renderRuns(rows, lang));
    return 0;
  } finally {
    await close();
  }
}
