// The report's words: all from the one catalogue (src/i18n). Stage names are numbered as the
// report's headings show them.
import {
  bilingual,
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
  RUNNING: bilingual('report.state.running'),
  COMPLETED: bilingual('report.state.completed'),
  FAILED: bilingual('word.failed'),
  TERMINATED: bilingual('report.state.terminated'),
  CANCELLED: bilingual('report.state.cancelled'),
  TIMED_OUT: bilingual('report.state.timedOut'),
  approve: bilingual('report.action.approve'),
  skip: bilingual('report.action.skip'),
  retry: bilingual('report.action.retry'),
};

export const tr = (pair: Bilingual, lang: Lang) => pair[lang];
/** A status word in the report's language (the word itself when the catalogue lacks it). */
export const word = (w: string, lang: Lang) => WORDS[w]?.[lang] ?? runState(w, lang);
export const stageName = (id: string, lang: Lang) =>
  id in STAGE_NAMES ? numberedStageName(id as StageId, lang) : stageLabel(id, lang);
