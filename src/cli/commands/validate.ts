// `hci-bringup validate <workbook.xlsx> [--json] [--packages DIR]`: checks a planning workbook.
// Exit codes: 0 valid (and the packages there), 1 invalid (errors listed), 2 unreadable file, missing
// packages or bad usage.
import type { z as Zod } from 'zod';
import { formatIssues, formatPlan } from '../../plan/report.js';
import {
  bool,
  commandHelp,
  parseCommand,
  str,
  UsageError,
  type Command,
  type CommandSpec,
} from '../command-spec.js';
import { checkPackageDir, packageNeeds } from '../package-check.js';
import { bilingual, t } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'validate',
  summary: bilingual('cli.validate.summary'),
  args: '<workbook.xlsx>',
  options: {
    json: { type: 'boolean', default: false, help: bilingual('cli.opt.json') },
    'allow-small-cluster': {
      type: 'boolean',
      default: false,
      help: bilingual('cli.validate.opt.allowSmallCluster'),
    },
    packages: {
      type: 'string',
      value: '<dir>',
      help: bilingual('cli.validate.opt.packages'),
    },
  },
  notes: bilingual('validate.exitCodes'),
  examples: ['hci-bringup validate plan.xlsx --packages ./packages', 'hci-bringup validate plan.xlsx --json'],
};

export const validateCommand: Command = { spec, run: runValidateCommand };

/** The flags as the run reads them, built on use: zod loads with the command, not with `--help`. */
async function flagsSchema() {
  const { z } = await import('zod');
  const { langSchema } = await import('../validated-flags.js');
  return z.object({
    file: z.string().min(1),
    json: z.boolean(),
    lang: langSchema,
    allowSmallCluster: z.boolean(),
    packages: z.string().min(1).optional(),
  });
}

export async function runValidateCommand(argv: string[]): Promise<number> {
  const { defaultLang, langSchema, usageErrorText } = await import('../validated-flags.js');
  let flags: Zod.infer<Awaited<ReturnType<typeof flagsSchema>>>;
  try {
    const { values, positionals } = parseCommand(spec, argv);
    const lang = langSchema.catch(defaultLang()).parse(str(values, 'lang'));
    if (bool(values, 'help')) {
      console.log(commandHelp(spec, lang));
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'missing-value' : 'unexpected-argument',
        positionals.length === 0 ? '<workbook.xlsx>' : positionals[1],
        'expected exactly one workbook path',
      );
    }
    flags = (await flagsSchema()).parse({
      file: positionals[0],
      json: bool(values, 'json'),
      lang: str(values, 'lang') ?? defaultLang(),
      allowSmallCluster: bool(values, 'allow-small-cluster'),
      packages: str(values, 'packages'),
    });
  } catch (err) {
    const lang = langSchema.catch(defaultLang()).parse(argv[argv.indexOf('--lang') + 1]);
    console.log(usageErrorText(spec, err, lang));
    return 2;
  }

  // Loaded on use: the workbook reader (exceljs) is for this command's run only, never for --help.
  const { loadPlan, localizeIssue, planSummary, PlanReadError } = await import('../../plan/index.js');

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
        formatIssues(t(lang, 'validate.errorsHeading'), result.errors, lang),
        formatIssues(t(lang, 'validate.warningsHeading'), result.warnings, lang),
        formatIssues(t(lang, 'validate.defaultsHeading'), result.defaults, lang),
      );
      if (packages) parts.push(packages.text);
      parts.push(
        valid
          ? packages && !packages.ok
            ? // The last line says the outcome the exit code (2) says: nothing can start yet.
              `✘ ${t(lang, 'validate.packagesMissing', { file: flags.file, dir: flags.packages ?? '' })}`
            : `✔ ${t(lang, 'validate.valid', { file: flags.file })}`
          : `✘ ${t(lang, 'validate.invalid', { count: result.errors.length, file: flags.file })}`,
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
