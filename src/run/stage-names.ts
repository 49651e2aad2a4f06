// The stages' names as an operator reads them, in zh and en, from the one catalogue (src/i18n), for
// the console, the summary and the report (pure, so workflow code may import it too).
import { bilingual } from '../i18n/translate.js';
import type { StageId } from './stages.js';

export interface StageName {
  zh: string;
  en: string;
}

export const STAGE_NAMES: Record<StageId, StageName> = {
  prepare: bilingual('stage.prepare'),
  'deploy-cluster': bilingual('stage.deployCluster'),
  'configure-cluster': bilingual('stage.configureCluster'),
  'deploy-cloudtower': bilingual('stage.deployCloudtower'),
  'attach-cluster': bilingual('stage.attachCluster'),
  'configure-cloudtower': bilingual('stage.configureCloudtower'),
  dashboard: bilingual('stage.dashboard'),
  'rack-topology': bilingual('stage.rackTopology'),
  inspection: bilingual('stage.inspection'),
  observability: bilingual('stage.observability'),
  backup: bilingual('stage.backup'),
  'test-load': bilingual('stage.testLoad'),
  'performance-test': bilingual('stage.performanceTest'),

  cleanup: bilingual('stage.cleanup'),
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
