// `hci-bringup sample-plan --out plan.xlsx [--hosts 3] ...`: writes our own simulation workbook (all
// loopback addresses). Exit 0 written, 1 refused, 2 bad usage.
import { access } from 'node:fs/promises';
import type { z as Zod } from 'zod';
import { bool, commandHelp, parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { bilingual, t } from '../../i18n/index.js';

const spec: CommandSpec = {
  name: 'sample-plan',
  summary: bilingual('cli.samplePlan.summary'),
  args: '[<plan.xlsx>]',
  options: {
    out: { type: 'string', short: 'o', value: '<plan.xlsx>', help: bilingual('cli.samplePlan.opt.out') },
    hosts: { type: 'string', value: '3-16', default: '3', help: bilingual('cli.samplePlan.opt.hosts') },
    arch: {
      type: 'string',
      value: '<arch>',
      default: 'three-separate',
      help: bilingual('cli.samplePlan.opt.arch'),
    },
    storage: {
      type: 'string',
      value: 'hybrid|all-flash',
      default: 'hybrid',
      help: bilingual('cli.samplePlan.opt.storage'),
    },
    boost: { type: 'boolean', default: false, help: bilingual('cli.samplePlan.opt.boost') },
    business: {
      type: 'string',
      value: '0-11',
      default: '2',
      help: bilingual('cli.samplePlan.opt.business'),
    },
    'cluster-name': { type: 'string', value: '<name>', help: bilingual('cli.samplePlan.opt.clusterName') },
    force: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.samplePlan.opt.force'),
    },
  },
  examples: ['hci-bringup sample-plan --out plan.xlsx --hosts 4'],
};

export const samplePlanCommand: Command = { spec, run: runSamplePlanCommand };

/** The flags as the run reads them, built on use: zod loads with the command, not with `--help`. */
async function flagsSchema() {
  const { z } = await import('zod');
  const { hostCountSchema } = await import('../../plan/schemas.js');
  const { langSchema } = await import('../validated-flags.js');
  const archSchema = z
    .enum(['三网独立', '存储独立', 'three-separate', 'storage-separate'])
    .transform((v) => (v === '三网独立' || v === 'three-separate' ? 'three-separate' : 'storage-separate'));

  const storageSchema = z
    .enum(['hybrid', 'all-flash', 'hybrid-tiered', 'all-flash-untiered', '混闪-分层', '全闪-不分层'])
    .transform((v) => (v.startsWith('hybrid') || v === '混闪-分层' ? 'hybrid-tiered' : 'all-flash-untiered'));

  return z.object({
    out: z.string().min(1),
    hosts: hostCountSchema,
    arch: archSchema,
    storage: storageSchema,
    boost: z.boolean(),
    business: z.coerce.number().int().min(0).max(11),
    clusterName: z.string().min(1).optional(),
    force: z.boolean(),
    lang: langSchema,
  });
}

export async function runSamplePlanCommand(argv: string[]): Promise<number> {
  const { defaultLang, langSchema, usageErrorText } = await import('../validated-flags.js');
  let flags: Zod.infer<Awaited<ReturnType<typeof flagsSchema>>>;
  try {
    const { values, positionals } = parseCommand(spec, argv);
    if (bool(values, 'help')) {
      console.log(commandHelp(spec, langSchema.catch(defaultLang()).parse(str(values, 'lang'))));
      return 0;
    }
    flags = (await flagsSchema()).parse({
      out: str(values, 'out') ?? positionals[0],
      hosts: str(values, 'hosts'),
      arch: str(values, 'arch'),
      storage: str(values, 'storage'),
      boost: bool(values, 'boost'),
      business: str(values, 'business'),
      clusterName: str(values, 'cluster-name'),
      force: bool(values, 'force'),
      lang: str(values, 'lang') ?? defaultLang(),
    });
  } catch (err) {
    const lang = langSchema.catch(defaultLang()).parse(argv[argv.indexOf('--lang') + 1]);
    console.log(usageErrorText(spec, err, lang));
    return 2;
  }
  // Loaded on use: the workbook writer (exceljs) is for this command's run only, never for --help.
  const { sampleAddresses, writeSamplePlan } = await import('../../plan/index.js');

  if (
    !flags.force &&
    (await access(flags.out).then(
      () => true,
      () => false,
    ))
  ) {
    console.log(`✘ ${t(flags.lang, 'cli.samplePlan.exists', { file: flags.out })}`);
    return 1;
  }
  if (flags.arch === 'three-separate' && flags.business === 0) {
    console.log(`✘ ${t(flags.lang, 'cli.samplePlan.needsBusiness')}`);
    return 2;
  }
  await writeSamplePlan(flags.out, {
    hosts: flags.hosts,
    networkArchitecture: flags.arch,
    storageArchitecture: flags.storage,
    boost: flags.boost,
    businessNetworks: flags.business,
    clusterName: flags.clusterName,
  });
  const a = sampleAddresses(flags.hosts);
  console.log(
    `✔ ${t(flags.lang, 'cli.samplePlan.written', {
      file: flags.out,
      hosts: flags.hosts,
      vip: a.vip,
      management: a.management.subnet,
      storage: a.storage.subnet,
      cloudtower: a.cloudtower,
    })}`,
  );
  return 0;
}
