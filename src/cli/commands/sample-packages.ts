// `hci-bringup sample-packages --out DIR`: stand-in packages, so the README's rehearsal works on a fresh clone.
import path from 'node:path';
import { say } from '../../i18n/index.js';
import { writeSamplePackages } from '../../plan/sample-packages.js';
import { parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'sample-packages',
  summary: {
    zh: '生成演练用的安装包替身 (稀疏文件，不占磁盘)',
    en: 'write stand-in package files for rehearsals (sparse, no disk cost)',
  },
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<dir>',
      default: 'packages',
      help: { zh: '输出目录', en: 'folder to write' },
    },
  },
  notes: {
    zh: '只用于模拟器演练；现场请放入真实的安装包。',
    en: 'for simulator rehearsals only; on site, put the real packages there.',
  },
  examples: ['hci-bringup sample-packages --out ./packages'],
};

export const samplePackagesCommand: Command = { spec, run: runSamplePackagesCommand };

async function runSamplePackagesCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
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
