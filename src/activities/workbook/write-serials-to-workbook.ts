import { Context } from '@temporalio/activity';
import { writeBackSerials } from '../../plan/index.js';
import { remoteStep } from '../support/failures.js';

interface WorkbookSerials {
  cluster?: string;
  cloudtower?: string;
  obs?: string;
  backup?: string;
}

/**
 * Writes serials into the workbook on the worker's disk (atomic rename, backup of the original).
 * Writing the same value twice is harmless, so a retried attempt needs no bookkeeping.
 */
export async function writeSerialsToWorkbook(req: {
  planFile?: string;
  serials: WorkbookSerials;
}): Promise<{ written: string[]; backupPath?: string; skipped?: string }> {
  const written = Object.entries(req.serials)
    .filter(([, v]) => Boolean(v))
    .map(([k]) => k);
  if (!req.planFile) return { written: [], skipped: 'no workbook path in the run input' };
  if (written.length === 0) return { written };
  return remoteStep(`write serials (${written.join(', ')}) to ${req.planFile}`, async () => {
    const { backupPath } = await writeBackSerials(req.planFile!, req.serials);
    Context.current().log.info('serials written back', { file: req.planFile, written });
    return { written, backupPath };
  });
}
