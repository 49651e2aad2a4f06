// The PAT and FIO test VM images in the package directory, by name pattern: an .ova, or an .ovf with
// its disk beside it. Optional packages: a missing or unreadable one is a note for the run summary,
// and the test VM it would have become is left out (the stage goes on with the other).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { coded } from '../../i18n/coded.js';
import { PACKAGE_RULES } from '../../plan/packages.js';
import type { TestVmRole } from '../../plan/test-range.js';
import { readOvfPackage, type FileSlice } from './ova.js';

/** A test VM image as the later steps need it: where its descriptor and its (single) disk are. */
export interface TestVmPackage {
  role: TestVmRole;
  /** File name in the package directory. */
  name: string;
  path: string;
  descriptorName: string;
  disk: FileSlice;
}

/** `pat` or `fio` as a word of the file name (`smartx-pat-1.0.ova`, `FIO_testvm.ovf`), .ova or .ovf. */
// The CLI's package check uses the same rules (plan/packages.ts), so `--testload auto` without the
// images is refused before the run starts.
export const TEST_VM_PACKAGE_PATTERNS: Record<TestVmRole, { regex: RegExp; glob: string }> = {
  pat: { regex: PACKAGE_RULES['pat-image'].regex, glob: '*pat*.ova|*pat*.ovf' },
  fio: { regex: PACKAGE_RULES['fio-image'].regex, glob: '*fio*.ova|*fio*.ovf' },
};

const LABEL: Record<TestVmRole, string> = { pat: 'PAT', fio: 'FIO' };

/** Finds each role's image; returns those found and a note (zh / en) for each one that is not usable. */
export async function findTestVmPackages(
  dir: string,
  roles: readonly TestVmRole[],
): Promise<{ packages: TestVmPackage[]; notes: string[] }> {
  const notes: string[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    notes.push(
      coded('note.testVmFolderUnreadable', { dir, code: (err as NodeJS.ErrnoException).code ?? 'error' }),
    );
    return { packages: [], notes };
  }
  const packages: TestVmPackage[] = [];
  for (const role of roles) {
    const { regex, glob } = TEST_VM_PACKAGE_PATTERNS[role];
    // An .ova wins over an .ovf of the same image; otherwise the last in name order (newest version).
    const matching = names.filter((n) => regex.test(n));
    const name = matching.filter((n) => /\.ova$/i.test(n)).pop() ?? matching.pop();
    if (!name) {
      notes.push(coded('note.testVmImageMissing', { label: LABEL[role], dir, glob }));
      continue;
    }
    const file = path.join(dir, name);
    try {
      const ovf = await readOvfPackage(file);
      if (ovf.disks.length !== 1) {
        notes.push(coded('note.testVmMultiDisk', { name, disks: ovf.disks.length, label: LABEL[role] }));
        continue;
      }
      packages.push({ role, name, path: file, descriptorName: ovf.descriptor.name, disk: ovf.disks[0] });
    } catch (err) {
      notes.push(
        coded('note.testVmImageUnreadable', { name, why: (err as Error).message, label: LABEL[role] }),
      );
    }
  }
  return { packages, notes };
}
