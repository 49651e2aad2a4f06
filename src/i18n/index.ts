// The one message catalogue (issue 14): everything an operator reads, in zh and en.
//  - lang.ts       the language and bilingual texts
//  - catalogue.ts  sentences by key, `{name}` parameters (failures, notes, warnings, CLI errors, report)
//  - names.ts      stage names, step names, status words, run states, summary keys
//  - coded.ts      how a catalogue message travels inside an English failure or warning text
//  - localize.ts   render-side translation of what the workflows recorded in English
//  - invocation.ts how advice lines spell our command (`CLI`)
//  - log-lines.ts  the worker log's fixed lines, for the worker console
// Plan issues (validate) keep their per-rule texts in src/plan/messages.ts, which imports the types
// from here: i18n is a leaf every layer may use, so it never imports plan (one direction).
export * from './lang.js';
export { MESSAGES, type MessageKey } from './catalogue.js';
export { t, tBoth, bilingual, isMessageKey, type MessageParams } from './translate.js';
export { coded, codedBoth, decode, marker, stripMarker, type CodedMessage } from './coded.js';
export * from './names.js';
export { REPORT_LABELS } from './report-labels.js';
export { STAGE_NAMES } from '../run/stage-names.js';
export { localizeError, localizeRetrying, localizeText, localizeValue } from './localize.js';
export { CLI } from './invocation.js';
export { LOG_LINES, logLine } from './log-lines.js';
