// `start --disruptive-tests maintenance [--disruptive-host <name>]`: the operator's explicit
// approval, for this run only, of stage 10's disruptive test (issue 12 item 4). Checked against the
// plan before anything runs; the message is bilingual like the other usage errors of `start`.
import { t, type Lang } from '../i18n/index.js';

export interface DisruptiveFlags {
  tests: 'refuse' | 'maintenance';
  host?: string;
  testload: 'auto' | 'ask' | 'skip';
  /** The plan's host names (主机规划 H), in plan order. */
  hostNames: string[];
}

/** Why the flags cannot work with this plan (usage error, exit 2), or undefined. */
export function checkDisruptiveTests(flags: DisruptiveFlags, lang: Lang): string | undefined {
  if (flags.tests === 'refuse') {
    if (flags.host) return t(lang, 'cli.disruptive.hostWithoutMaintenance');
    return undefined;
  }
  const n = flags.hostNames.length;
  if (n < 3) return t(lang, 'cli.disruptive.needsThreeHosts', { count: n });
  if (flags.testload === 'skip') return t(lang, 'cli.disruptive.needsTestLoad');
  if (flags.host && !flags.hostNames.includes(flags.host))
    return t(lang, 'cli.disruptive.notAPlanHost', { host: flags.host, hosts: flags.hostNames.join(', ') });
  return undefined;
}
