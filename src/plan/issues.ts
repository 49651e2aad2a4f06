import {
  RULE_TEXT,
  text,
  type Lang,
  type LocalizedText,
  type MessageParams,
  type RuleId,
} from './messages.js';

export type IssueSeverity = 'error' | 'warning' | 'default';

/** One finding about one cell of the workbook. */
export interface PlanIssue {
  severity: IssueSeverity;
  sheet: string;
  cell: string;
  rule: RuleId;
  message: LocalizedText;
  fix?: LocalizedText;
}

/** A cell of the workbook, e.g. `{ sheet: '主机规划', cell: 'I3' }`. */
export interface CellRef {
  sheet: string;
  cell: string;
}

export const refText = (ref: CellRef): string => `${ref.sheet}!${ref.cell}`;

/** Collects every issue of one read, so all errors are reported at once. */
export class IssueCollector {
  readonly errors: PlanIssue[] = [];
  readonly warnings: PlanIssue[] = [];
  readonly defaults: PlanIssue[] = [];

  error(ref: CellRef, rule: RuleId, params: MessageParams = {}): void {
    this.errors.push(makeIssue('error', ref, rule, params));
  }

  warn(ref: CellRef, rule: RuleId, params: MessageParams = {}): void {
    this.warnings.push(makeIssue('warning', ref, rule, params));
  }

  defaulted(ref: CellRef, params: MessageParams): void {
    this.defaults.push(makeIssue('default', ref, 'default-applied', params));
  }

  /** True when some error already points at this cell (later rules then stay quiet about it). */
  hasErrorAt(ref: CellRef): boolean {
    return this.errors.some((e) => e.sheet === ref.sheet && e.cell === ref.cell);
  }
}

function makeIssue(severity: IssueSeverity, ref: CellRef, rule: RuleId, params: MessageParams): PlanIssue {
  const wording = RULE_TEXT[rule];
  const issue: PlanIssue = {
    severity,
    sheet: ref.sheet,
    cell: ref.cell,
    rule,
    message: wording.message(params),
  };
  if (wording.fix) issue.fix = wording.fix(params);
  return issue;
}

/** The shape of an issue in `validate --json` and other single-language output. */
export interface LocalizedIssue {
  sheet: string;
  cell: string;
  rule: RuleId;
  message: string;
  fix?: string;
}

export function localizeIssue(issue: PlanIssue, lang: Lang): LocalizedIssue {
  const out: LocalizedIssue = {
    sheet: issue.sheet,
    cell: issue.cell,
    rule: issue.rule,
    message: issue.message[lang],
  };
  if (issue.fix) out.fix = issue.fix[lang];
  return out;
}

export type PlanReadErrorCode = 'not-found' | 'not-a-workbook' | 'encrypted' | 'missing-sheet' | 'corrupt';

const READ_ERROR_TEXT: Record<PlanReadErrorCode, (detail: string) => LocalizedText> = {
  'not-found': (d) => text(`找不到文件：${d}`, `File not found: ${d}`),
  'not-a-workbook': (d) => text(`不是 Excel 工作簿（.xlsx）：${d}`, `Not an Excel workbook (.xlsx): ${d}`),
  encrypted: (d) =>
    text(
      `文件已加密或为旧版 .xls 格式，无法读取：${d}。请取消密码保护并另存为 .xlsx`,
      `The file is encrypted or an old .xls file: ${d}. Remove the password and save it as .xlsx`,
    ),
  'missing-sheet': (d) => text(`工作簿缺少工作表：${d}`, `The workbook lacks the sheet: ${d}`),
  corrupt: (d) => text(`工作簿已损坏，无法解析：${d}`, `The workbook is damaged and cannot be parsed: ${d}`),
};

/** The input cannot be read as a planning workbook at all (`validate` exits 2). */
export class PlanReadError extends Error {
  readonly code: PlanReadErrorCode;
  readonly messages: LocalizedText;

  constructor(code: PlanReadErrorCode, detail: string, options?: { cause?: unknown }) {
    const messages = READ_ERROR_TEXT[code](detail);
    super(messages.en, options);
    this.name = 'PlanReadError';
    this.code = code;
    this.messages = messages;
  }
}
