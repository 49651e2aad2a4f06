// What the system must offer before a simulated machine can be sealed: user namespaces an ordinary
// user may create, util-linux's namespace tools, iproute2's ip, the real sudo, and (not as root) subordinate ids with
// newuidmap/newgidmap. Each missing piece comes with the one command that fixes it, in English and Chinese.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseIdRange, freeSubordinateStart, MAPPED_IDS } from './id-map.js';

export interface Missing {
  en: string;
  zh: string;
  /** The shell command that fixes it. */
  fix: string;
}

/** The programs the sandbox runs on the real machine (overridable so a test can take one away). */
export interface SandboxTools {
  unshare: string;
  nsenter: string;
  script: string;
  openssl: string;
}

export const defaultTools: SandboxTools = {
  unshare: 'unshare',
  nsenter: 'nsenter',
  script: 'script',
  openssl: 'openssl',
};

const isRoot = () => process.getuid?.() === 0;

function install(pkgs: string): string {
  return isRoot() ? `apt-get install -y ${pkgs}` : `sudo apt-get install -y ${pkgs}`;
}

/**
 * The PATH the sandbox's own tools run with: the user's, then the sbin directories an ordinary user's
 * PATH lacks on Debian (chroot is /usr/sbin/chroot) but may run inside a user namespace.
 */
export function sandboxPath(): string {
  const dirs = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean);
  for (const d of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'])
    if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(':');
}

/** The environment of the processes that build a machine's namespaces. */
export const sandboxEnv = (): NodeJS.ProcessEnv => ({ ...process.env, PATH: sandboxPath() });

function onPath(bin: string): boolean {
  const dirs = bin.includes('/') ? [''] : sandboxPath().split(':');
  return dirs.some((d) => {
    try {
      accessSync(d ? path.join(d, bin) : bin, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function sysctl(name: string): string | undefined {
  try {
    return readFileSync(`/proc/sys/${name.replace(/\./g, '/')}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The first missing prerequisite, or undefined when everything is there. */
export function missingPrerequisite(tools: SandboxTools): Missing | undefined {
  if (process.platform !== 'linux')
    return {
      en: `simulated machines need Linux user namespaces; this is ${process.platform}`,
      zh: `模拟机器需要 Linux 用户命名空间，当前系统是 ${process.platform}`,
      fix: 'run the simulator on Linux (Debian 12, Ubuntu 24.04)',
    };
  if (!existsSync('/proc/self/ns/user') || sysctl('user.max_user_namespaces') === '0')
    return {
      en: 'user namespaces are disabled (user.max_user_namespaces is 0)',
      zh: '用户命名空间已被禁用（user.max_user_namespaces 为 0）',
      fix: 'sudo sysctl -w user.max_user_namespaces=15000',
    };
  if (!isRoot() && sysctl('kernel.unprivileged_userns_clone') === '0')
    return {
      en: 'unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone is 0)',
      zh: '非特权用户命名空间已被禁用（kernel.unprivileged_userns_clone 为 0）',
      fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1',
    };
  if (!isRoot() && sysctl('kernel.apparmor_restrict_unprivileged_userns') === '1')
    return {
      en: 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns is 1)',
      zh: 'AppArmor 限制了非特权用户命名空间（kernel.apparmor_restrict_unprivileged_userns 为 1）',
      fix: 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    };
  if (!existsSync('/usr/bin/sudo') || !existsSync('/usr/libexec/sudo/sudoers.so'))
    return {
      en: 'sudo is not installed (the simulated machines run the real sudo)',
      zh: '未安装 sudo（模拟机器使用真实的 sudo）',
      fix: isRoot() ? 'apt-get install -y sudo' : "su -c 'apt-get install -y sudo'",
    };
  const needs: [string, string][] = [
    [tools.unshare, 'util-linux'],
    [tools.nsenter, 'util-linux'],
    ['setpriv', 'util-linux'],
    ['mount', 'mount'],
    // The site's network namespace brings its loopback up with it.
    ['ip', 'iproute2'],
    [tools.script, 'bsdutils'],
    [tools.openssl, 'openssl'],
    ['chroot', 'coreutils'],
    ['base64', 'coreutils'],
    ['head', 'coreutils'],
    // A machine's tree arrives as one archive (tree-archive.ts).
    ['tar', 'tar'],
    ['bash', 'bash'],
  ];
  for (const [bin, pkg] of needs)
    if (!onPath(bin))
      return {
        en: `${bin} is missing (package ${pkg})`,
        zh: `缺少 ${bin}（软件包 ${pkg}）`,
        fix: install(pkg),
      };
  if (isRoot()) return undefined;
  for (const bin of ['newuidmap', 'newgidmap'])
    if (!onPath(bin))
      return {
        en: `${bin} is missing: an ordinary user maps a machine's accounts through it (package uidmap)`,
        zh: `缺少 ${bin}：普通用户通过它映射模拟机器的账户（软件包 uidmap）`,
        fix: install('uidmap'),
      };
  const ids = chooseIdRange();
  if ('missing' in ids) {
    const user = os.userInfo().username;
    const s = freeSubordinateStart();
    const range = `${s}-${s + MAPPED_IDS - 1}`;
    return {
      en: `user ${user} has no range of ${MAPPED_IDS} subordinate ids in /etc/${ids.missing}`,
      zh: `用户 ${user} 在 /etc/${ids.missing} 中没有 ${MAPPED_IDS} 个从属 ID 的范围`,
      fix: `sudo usermod --add-subuids ${range} --add-subgids ${range} ${user}`,
    };
  }
  return undefined;
}
