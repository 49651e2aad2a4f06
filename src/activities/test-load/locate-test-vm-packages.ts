// Stage 09, first step: which test VM images are there (PAT, FIO). Never fails for a missing image:
// the notes say what is left out and why (the issue: "a missing package is a clear note, not a crash").
import { Context } from '@temporalio/activity';
import { TEST_VM_ROLES } from '../../plan/test-range.js';
import { findTestVmPackages, type TestVmPackage } from './test-vm-packages.js';

export async function locateTestVmPackages(req: {
  packageDir: string;
}): Promise<{ packages: TestVmPackage[]; notes: string[] }> {
  const found = await findTestVmPackages(req.packageDir, TEST_VM_ROLES);
  Context.current().log.info('test VM images', {
    found: found.packages.map((p) => `${p.role}:${p.name}`),
    notes: found.notes.length,
  });
  return found;
}
