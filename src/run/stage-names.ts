// The stages' names as an operator reads them, in zh and en: one catalogue for the console, the
// summary and the report (pure data, so workflow code may import it too).
import type { StageId } from './stages.js';

export interface StageName {
  zh: string;
  en: string;
}

export const STAGE_NAMES: Record<StageId, StageName> = {
  prepare: { zh: '准备与预检', en: 'prepare & prechecks' },
  'deploy-cluster': { zh: '部署集群', en: 'deploy cluster' },
  'configure-cluster': { zh: '配置集群', en: 'configure cluster' },
  'deploy-cloudtower': { zh: '部署 CloudTower', en: 'deploy CloudTower' },
  'attach-cluster': { zh: '关联集群', en: 'attach cluster' },
  'configure-cloudtower': { zh: '通过 CloudTower 配置', en: 'configure via CloudTower' },
  dashboard: { zh: '监控大屏', en: 'monitoring dashboard' },
  'rack-topology': { zh: '机架拓扑', en: 'rack topology' },
  inspection: { zh: '集群巡检', en: 'health inspection' },
  observability: { zh: '可观测性 (OBS)', en: 'Observability (OBS)' },
  backup: { zh: '备份', en: 'Backup' },
  'test-load': { zh: '创建测试负载', en: 'test load' },
  'performance-test': { zh: '性能与可靠性测试', en: 'performance & reliability tests' },

  cleanup: { zh: '收尾清理', en: 'cleanup' },
};

/**
 * Each stage's number, the section of seed 003 that describes it (01 准备 … 11 收尾清理): one numbering
 * for the console, the summary, the report and the README. Stages sharing a section get a letter
 * (configure-cloudtower 6, its dashboard 6b and rack topology 6c; Observability 7, Backup 7b).
 */
export const STAGE_NUMBERS: Record<StageId, string> = {
  prepare: '1',
  'deploy-cluster': '2',
  'configure-cluster': '3',
  'deploy-cloudtower': '4',
  'attach-cluster': '5',
  'configure-cloudtower': '6',
  dashboard: '6b',
  'rack-topology': '6c',
  observability: '7',
  backup: '7b',
  inspection: '8',
  'test-load': '9',
  'performance-test': '10',
  cleanup: '11',
};

/** The stage's name with its number (seed 003's section), as every view shows it: `7 可观测性 (OBS)`. */
export function numberedStageName(id: StageId, lang: keyof StageName): string {
  return `${STAGE_NUMBERS[id]} ${STAGE_NAMES[id][lang]}`;
}

const ORDER = Object.keys(STAGE_NUMBERS);

/** Stages in the order of their numbers (the seed's sections): how every view lists them. */
export function byStageNumber<T extends { id: StageId }>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}
