import { access } from 'node:fs/promises';
import { z } from 'zod';
import { sampleAddresses, writeSamplePlan } from '../plan/index.js';
import { hostCountSchema } from '../plan/schemas.js';
import { bool, commandHelp, parseCommand, str } from './command-spec.js';
import { samplePlanSpec } from './specs.js';
import { defaultLang, langSchema, usageErrorText } from './validate-command.js';

// `hci-bringup sample-plan --out plan.xlsx [--hosts 3] ...` (options in specs.ts).
// Writes our own simulation workbook (all loopback addresses). Exit 0 written, 1 refused, 2 bad usage.

const archSchema = z
  .enum(['三网独立', '存储独立', 'three-separate', 'storage-separate'])
  .transform((v) => (v === '三网独立' || v === 'three-separate' ? 'three-separate' : 'storage-separate'));

const storageSchema = z
  .enum(['hybrid', 'all-flash', 'hybrid-tiered', 'all-flash-untiered', '混闪-分层', '全闪-不分层'])
  .transform((v) => (v.startsWith('hybrid') || v === '混闪-分层' ? 'hybrid-tiered' : 'all-flash-untiered'));

const flagsSchema = z.object({
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

export async function runSamplePlanCommand(argv: string[]): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const { values, positionals } = parseCommand(samplePlanSpec, argv);
    if (bool(values, 'help')) {
      console.log(commandHelp(samplePlanSpec, langSchema.catch(defaultLang()).parse(str(values, 'lang'))));
      return 0;
    }
    flags = flagsSchema.parse({
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
    console.log(usageErrorText(samplePlanSpec, err, lang));
    return 2;
  }
  const zh = flags.lang === 'zh';

  if (
    !flags.force &&
    (await access(flags.out).then(
      () => true,
      () => false,
    ))
  ) {
    console.log(
      zh
        ? `✘ 文件已存在：${flags.out}（使用 --force 覆盖）`
        : `✘ ${flags.out} exists (use --force to overwrite)`,
    );
    return 1;
  }
  if (flags.arch === 'three-separate' && flags.business === 0) {
    console.log(
      zh
        ? '✘ 三网独立至少需要一个业务网络（--business ≥ 1）'
        : '✘ three-separate needs at least one business network (--business >= 1)',
    );
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
    zh
      ? `✔ 已写入模拟规划表 ${flags.out}：${flags.hosts} 台主机，VIP ${a.vip}，管理网 ${a.management.subnet}，存储网 ${a.storage.subnet}，CloudTower ${a.cloudtower}`
      : `✔ Wrote simulation workbook ${flags.out}: ${flags.hosts} hosts, VIP ${a.vip}, management ${a.management.subnet}, storage ${a.storage.subnet}, CloudTower ${a.cloudtower}`,
  );
  return 0;
}
