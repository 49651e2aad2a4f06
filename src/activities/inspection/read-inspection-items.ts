// Stage 10 (reliability): the per-item results of a downloaded inspection report, so the workflow can
// compare the inspection after the test load with the one before it. Only failing items travel back
// (with the count checked): 80-odd passing rows per report would only bloat the history.
import { InspectionReportError, readInspectionReportItems } from '../../smartx/index.js';
import type { InspectionItem } from '../../run/inspection-items.js';
import { invalidInput, missingFile, remoteRejected } from '../support/failures.js';

export async function readInspectionItems(req: {
  path: string;
}): Promise<{ checked: number; failing: InspectionItem[] }> {
  if (!req.path) throw invalidInput('readInspectionItems: the report path is empty');
  try {
    const items = await readInspectionReportItems(req.path);
    return { checked: items.length, failing: items.filter((i) => i.level !== 'PASS') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw missingFile(`inspection report ${req.path} is gone; run the inspection again`);
    }
    // The report is what the inspector wrote: reading it again will not change it.
    if (err instanceof InspectionReportError) throw remoteRejected(`inspection report: ${err.message}`);
    throw err;
  }
}
