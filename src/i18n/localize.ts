// Render-side translation of what a run stores in English: stage errors (`<stage>/<step>: …`),
// component errors (`<stage>: …`), notes (`skipped (operator signal)`), warnings and activity
// messages carrying a catalogue marker (./coded.ts). The workflows keep recording English (their
// histories replay unchanged); the CLI and the report read those texts back through here. A text
// that matches nothing is shown as it is: untranslated, never lost.
import { MESSAGES, type MessageKey } from './catalogue.js';
import { decode, english, stripMarker } from './coded.js';
import type { Lang } from './lang.js';
import { isStageId, stageLabel, stepLabel } from './names.js';
import { fill } from './template.js';
import { t } from './translate.js';

/** How the parts of a `; `-joined note are set apart. */
const listSeparator = (lang: Lang) => (lang === 'zh' ? '；' : '; ');

/** Parameters the renderer shows in words rather than as recorded. */
function renderParam(name: string, value: string, lang: Lang): string {
  if (decode(value)) return localizeText(value, lang);
  if (name === 'step') return stepLabel(value, lang);
  if (name === 'stage') return stageLabel(value, lang);
  if (name === 'how' || name === 'status' || name === 'decision' || name === 'root')
    return localizeText(value, lang);
  return value;
}

function renderCoded(key: MessageKey, params: Record<string, string>, lang: Lang): string {
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) shown[k] = renderParam(k, v, lang);
  return fill(MESSAGES[key][lang], shown);
}

/**
 * The English sentences the workflows record, as patterns of catalogue keys. Groups are the
 * parameters, in the order `params` names them. Keep in step with src/workflows (grep the text).
 */
const RECORDED: { re: RegExp; key: MessageKey; params: string[] }[] = [
  { re: /^no address for it in the workbook$/, key: 'note.noAddress', params: [] },
  { re: /^skipped \((.+)\)$/, key: 'note.skipped', params: ['how'] },
  { re: /^not run: stopped after (\S+) as the input asked$/, key: 'note.notRun', params: ['stage'] },
  { re: /^installer (\S+)$/, key: 'note.installer', params: ['status'] },
  { re: /^policy auto$/, key: 'how.policyAuto', params: [] },
  { re: /^policy skip$/, key: 'how.policySkip', params: [] },
  { re: /^operator signal$/, key: 'how.operatorSignal', params: [] },
  { re: /^deadline passed \((\d+) s\)$/, key: 'how.deadline', params: ['seconds'] },
  { re: /^rerun by operator retry$/, key: 'how.rerun', params: [] },
  {
    re: /^Fisheye root (\S+); passwords changed on (\d+), already set on (\d+)$/,
    key: 'note.fisheyeRoot',
    params: ['root', 'changed', 'already'],
  },
  { re: /^installed$/, key: 'value.installed', params: [] },
  { re: /^already-installed$/, key: 'value.alreadyInstalled', params: [] },
  { re: /^skipped$/, key: 'word.skipped', params: [] },
  { re: /^approved$/, key: 'word.approved', params: [] },
  {
    re: /^IPMI account of (\S+) \(BMC (\S+)\) not accepted: (.*)$/,
    key: 'warn.ipmi',
    params: ['hostname', 'bmc', 'reason'],
  },
  {
    re: /^VMTools \(SVT\) ISO not found in the package directory: not uploaded$/,
    key: 'warn.vmtoolsMissing',
    params: [],
  },
  {
    re: /^CloudTower ISO upload: a chunk kept failing, the upload volume was recreated once$/,
    key: 'warn.isoChunkRecreated',
    params: [],
  },
  {
    re: /^no retry of (.+) within (\d+) s: the run ended with (them|it) failed$/,
    key: 'warn.noRetry',
    params: ['components', 'seconds', 'them'],
  },
  {
    re: /^no decision for (\S+) within (\d+) s: (skipped|approved) as the input says$/,
    key: 'warn.noDecision',
    params: ['component', 'seconds', 'decision'],
  },
  // Stage 11's notes (src/workflows/stages/cleanup.ts joins them with "; ") and stage 10's skip.
  { re: /^CloudTower ISO ejected$/, key: 'note.isoEjected', params: [] },
  { re: /^CloudTower ISO: (\S+)$/, key: 'note.isoStatus', params: ['status'] },
  { re: /^(\d+) leftover upload volume\(s\) deleted$/, key: 'note.volumesDeleted', params: ['count'] },
  { re: /^no test VMs$/, key: 'note.noTestVms', params: [] },
  { re: /^(\d+) test VM\(s\) kept \(--keep-test-vms\)$/, key: 'note.testVmsKept', params: ['count'] },
  {
    re: /^(\d+) of (\d+) test VM\(s\) deleted \(left by the failed test load\)$/,
    key: 'note.testVmsDeletedAfterFailure',
    params: ['removed', 'count'],
  },
  { re: /^(\d+) of (\d+) test VM\(s\) deleted$/, key: 'note.testVmsDeleted', params: ['removed', 'count'] },
  { re: /^no sessions left open$/, key: 'note.noSessions', params: [] },
  { re: /^(\S+(?: \S+)?) failed \(see warnings\)$/, key: 'note.stepFailedSeeWarnings', params: ['step'] },
  { re: /^test load did not run \/ 未创建测试负载$/, key: 'note.testLoadNotRun', params: [] },
  // Stage 10's bilingual notes whose Chinese half lacks the value the English half names.
  { re: /^负载后新增告警 \/ new alert after the load: (.+)$/, key: 'warn.newAlert', params: ['alert'] },
  {
    re: /^负载后巡检新增失败项 \/ new failing inspection item after the load: (.+)$/,
    key: 'warn.newInspectionItem',
    params: ['item'],
  },
  { re: /^未对比告警 \/ alerts not compared: (.+)$/, key: 'note.alertsNotCompared', params: ['why'] },
  { re: /^fio (\d+) profiles × (\d+) s in (\S+)$/, key: 'note.fio', params: ['count', 'seconds', 'vm'] },
  { re: /^part of configure-cloudtower in this run$/, key: 'note.partOfConfigureCloudtower', params: [] },
  { re: /^not run: the run started before stage 11 existed$/, key: 'note.cleanupNotInRun', params: [] },
  // The run's timing profile (src/run/timing.ts), as `start` names it.
  { re: /^simulator x(\d+(?:\.\d+)?)$/, key: 'timing.simulator', params: ['speed'] },
  { re: /^site$/, key: 'timing.site', params: [] },
  {
    re: /^the cluster is already deployed \(deploy_verify on (\S+)\): continuing an earlier bring-up; VIP and component addresses are expected to answer$/,
    key: 'warn.alreadyDeployed',
    params: ['host'],
  },
];

/**
 * A note, warning or activity message in the operator's language: a catalogue marker first, then
 * the recorded English sentences; otherwise the text as it is (its marker removed).
 */
export function localizeText(text: string, lang: Lang): string {
  const coded = decode(text);
  if (coded) {
    // The English before the marker is the same message: the catalogue says it in either language.
    // A `; `-joined note may hold earlier parts before that English, and later parts after the
    // marker; each is said on its own. Otherwise what follows may carry a message of its own (a
    // failure, then its fix).
    const said = renderCoded(coded.key, coded.params, lang);
    const shown = english(coded.key, coded.params);
    const lead =
      coded.before.endsWith(`; ${shown}`) && coded.before.length > shown.length + 2
        ? localizeText(coded.before.slice(0, -shown.length - 2), lang) + listSeparator(lang)
        : '';
    if (coded.after.startsWith('; '))
      return lead + said + listSeparator(lang) + localizeText(coded.after.slice(2), lang);
    const after = decode(coded.after)
      ? ` ${localizeText(coded.after.trim(), lang)}`
      : stripMarker(coded.after);
    return lead + said + after;
  }
  for (const { re, key, params } of RECORDED) {
    const m = re.exec(text);
    if (!m) continue;
    const values: Record<string, string> = {};
    params.forEach((name, i) => (values[name] = m[i + 1]));
    return renderCoded(key, values, lang);
  }
  const word = valueWord(text, lang);
  if (word !== text) return word;
  // A list of recorded sentences (`a; b; c`): each said on its own, when any of them is known.
  if (text.includes('; ')) {
    const said = localizeList(text.split('; '), lang);
    if (said !== undefined) return said;
  }
  // A text recorded in both languages (`中文 / English`): a Chinese reader gets the Chinese half.
  const halves = bilingualHalves(text);
  if (halves && lang === 'zh') return localizeText(halves.zh, lang);
  return stripMarker(text);
}

/**
 * The parts of a `; `-joined note, each said on its own; undefined when none is known. In Chinese,
 * English parts that continue the English half of a bilingual part (`中文 / English; more English`)
 * go with that half.
 */
function localizeList(parts: string[], lang: Lang): string | undefined {
  const out: string[] = [];
  let changed = false;
  let inEnglishHalf = false;
  for (const part of parts) {
    const said = localizeText(part, lang);
    if (said !== part) changed = true;
    if (lang === 'zh' && inEnglishHalf && said === part && !CJK.test(part)) {
      changed = true;
      continue;
    }
    const halves = bilingualHalves(part);
    inEnglishHalf = !!halves && CJK.test(part.split(' / ')[0]);
    if (CJK.test(part) && !halves) inEnglishHalf = false;
    out.push(said);
  }
  return changed ? out.join(listSeparator(lang)) : undefined;
}

const CJK = /[\u4e00-\u9fff]/;

/** `中文 / English` or `English / 中文` (one separator, one half Chinese, the other not). */
function bilingualHalves(text: string): { zh: string; en: string } | undefined {
  const parts = text.split(' / ');
  if (parts.length !== 2) return undefined;
  const [a, b] = parts;
  if (CJK.test(a) && !CJK.test(b) && /^[A-Za-z]/.test(b)) return { zh: a, en: b };
  if (!CJK.test(a) && CJK.test(b) && /^[A-Za-z]/.test(a)) return { zh: b, en: a };
  return undefined;
}

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');

/**
 * A stage's or component's error as the workflow stored it (`deploy-cloudtower/create-vm: …` or
 * `observability: …`): the stage and step in words with the code names kept (to find them in the
 * Web UI), then the message. `inStage` leaves the stage out where the line already names it.
 */
export function localizeError(text: string, lang: Lang, opts: { inStage?: boolean } = {}): string {
  const withStep = /^([a-z][a-z-]*)\/([^:\n]+): ([\s\S]*)$/.exec(text);
  if (withStep && isStageId(withStep[1])) {
    const [, stage, step, rest] = withStep;
    const where = opts.inStage
      ? `${stepLabel(step, lang)} (${stage}/${step})`
      : `${stageLabel(stage, lang)} · ${stepLabel(step, lang)} (${stage}/${step})`;
    return `${where}${colon(lang)}${localizeText(rest, lang)}`;
  }
  const component = /^([a-z][a-z-]*): ([\s\S]*)$/.exec(text);
  if (component && isStageId(component[1])) {
    const rest = localizeText(component[2], lang);
    return opts.inStage ? rest : `${stageLabel(component[1], lang)}${colon(lang)}${rest}`;
  }
  return localizeText(text, lang);
}

/** Words inside the parentheses of a created/found value (`vDS-1 (created, 2 VLANs)`). */
const VALUE_WORDS: { re: RegExp; key: MessageKey; params: string[] }[] = [
  { re: /^created$/, key: 'value.created', params: [] },
  { re: /^existing$/, key: 'value.existing', params: [] },
  { re: /^uploaded$/, key: 'value.uploaded', params: [] },
  { re: /^reused$/, key: 'value.reused', params: [] },
  { re: /^deployed$/, key: 'value.deployed', params: [] },
  { re: /^connected$/, key: 'value.connected', params: [] },
  { re: /^already connected$/, key: 'value.alreadyConnected', params: [] },
  { re: /^installed$/, key: 'value.installed', params: [] },
  { re: /^(\d+) hosts$/, key: 'value.hosts', params: ['count'] },
  { re: /^(\d+) VLANs$/, key: 'value.vlans', params: ['count'] },
  { re: /^(\d+) graphs$/, key: 'value.graphs', params: ['count'] },
  { re: /^image (\S+)$/, key: 'value.image', params: ['id'] },
  // Activity statuses the workflows put in notes and values (`Fisheye root already-initialized`).
  { re: /^already-initialized$/, key: 'value.alreadyInitialized', params: [] },
  { re: /^already-deployed$/, key: 'value.alreadyDeployed', params: [] },
  { re: /^already-present$/, key: 'value.alreadyPresent', params: [] },
  { re: /^already-empty$/, key: 'value.alreadyEmpty', params: [] },
  { re: /^already-installed$/, key: 'value.alreadyInstalled', params: [] },
  { re: /^ejected$/, key: 'value.ejected', params: [] },
  { re: /^vm-gone$/, key: 'value.vmGone', params: [] },
  { re: /^no-file$/, key: 'value.noFile', params: [] },
];

function valueWord(word: string, lang: Lang): string {
  for (const { re, key, params } of VALUE_WORDS) {
    const m = re.exec(word);
    if (!m) continue;
    const values: Record<string, string> = {};
    params.forEach((name, i) => (values[name] = m[i + 1]));
    return renderCoded(key, values, lang);
  }
  return word;
}

/**
 * A value of the summary's created/found list in the operator's language: the names and ids stay,
 * the words the workflows add (`(created, 2 VLANs)`, `at <ip>`, `3 of 3 hosts placed`) are said.
 */
export function localizeValue(text: string, lang: Lang): string {
  if (lang === 'en') return localizeText(text, lang);
  const placed = /^(.*?)(\d+) of (\d+) hosts placed$/.exec(text);
  if (placed) return placed[1] + t(lang, 'value.hostsPlaced', { placed: placed[2], total: placed[3] });
  const m = /^(.*?)(?: \((.+)\))?$/.exec(text)!;
  let head = m[1];
  const at = /^(\S+) at (\S+)$/.exec(head);
  if (at) head = t(lang, 'value.at', { id: at[1], address: at[2] });
  if (!m[2]) return head === m[1] ? localizeText(text, lang) : head;
  const words = m[2].split(', ').map((w) => valueWord(w, lang));
  return `${head}（${words.join('，')}）`;
}

/** The last failure of a step that is still being retried: its message and that it is retried. */
export function localizeRetrying(text: string, lang: Lang): string {
  return `${localizeText(text, lang)} (${t(lang, 'failure.retrying')})`;
}
