// `start --disruptive-tests maintenance [--disruptive-host <name>]`: the operator's explicit
// approval, for this run only, of stage 10's disruptive test (issue 12 item 4). Checked against the
// plan before anything runs; the message is bilingual like the other usage errors of `start`.
import { say, type Lang } from '../i18n/index.js';

export interface DisruptiveFlags {
  tests: 'refuse' | 'maintenance';
  host?: string;
  testload: 'auto' | 'ask' | 'skip';
  /** The plan's host names (主机规划 H), in plan order. */
  hostNames: string[];
}

/** Why the flags cannot work with this plan (usage error, exit 2), or undefined. */
export function checkDisruptiveTests(flags: DisruptiveFlags, lang: Lang): string | undefined {
  if (flags.tests === 'refuse') {
    if (flags.host)
      return say(lang, {
        zh: '--disruptive-host 仅与 --disruptive-tests maintenance 一起使用',
        en: '--disruptive-host goes only with --disruptive-tests maintenance',
      });
    return undefined;
  }
  const n = flags.hostNames.length;
  if (n < 3)
    return say(lang, {
      zh: `--disruptive-tests maintenance 需要至少 3 台主机 (规划中 ${n} 台): 一台进入维护模式时, 其余主机必须保持集群仲裁 (多数派) 与数据副本, ${n} 台的集群做不到`,
      en: `--disruptive-tests maintenance needs at least 3 hosts (the plan has ${n}): while one host is in maintenance the others must keep the cluster's quorum (a majority) and the data replicas, which ${n} hosts cannot`,
    });
  if (flags.testload === 'skip')
    return say(lang, {
      zh: '--disruptive-tests maintenance 需要测试负载 (--testload auto 或 ask): 维护期间检查测试虚拟机是否仍可访问',
      en: '--disruptive-tests maintenance needs the test load (--testload auto or ask): the test checks that the test VMs still answer while the host is in maintenance',
    });
  if (flags.host && !flags.hostNames.includes(flags.host))
    return say(lang, {
      zh: `--disruptive-host ${flags.host} 不是规划中的主机 (主机规划 H 列: ${flags.hostNames.join(', ')})`,
      en: `--disruptive-host ${flags.host} is not a host of the plan (主机规划 column H: ${flags.hostNames.join(', ')})`,
    });
  return undefined;
}
