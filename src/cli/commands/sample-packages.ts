// `hci-bringup sample-packages --out DIR`: stand-in packages, so the README's rehearsal works on a fresh clone.
import { statSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../i18n/index.js';
import { writeSamplePackages } from '../../plan/sample-packages.js';
import { parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'sample-packages',
  summary: {
    zh: '生成演练用的安装包替身 (稀疏文件，实际占用远小于名义大小)',
    en: 'write stand-in package files for rehearsals (sparse: far less on disk than their size)',
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
  // The true cost, measured: each file's first MiB is written (random), the rest is a hole.
  let size = 0;
  let disk = 0;
  for (const n of names) {
    const st = statSync(path.join(dir, n));
    size += st.size;
    disk += st.blocks * 512;
  }
  console.log(
    [
      t(lang, 'samplePackages.wrote', { dir, count: names.length, size: mib(size), disk: mib(disk) }),
      ...names.map((n) => `  ${n}`),
    ].join('\n'),
  );
  return 0;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
