// `start` and `validate --packages`: the packages the run will need must be in the folder before
// anything touches the site (else the cluster deploys and stage 4 fails for want of the ISO).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../plan/index.js';
import { checkPackages, type PackageCheck, type PackageEntry, type PackageNeeds } from '../plan/packages.js';
import { STAGES, type StageId } from '../run/stages.js';
import { CLI, t, type Lang } from '../i18n/index.js';

type Policy = 'auto' | 'ask' | 'skip';

/** What the run will read: the ISOs unless it stops before their stage, OBS/Backup unless skipped. */
export function packageNeeds(
  plan: Plan,
  opts: { obs?: Policy; backup?: Policy; testload?: Policy; stopAfter?: StageId } = {},
): PackageNeeds {
  const last = opts.stopAfter ? STAGES.indexOf(opts.stopAfter) : STAGES.length - 1;
  const reaches = (stage: StageId) => STAGES.indexOf(stage) <= last;
  return {
    vmtoolsIso: reaches('configure-cluster'),
    cloudtowerIso: reaches('deploy-cloudtower'),
    // "ask" may be approved later: the package must be there for that answer to work.
    obs: reaches('observability') && Boolean(plan.obs.ip) && opts.obs !== 'skip',
    backup: reaches('backup') && Boolean(plan.backup.ip) && opts.backup !== 'skip',
    // Off unless asked for (the default is skip); asked for, it must have its images.
    testVms: reaches('test-load') && opts.testload !== undefined && opts.testload !== 'skip',
  };
}

/** The folder's listing, or undefined when it cannot be read. */
function listDir(dir: string): PackageEntry[] | undefined {
  try {
    return readdirSync(dir).map((name) => {
      const info = statSync(path.join(dir, name), { throwIfNoEntry: false });
      return { name, size: info?.size ?? 0, isFile: info?.isFile() ?? false };
    });
  } catch {
    return undefined;
  }
}

interface PackageReport {
  ok: boolean;
  check?: PackageCheck;
  text: string;
}

/** Checks `dir` for what `needs` lists; the text says what is missing and how to fix it. */
export function checkPackageDir(dir: string, needs: PackageNeeds, lang: Lang): PackageReport {
  const abs = path.resolve(dir);
  const entries = listDir(abs);
  const rehearsal = t(lang, 'packages.rehearsal', { command: `${CLI} sample-packages --out ${dir}` });
  if (!entries) {
    return {
      ok: false,
      text: [
        t(lang, 'packages.dirUnreadable', { dir: abs }),
        `  ${t(lang, 'packages.dirUnreadableFix')}`,
        `  ${rehearsal}`,
      ].join('\n'),
    };
  }
  const check = checkPackages(entries, needs);
  if (check.problems.length === 0) {
    return {
      ok: true,
      check,
      text: [
        t(lang, 'packages.allThere', { dir: abs }),
        ...check.found.map((f) => `  ${f.rule.what[lang]}: ${f.name}`),
      ].join('\n'),
    };
  }
  const lines = [t(lang, 'packages.missing', { dir: abs })];
  for (const p of check.problems) {
    lines.push(
      `  - ${t(lang, 'packages.needs', { what: p.rule.what[lang], pattern: p.rule.pattern, example: p.rule.example })}`,
    );
    for (const m of p.nearMisses) lines.push(`      ${m.name}: ${m.why[lang]}`);
  }
  lines.push(`  ${t(lang, 'packages.missingFix')}`, `  ${rehearsal}`);
  return { ok: false, check, text: lines.join('\n') };
}
