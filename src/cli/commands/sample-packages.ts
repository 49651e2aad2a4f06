// `hci-bringup sample-packages --out DIR`: stand-in packages, so the README's rehearsal works on a fresh clone.
import { statSync } from 'node:fs';
import path from 'node:path';
import { bilingual, t } from '../../i18n/index.js';
import { writeSamplePackages } from '../../plan/sample-packages.js';
import { parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'sample-packages',
  summary: bilingual('cli.samplePackages.summary'),
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<dir>',
      default: 'packages',
      help: bilingual('cli.samplePackages.opt.out'),
    },
  },
  notes: bilingual('cli.samplePackages.notes'),
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
