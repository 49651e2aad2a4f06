// `hci-bringup sample-packages --out DIR`: stand-in packages, so the README's rehearsal works on a fresh clone.
import path from 'node:path';
import { writeSamplePackages } from '../plan/sample-packages.js';
import { parseCommand, str } from './command-spec.js';
import { pickLang, say } from './lang.js';
import { samplePackagesSpec } from './specs.js';

export async function runSamplePackagesCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(samplePackagesSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const dir = path.resolve(str(values, 'out') ?? 'packages');
  const names = writeSamplePackages(dir, { testVms: true });
  console.log(
    [
      say(lang, {
        zh: `✔ 已在 ${dir} 写入演练用安装包替身 (稀疏文件，仅供模拟器使用):`,
        en: `✔ wrote stand-in packages for rehearsals in ${dir} (sparse files, for the simulator only):`,
      }),
      ...names.map((n) => `  ${n}`),
    ].join('\n'),
  );
  return 0;
}
