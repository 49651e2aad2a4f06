// Where a deployed service lives on a machine (docs/deploy-service.md "Layout"): immutable releases,
// a `current` symlink switched atomically (rename), a staging folder for uploads, a state file. A
// machine is always on exactly one complete version: `current` only ever names a finished release.
import { shellQuote } from '../../smartx/index.js';

export function layoutOf(service: string) {
  const base = `/opt/${service}`;
  return {
    base,
    releases: `${base}/releases`,
    release: (version: string) => `${base}/releases/${version}`,
    current: `${base}/current`,
    staging: `${base}/.staging`,
    /** `previous=<version>` written when `current` moves: what an automatic rollback restores. */
    state: `${base}/.deploy-state`,
    unit: `/etc/systemd/system/${service}.service`,
    q: shellQuote,
  };
}

/** In a release folder: the release failed its deployment (the cleanup drops it first, never counts it). */
export const FAILED_MARK = '.failed';

/** Reads the version `current` points to (empty when none). */
export const currentVersionCommand = (service: string) =>
  `t=$(readlink ${shellQuote(layoutOf(service).current)} 2>/dev/null) && basename "$t" || true`;

/** The last lines of a command's output, for results and messages. */
export function tail(text: string, lines = 8): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n').slice(-2000);
}
