// Keeps the newest `keep` releases (by the time they were extracted) and always the current one and
// the recorded backup; removes the rest and staged artifacts of other versions (seed 004
// CleanupOldVersions). A release that failed its deployment (FAILED_MARK) is not one of the `keep`:
// it is removed unless current or the backup, so it never pushes a good release out.
import { remoteStep } from '../support/failures.js';
import { currentVersionCommand, FAILED_MARK, layoutOf } from './layout.js';
import { withMachine } from './machine.js';
import type { CleanupResult, MachineRequest } from '../../run/deploy-package.js';

export async function cleanupPackageReleases(
  req: MachineRequest & { keep: number; keepFile: string },
): Promise<CleanupResult> {
  const l = layoutOf(req.service);
  return remoteStep(`clean up old releases of ${req.service} on ${req.target.name}`, () =>
    withMachine(req, async (m) => {
      const out = await m.mustRoot(
        'list releases',
        `cd ${l.q(l.releases)} && ls -1t; echo ---; ${currentVersionCommand(req.service)}; sed -n 's/^previous=//p' ${l.q(l.state)} 2>/dev/null; ` +
          `echo ---; for d in *; do test -f "$d/${FAILED_MARK}" && echo "$d"; done; true`,
      );
      const [list = '', rest = '', failedList = ''] = out.split('---\n');
      const all = list.split('\n').filter((n) => n && !n.endsWith('.extracting'));
      const protect = new Set(rest.split('\n').filter(Boolean));
      const failed = new Set(failedList.split('\n').filter(Boolean));
      const good = all.filter((n) => !failed.has(n));
      const kept = all.filter(
        (n) => protect.has(n) || (!failed.has(n) && good.indexOf(n) < Math.max(1, req.keep)),
      );
      const removed = all.filter((n) => !kept.includes(n));
      if (removed.length > 0)
        await m.mustRoot(
          'remove old releases',
          `cd ${l.q(l.releases)} && rm -rf -- ${removed.map(l.q).join(' ')}`,
        );
      await m.root(
        `cd ${l.q(l.staging)} 2>/dev/null && find . -maxdepth 1 -type f ! -name ${l.q(req.keepFile)} -delete`,
      );
      return { removed, kept };
    }),
  );
}
