// The package files a bring-up reads from its package folder, and how each must be named. The
// activities look the files up by these same rules (cloudtower/iso-locate.ts,
// configure-cluster/vmtools-upload.ts, tower-config/package-files.ts); the CLI checks them before it
// starts anything, so a missing ISO is found in a second, not after the cluster is deployed.
// test/plan/packages.test.ts holds the two sets of rules together.
import { bilingual, type Bilingual } from '../i18n/index.js';

type PackageId = 'cloudtower-iso' | 'vmtools-iso' | 'obs' | 'backup' | 'pat-image' | 'fio-image';

interface PackageRule {
  id: PackageId;
  what: Bilingual;
  /** The name shown to the operator. */
  pattern: string;
  example: string;
  regex: RegExp;
  /** A file that looks meant to be this package but is named otherwise (reported as misnamed). */
  lookalike: RegExp;
}

function testVmImage(role: 'pat' | 'fio'): PackageRule {
  const label = role.toUpperCase();
  return {
    id: `${role}-image`,
    what: bilingual('package.testVmImage', { label }),
    pattern: `*${role}*.ova | *${role}*.ovf`,
    example: `smartx-${role}-testvm-1.0.0.ova`,
    regex: new RegExp(
      `(^|[^a-z0-9])${role}([^a-z0-9]|$).*\\.(ova|ovf)$|(^|[^a-z0-9])${role}\\.(ova|ovf)$`,
      'i',
    ),
    lookalike: new RegExp(`${role}.*\\.(ova|ovf|vmdk|qcow2)$`, 'i'),
  };
}

export const PACKAGE_RULES: Record<PackageId, PackageRule> = {
  'cloudtower-iso': {
    id: 'cloudtower-iso',
    what: bilingual('package.cloudtowerIso'),
    pattern: 'cloudtower-*.iso',
    example: 'cloudtower-v4.6.2.oe2003.x86_64.iso',
    regex: /^cloudtower-.+\.iso$/i,
    lookalike: /cloud[-_ ]?tower/i,
  },
  'vmtools-iso': {
    id: 'vmtools-iso',
    what: bilingual('package.vmtoolsIso'),
    pattern: 'SMTX_VMTOOLS-*.iso',
    example: 'SMTX_VMTOOLS-3.2.0-2501210639.iso',
    regex: /^(smtx[_-])?(vmtools|svt)[-_].*\.iso$/i,
    lookalike: /vmtools|svt/i,
  },
  obs: {
    id: 'obs',
    what: bilingual('package.obsPackage'),
    pattern: 'Observability-<X86_64|AARCH64>-v*.tar.gz',
    example: 'Observability-X86_64-v1.4.2-release.20250117.tar.gz',
    regex: /^Observability-(X86_64|AARCH64)-(v\d+(?:\.\d+)*(?:-[A-Za-z]+\.\d+)?)(?:-(\d+))?\.tar\.gz$/i,
    lookalike: /observability|^obs[-_]/i,
  },
  backup: {
    id: 'backup',
    what: bilingual('package.backupPackage'),
    pattern: 'smtx-backup-dr-<x86_64|aarch64>-*.tar.gz',
    example: 'smtx-backup-dr-x86_64-2.1.0.tar.gz',
    regex: /^smtx-backup-dr-(x86_64|aarch64)-v?(\d+(?:\.\d+)+(?:[-.][\w.]+?)?)()\.(?:tar\.gz|tgz)$/i,
    lookalike: /backup/i,
  },
  // Stage 09's test VM images: `pat`/`fio` as a word of the name, .ova or .ovf (its disk beside it).
  'pat-image': testVmImage('pat'),
  'fio-image': testVmImage('fio'),
};

export interface PackageNeeds {
  cloudtowerIso: boolean;
  vmtoolsIso: boolean;
  obs: boolean;
  backup: boolean;
  /** The PAT and FIO test VM images (the test load runs: `auto`, or `ask` that may be approved). */
  testVms?: boolean;
  /** OBS and Backup come per architecture; the activities look for x86_64. */
  arch?: 'x86_64' | 'aarch64';
}

export interface PackageEntry {
  name: string;
  size: number;
  isFile: boolean;
}

interface PackageProblem {
  rule: PackageRule;
  /** Files that look meant as this package but do not pass (misnamed, empty, other architecture). */
  nearMisses: { name: string; why: Bilingual }[];
}

export interface PackageCheck {
  found: { rule: PackageRule; name: string }[];
  problems: PackageProblem[];
}

const archOf = (rule: PackageRule, name: string): string | undefined =>
  rule.id === 'obs' || rule.id === 'backup' ? rule.regex.exec(name)?.[1]?.toLowerCase() : undefined;

/** Which packages the folder listing lacks, and what is there instead. Pure: the caller lists the folder. */
export function checkPackages(entries: PackageEntry[], needs: PackageNeeds): PackageCheck {
  const arch = needs.arch ?? 'x86_64';
  const wanted: PackageRule[] = [];
  if (needs.cloudtowerIso) wanted.push(PACKAGE_RULES['cloudtower-iso']);
  if (needs.vmtoolsIso) wanted.push(PACKAGE_RULES['vmtools-iso']);
  if (needs.obs) wanted.push(PACKAGE_RULES.obs);
  if (needs.backup) wanted.push(PACKAGE_RULES.backup);
  if (needs.testVms) wanted.push(PACKAGE_RULES['pat-image'], PACKAGE_RULES['fio-image']);
  const result: PackageCheck = { found: [], problems: [] };
  for (const rule of wanted) {
    const nearMisses: PackageProblem['nearMisses'] = [];
    let hit: string | undefined;
    for (const e of entries) {
      if (!rule.regex.test(e.name)) {
        if (e.isFile && rule.lookalike.test(e.name))
          nearMisses.push({
            name: e.name,
            why: bilingual('package.nameMismatch', { pattern: rule.pattern }),
          });
        continue;
      }
      const a = archOf(rule, e.name);
      if (!e.isFile) nearMisses.push({ name: e.name, why: bilingual('package.notAFile') });
      else if (e.size === 0) nearMisses.push({ name: e.name, why: bilingual('package.emptyFile') });
      else if (a !== undefined && a !== arch)
        nearMisses.push({ name: e.name, why: bilingual('package.otherArch', { arch }) });
      else hit ??= e.name;
    }
    if (hit) result.found.push({ rule, name: hit });
    else result.problems.push({ rule, nearMisses });
  }
  return result;
}
