// The stages' names as an operator reads them, in zh and en: one catalogue for the console, the
// summary and the report (pure data, so workflow code may import it too).
import { STAGES, type StageId } from './stages.js';

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

/** The stage's name with its number in the bring-up (1–11), as a report heading shows it. */
export function numberedStageName(id: StageId, lang: keyof StageName): string {
  return `${STAGES.indexOf(id) + 1} ${STAGE_NAMES[id][lang]}`;
}
