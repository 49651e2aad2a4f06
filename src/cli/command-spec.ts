// One definition per command: the options parseArgs accepts are generated from the same objects the
// help text is printed from, so `--help` and parsing cannot drift apart.
import { parseArgs } from 'node:util';
import { padDisplay } from './columns.js';
import { bilingual, t, tBoth, type Bilingual, type Lang } from '../i18n/index.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder of the value in the help, e.g. `<workbook.xlsx>`. */
  value?: string;
  /** Also given to parseArgs, so the help shows what actually applies. */
  default?: string | boolean;
  help: Bilingual;
}

/**
 * A command of `hci-bringup`: one file under cli/commands holds both, listed once in
 * cli/commands/index.ts. `run` gets the words after the command name and resolves to the exit code.
 */
export interface Command {
  spec: CommandSpec;
  run(argv: string[]): Promise<number>;
}

export interface CommandSpec {
  name: string;
  summary: Bilingual;
  /** Positional arguments as shown in the usage line (`<workflow-id>`); none accepted when absent. */
  args?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  notes?: Bilingual;
}

/** How a run id is shown in usage lines and option values. */
export const WORKFLOW_ID_ARG = '<workflow-id>';

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  lang: {
    type: 'string',
    value: 'zh|en',
    help: bilingual('cli.opt.lang'),
  },
  help: { type: 'boolean', short: 'h', help: bilingual('cli.opt.help') },
};

export type ParsedValues = Record<string, string | boolean | undefined>;

interface ParsedCommand {
  values: ParsedValues;
  positionals: string[];
}

/** A command line the command cannot accept; `flag` is the option it is about, when there is one. */
export class UsageError extends Error {
  constructor(
    readonly kind: 'unknown-option' | 'missing-value' | 'bad-value' | 'unexpected-argument',
    readonly flag: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }

  /** Both languages on purpose: the operator may have the wrong --lang, the message must still read. */
  explain(): string {
    const flag = this.flag ?? '';
    switch (this.kind) {
      case 'unknown-option':
        return tBoth('cli.unknownOption', { flag });
      case 'missing-value':
        return tBoth('cli.missingValue', { flag });
      case 'bad-value':
        return tBoth('cli.takesNoValue', { flag });
      case 'unexpected-argument':
        return tBoth('cli.unexpectedArgument', { arg: flag });
    }
  }
}

function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...COMMON_OPTIONS };
}

/** Parses argv strictly by the spec; throws UsageError (never node's raw parseArgs message). */
export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }> =
    {};
  for (const [name, o] of Object.entries(allOptions(spec))) {
    // parseArgs rejects keys present with an undefined value: set only what the spec gives.
    options[name] = { type: o.type };
    if (o.short) options[name].short = o.short;
    if (o.default !== undefined) options[name].default = o.default;
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: spec.args !== undefined,
    });
    return { values, positionals };
  } catch (err) {
    throw toUsageError(err as Error & { code?: string }, argv);
  }
}

/** parseArgs' own errors as UsageError; anything else is a defect and rethrown as is. */
function toUsageError(err: Error & { code?: string }, argv: string[]): UsageError {
  const quoted = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError('unknown-option', quoted, err.message);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        /does not take an argument/.test(err.message) ? 'bad-value' : 'missing-value',
        quoted,
        err.message,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /'([^']+)'/.exec(err.message)?.[1] ?? argv.find((a) => !a.startsWith('-'));
      return new UsageError('unexpected-argument', arg, err.message);
    }
    default:
      throw err;
  }
}

/** Asked for help: `--help` or `-h` anywhere before a `--`. */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export const str = (v: ParsedValues, name: string): string | undefined =>
  typeof v[name] === 'string' ? v[name] : undefined;
export const bool = (v: ParsedValues, name: string): boolean => v[name] === true;

/** The command's usage: synopsis, options with defaults, notes and examples, in one language. */
export function commandHelp(spec: CommandSpec, lang: Lang): string {
  const lines = [
    t(lang, 'cli.help.usage', { command: `${spec.name}${spec.args ? ` ${spec.args}` : ''}` }),
    '',
    `  ${spec.summary[lang]}`,
    '',
    t(lang, 'cli.help.options'),
  ];
  const entries = Object.entries(allOptions(spec)).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    const dflt =
      o.default !== undefined && o.default !== false
        ? ` (${t(lang, 'cli.help.default', { value: String(o.default) })})`
        : '';
    return { flag, text: `${o.help[lang]}${dflt}` };
  });
  const width = Math.max(...entries.map((e) => e.flag.length)) + 2;
  for (const e of entries) lines.push(`  ${padDisplay(e.flag, width)}${e.text}`);
  if (spec.notes) lines.push('', spec.notes[lang]);
  lines.push('', t(lang, 'cli.help.example'));
  for (const ex of spec.examples) lines.push(`  ${ex}`);
  return lines.join('\n');
}

/** A required argument is missing: a bilingual line naming it, then the command's usage. */
export function missingArgument(spec: CommandSpec, lang: Lang, what: string): string {
  return `${tBoth('cli.missingArgument', { what })}\n\n${commandHelp(spec, lang)}`;
}
