import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadPlan, localizeIssue, planSummary, PlanReadError, type Lang } from '../plan/index.js';
import { formatIssues, formatPlan } from '../plan/report.js';

// `hci-bringup validate <workbook.xlsx> [--json] [--lang zh|en]`
// Exit codes: 0 valid, 1 invalid (errors listed), 2 unreadable file or bad usage.

const USAGE = 'usage: hci-bringup validate <workbook.xlsx> [--json] [--lang zh|en] [--allow-small-cluster]';

export const langSchema = z.enum(['zh', 'en']);

/** --lang, else $HCI_LANG, else Chinese (the field engineers' language). */
export function defaultLang(): Lang {
  const env = langSchema.safeParse(process.env.HCI_LANG?.toLowerCase().slice(0, 2));
  return env.success ? env.data : 'zh';
}

const flagsSchema = z.object({
  file: z.string().min(1),
  json: z.boolean(),
  lang: langSchema,
  allowSmallCluster: z.boolean(),
});

export async function runValidateCommand(argv: string[]): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        'allow-small-cluster': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('expected exactly one workbook path');
    flags = flagsSchema.parse({
      file: positionals[0],
      json: values.json,
      lang: values.lang ?? defaultLang(),
      allowSmallCluster: values['allow-small-cluster'],
    });
  } catch (err) {
    console.log(
      `${err instanceof z.ZodError ? z.prettifyError(err) : String((err as Error).message)}\n${USAGE}`,
    );
    return 2;
  }

  const { lang } = flags;
  try {
    const result = await loadPlan(flags.file, { allowSmallCluster: flags.allowSmallCluster });
    const valid = result.errors.length === 0 && result.plan !== undefined;
    if (flags.json) {
      const out = {
        valid,
        plan: result.plan ? planSummary(result.plan) : null,
        errors: result.errors.map((i) => localizeIssue(i, lang)),
        warnings: result.warnings.map((i) => localizeIssue(i, lang)),
        defaults: result.defaults.map((i) => localizeIssue(i, lang)),
      };
      console.log(JSON.stringify(out, null, 2));
    } else {
      const parts: string[] = [];
      if (result.plan) parts.push(formatPlan(result.plan, lang));
      parts.push(
        formatIssues(lang === 'zh' ? '错误' : 'Errors', result.errors, lang),
        formatIssues(lang === 'zh' ? '警告' : 'Warnings', result.warnings, lang),
        formatIssues(lang === 'zh' ? '已使用默认值' : 'Defaults applied', result.defaults, lang),
      );
      parts.push(
        valid
          ? lang === 'zh'
            ? `✔ 规划表有效：${flags.file}`
            : `✔ The workbook is valid: ${flags.file}`
          : lang === 'zh'
            ? `✘ 规划表有 ${result.errors.length} 处错误，请修正后重试：${flags.file}`
            : `✘ The workbook has ${result.errors.length} error(s); fix them and run again: ${flags.file}`,
      );
      console.log(parts.filter((p) => p !== '').join('\n\n'));
    }
    return valid ? 0 : 1;
  } catch (err) {
    if (!(err instanceof PlanReadError)) throw err;
    if (flags.json) {
      const error = { sheet: null, cell: null, rule: err.code, message: err.messages[lang] };
      console.log(JSON.stringify({ valid: false, plan: null, errors: [error], warnings: [] }, null, 2));
    } else {
      console.log(`✘ ${err.messages[lang]}`);
    }
    return 2;
  }
}
