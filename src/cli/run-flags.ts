// What `start` and `deploy-package` share on their command lines: how the run reaches the site
// (--endpoints or --direct) and how fast it goes (--speed), the site whose worker runs it, and what
// they print for flags their schema refuses.
import path from 'node:path';
import type { z } from 'zod';
import { bilingual, t, type Bilingual, type Lang } from '../i18n/index.js';
import type { RunContext } from '../run/input.js';
import { simulatorTiming, siteTiming } from '../run/timing.js';
import type { OptionSpec } from './command-spec.js';

/** The options only a rehearsal against the simulator uses: its endpoint map and its speed-up. */
export const REHEARSAL_OPTIONS: Record<'endpoints' | 'speed', OptionSpec> = {
  endpoints: {
    type: 'string',
    value: '<endpoints.json>',
    help: bilingual('cli.opt.endpoints'),
  },
  speed: {
    type: 'string',
    value: '<n>',
    help: bilingual('cli.opt.speed'),
  },
};

/** The flags as the schema reads them, or undefined once each complaint and the usage hint are printed. */
export function validFlags<S extends z.ZodType>(
  schema: S,
  values: unknown,
  command: string,
  lang: Lang,
): z.output<S> | undefined {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  console.error(t(lang, 'cli.seeUsage', { command }));
  return undefined;
}

/** --site, else HCI_SITE (docs/sites.md); undefined once a bad name is printed. */
export async function checkedSite(
  flag: string | undefined,
): Promise<{ site: string | undefined } | undefined> {
  const { siteOf, SiteNameError } = await import('../config/site.js');
  try {
    return { site: siteOf(flag) };
  } catch (err) {
    if (!(err instanceof SiteNameError)) throw err;
    console.error(err.message);
    return undefined;
  }
}

/** Exactly one of --endpoints and --direct, or what is wrong (`neither`: what to give instead). */
export function connectModeError(
  flags: { endpoints?: string; direct: boolean },
  lang: Lang,
  neither: Bilingual,
): string | undefined {
  if (flags.endpoints && flags.direct) return t(lang, 'cli.runFlags.endpointsOrDirect');
  if (!flags.endpoints && !flags.direct) return neither[lang];
  return undefined;
}

/** How the activities reach the site (the endpoint map unless --direct) and the run's timing. */
export function runContext(flags: { direct: boolean; endpoints?: string; speed?: number }): RunContext {
  return {
    connect: flags.direct
      ? { mode: 'direct' }
      : { mode: 'map', endpointMapFile: path.resolve(flags.endpoints!) },
    timing: flags.speed ? simulatorTiming(flags.speed) : siteTiming,
  };
}
