import { z } from 'zod';
import { loadPlan, localizeIssue, planSummary, PlanReadError, type Lang } from '../plan/index.js';
import { formatIssues, formatPlan } from '../plan/report.js';
import { bool, commandHelp, parseCommand, str, UsageError, type CommandSpec } from './command-spec.js';
import { checkPackageDir, packageNeeds } from './package-check.js';
import { validateSpec } from './specs.js';

// `hci-bringup validate <workbook.xlsx> [--json] [--packages DIR]` (options in specs.ts).
// Exit codes: 0 valid, 1 invalid (errors listed), 2 unreadable file, missing packages or bad usage.

export const langSchema = z.enum(['zh', 'en']);

/** --lang, else $HCI_LANG, else Chinese (the field engineers' language). */
export function defaultLang(): Lang {
  const env = langSchema.safeParse(process.env.HCI_LANG?.toLowerCase().slice(0, 2));
  return env.success ? env.data : 'zh';
}

/**
 * What a command that validates its flags with zod prints before exiting 2: what is wrong (a usage
 * error or the schema's complaint), then the command's usage.
 */
export function usageErrorText(spec: CommandSpec, err: unknown, lang: Lang): string {
  const what =
    err instanceof z.ZodError
      ? z.prettifyError(err)
      : err instanceof UsageError
        ? err.explain()
        : String((err as Error).message);
  return `${what}\n\n${commandHelp(spec, lang)}`;
}

const flagsSchema = z.object({
  file: z.string().min(1),
  json: z.boolean(),
  lang: langSchema,
  allowSmallCluster: z.boolean(),
  packages: z.string().min(1).optional(),
});

export async function runValidateCommand(argv: string[]): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const { values, positionals } = parseCommand(validateSpec, argv);
    const lang = langSchema.catch(defaultLang()).parse(str(values, 'lang'));
    if (bool(values, 'help')) {
      console.log(commandHelp(validateSpec, lang));
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'missing-value' : 'unexpected-argument',
        positionals.length === 0 ? '<workbook.xlsx>' : positionals[1],
        'expected exactly one workbook path',
      );
    }
    flags = flagsSchema.parse({
      file: positionals[0],
      json: bool(values, 'json'),
      lang: str(values, 'lang') ?? defaultLang(),
      allowSmallCluster: bool(values, 'allow-small-cluster'),
      packages: str(values, 'packages'),
    });
  } catch (err) {
    const lang = langSchema.catch(defaultLang()).parse(argv[argv.indexOf('--lang') + 1]);
    console.log(usageErrorText(validateSpec, err, lang));
    return 2;
  }

  const { lang } = flags;
  try {
    const result = await loadPlan(flags.file, { allowSmallCluster: flags.allowSmallCluster });
    const valid = result.errors.length === 0 && result.plan !== undefined;
    // With --packages, the folder is checked for what a full run of this plan would read.
    const packages =
      flags.packages && result.plan
        ? checkPackageDir(flags.packages, packageNeeds(result.plan), lang)
        : undefined;
    if (flags.json) {
      const out = {
        valid,
        ...(packages && {
          packages: {
            ok: packages.ok,
            found: packages.check?.found.map((f) => ({ package: f.rule.id, file: f.name })) ?? [],
            missing:
              packages.check?.problems.map((p) => ({ package: p.rule.id, pattern: p.rule.pattern })) ??
              'unreadable folder',
          },
        }),
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
      if (packages) parts.push(packages.text);
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
    if (!valid) return 1;
    return packages && !packages.ok ? 2 : 0;
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
