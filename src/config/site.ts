// A site is one place a cluster is brought up (a data-centre room, a customer's rack). One Temporal
// service drives many sites; each site has its own worker (the one that can reach its network) on
// its own task queue, `hci-bringup.<site>`. Without a site the default queue is used, unchanged.
import { z } from 'zod';
import { tBoth } from '../i18n/translate.js';
import { TASK_QUEUE } from './temporal-connection.js';

/** Lower-case letters, digits and '-', 1–40 characters: safe in a task queue and a workflow id. */
export const siteNameSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, tBoth('config.badSiteName'));

export class SiteNameError extends Error {}

/** Validates a site name from a flag or HCI_SITE; undefined or '' means "no site". */
export function parseSite(value: string | undefined, source: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = siteNameSchema.safeParse(value);
  if (!parsed.success) {
    throw new SiteNameError(
      `${source} ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The site of a command: its `--site` flag when given, else HCI_SITE (a flag of '' means none). */
export function siteOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag !== undefined ? parseSite(flag, '--site') : parseSite(env.HCI_SITE, 'HCI_SITE');
}

/**
 * The task queue of a site. The base is TASK_QUEUE (`hci-bringup`, or HCI_TASK_QUEUE so parallel
 * test runs and staging stay apart), so a site's queue is `hci-bringup.<site>`.
 */
export function siteTaskQueue(site: string | undefined, base: string = TASK_QUEUE): string {
  return site ? `${base}.${site}` : base;
}

/**
 * The workflow id of a run: the site is part of it, so two sites can bring up clusters of the same
 * name at the same time (`bringup-<site>-<cluster>`; without a site `bringup-<cluster>` as before).
 */
export function runWorkflowId(clusterName: string, site: string | undefined): string {
  return site ? `bringup-${site}-${clusterName}` : `bringup-${clusterName}`;
}
