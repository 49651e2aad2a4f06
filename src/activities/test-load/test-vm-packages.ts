// The PAT and FIO test VM images in the package directory, by name pattern: an .ova, or an .ovf with
// its disk beside it. Optional packages: a missing or unreadable one is a note for the run summary,
// and the test VM it would have become is left out (the stage goes on with the other).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
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
      `安装包目录 ${dir} 无法读取，未创建测试虚拟机 / the package folder ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): no test VM is created`,
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
      notes.push(
        `未找到 ${LABEL[role]} 测试虚拟机镜像（${glob}），跳过该虚拟机 / no ${LABEL[role]} test VM image in ${dir} (${glob}): that VM is left out. Fix: put the OVA/OVF there and retry the component`,
      );
      continue;
    }
    const file = path.join(dir, name);
    try {
      const ovf = await readOvfPackage(file);
      if (ovf.disks.length !== 1) {
        notes.push(
          `${name}: 仅支持单磁盘镜像 / only single-disk images are supported (this one references ${ovf.disks.length}): the ${LABEL[role]} VM is left out`,
        );
        continue;
      }
      packages.push({ role, name, path: file, descriptorName: ovf.descriptor.name, disk: ovf.disks[0] });
    } catch (err) {
      notes.push(
        `${name}: 镜像无法读取 / the image cannot be read (${(err as Error).message}): the ${LABEL[role]} VM is left out`,
      );
    }
  }
  return { packages, notes };
}
