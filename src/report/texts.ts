// The report's words: all from the one catalogue (src/i18n). Stage names are numbered as the
// report's headings show them.
import {
  type Lang,
  REPORT_LABELS,
  runState,
  STATUS_WORDS,
  stageLabel,
  type Bilingual,
} from '../i18n/index.js';
import { numberedStageName, STAGE_NAMES } from '../run/stage-names.js';
import type { StageId } from '../run/stages.js';

export const T = REPORT_LABELS;

/** Words of the report beyond the stage statuses: Temporal's states and the operator's signals. */
const WORDS: Record<string, Bilingual> = {
  ...STATUS_WORDS,
  // Temporal's run states in the report's prose (lower case in English, unlike the console's).
  RUNNING: { zh: '运行中', en: 'running' },
  COMPLETED: { zh: '已结束', en: 'completed' },
  FAILED: { zh: '失败', en: 'failed' },
  TERMINATED: { zh: '已终止', en: 'terminated' },
  CANCELLED: { zh: '已取消', en: 'cancelled' },
  TIMED_OUT: { zh: '超时', en: 'timed out' },
  approve: { zh: '批准', en: 'approve' },
  skip: { zh: '跳过', en: 'skip' },
  retry: { zh: '重试', en: 'retry' },
};

export const tr = (pair: Bilingual, lang: Lang) => pair[lang];
/** A status word in the report's language (the word itself when the catalogue lacks it). */
export const word = (w: string, lang: Lang) => WORDS[w]?.[lang] ?? runState(w, lang);
export const stageName = (id: string, lang: Lang) =>
  id in STAGE_NAMES ? numberedStageName(id as StageId, lang) : stageLabel(id, lang);
