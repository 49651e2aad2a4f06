// `start` and `validate --packages`: the packages the run will need must be in the folder before
// anything touches the site (else the cluster deploys and stage 4 fails for want of the ISO).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../plan/index.js';
import { checkPackages, type PackageCheck, type PackageEntry, type PackageNeeds } from '../plan/packages.js';
import { STAGES, type StageId } from '../run/stages.js';
import { CLI, say, type Lang } from '../i18n/index.js';

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
  const rehearsal = say(lang, {
    zh: `演练时可生成替身: ${CLI} sample-packages --out ${dir}`,
    en: `for a rehearsal, write stand-ins: ${CLI} sample-packages --out ${dir}`,
  });
  if (!entries) {
    return {
      ok: false,
      text: [
        say(lang, {
          zh: `✘ 安装包目录不存在或无法读取: ${abs}`,
          en: `✘ the package folder does not exist or cannot be read: ${abs}`,
        }),
        say(lang, {
          zh: '  修复: 用 --packages <目录> 指定放有安装包的目录',
          en: '  fix: point --packages <dir> at the folder that holds the packages',
        }),
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
        say(lang, { zh: `✔ 安装包齐全: ${abs}`, en: `✔ all needed packages are in ${abs}` }),
        ...check.found.map((f) => `  ${f.rule.what[lang]}: ${f.name}`),
      ].join('\n'),
    };
  }
  const lines = [
    say(lang, {
      zh: `✘ 安装包目录 ${abs} 缺少以下安装包，未启动任何操作:`,
      en: `✘ the package folder ${abs} lacks these packages; nothing was started:`,
    }),
  ];
  for (const p of check.problems) {
    lines.push(
      say(lang, {
        zh: `  - ${p.rule.what.zh}: 需要 ${p.rule.pattern} (例如 ${p.rule.example})`,
        en: `  - ${p.rule.what.en}: needs ${p.rule.pattern} (e.g. ${p.rule.example})`,
      }),
    );
    for (const m of p.nearMisses) lines.push(`      ${m.name}: ${m.why[lang]}`);
  }
  lines.push(
    say(lang, {
      zh: '  修复: 把安装包放入该目录 (或按上面的格式改名)；不需要的可选组件可用 --obs skip / --backup skip / --testload skip',
      en: '  fix: copy the packages into that folder (or rename them as shown); skip an optional component with --obs skip / --backup skip / --testload skip',
    }),
    `  ${rehearsal}`,
  );
  return { ok: false, check, text: lines.join('\n') };
}
