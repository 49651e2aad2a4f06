// For the commands that validate their flags with zod (validate, sample-plan): their --lang, its
// default, and what they print on a bad command line.
import { z } from 'zod';
import type { Lang } from '../i18n/index.js';
import { commandHelp, UsageError, type CommandSpec } from './command-spec.js';

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
