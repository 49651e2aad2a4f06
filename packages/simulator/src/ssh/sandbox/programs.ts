// The appliance's own programs, laid over the real /usr of a simulated machine. They are small bash
// scripts that do their part through the simulator's agent (loopback TCP, see ../agent.ts), whose
// address and token are in /etc/sim/agent, readable only by root: like the appliance's services, only
// root can drive them. Everything else on the machine is the real Debian userland.
import type { MachineRole } from '../../core/contract.js';
import { installerPath, preinstallPath } from '../installer.js';
import { fioProgram, type FioDiskModel } from './fio-program.js';
import type { Program } from './program.js';
import { REPORTED_SYSTEMCTL, serviceHttp, systemctl } from './systemctl.js';

/** Opens fd 3 to the agent and sends the first line; exits like the program would when it cannot. */
const connect = (name: string, verb: string) => `read -r port token < /etc/sim/agent 2>/dev/null || {
  echo "${name}: cannot reach the system service" >&2; exit 1; }
exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "${name}: cannot reach the system service" >&2; exit 1; }
printf '%s %s' "$token" "${verb}" >&3`;

/** Reads agent replies: `out TEXT` to stdout, `err TEXT` to stderr, `exit N` ends. */
const relay = `status=1
while IFS= read -r reply <&3; do
  case $reply in
    out\\ *) printf '%s\\n' "\${reply#out }" ;;
    err\\ *) printf '%s\\n' "\${reply#err }" >&2 ;;
    exit\\ *) status=\${reply#exit }; break ;;
  esac
done
exit "$status"`;

const chpasswd: Program = {
  path: '/usr/sbin/chpasswd',
  text: `#!/bin/bash
# chpasswd: user:password lines on stdin; the account service changes what SSH and sudo accept.
if [ "$(id -u)" != 0 ]; then echo 'chpasswd: Permission denied.' >&2; exit 1; fi
${connect('chpasswd', 'chpasswd')}
printf '\\n' >&3
while IFS= read -r line || [ -n "$line" ]; do printf 'line %s\\n' "$line" >&3; done
printf 'end\\n' >&3
${relay}
`,
};

const passwd: Program = {
  path: '/usr/bin/passwd',
  text: `#!/bin/bash
# passwd as on SMTX OS (CentOS family): only \`passwd --stdin [user]\` is non-interactive.
user=
stdin=
for a in "$@"; do case $a in --stdin) stdin=1 ;; -*) ;; *) user=$a ;; esac; done
if [ -z "$stdin" ]; then echo 'passwd: interactive use needs a terminal; use chpasswd or passwd --stdin' >&2; exit 1; fi
if [ "$(id -u)" != 0 ]; then echo 'passwd: Only root can specify a user name.' >&2; exit 1; fi
user=\${user:-root}
IFS= read -r pw || true
${connect('passwd', 'passwd')}
printf '\\nline %s:%s\\nend\\n' "$user" "$pw" >&3
${relay}
`,
};

/** systemctl/nerdctl: root's calls are reported (the simulator keeps no units or containers). */
const reported = (name: string, path: string, readOnly: string): Program => ({
  path,
  text: `#!/bin/bash
# ${name}: the appliance's service manager; calls are reported to the simulator, which records them.
case "$1" in ${readOnly}) ;; *)
  if [ "$(id -u)" != 0 ]; then echo "${name}: Access denied (run as root)" >&2; exit 1; fi ;;
esac
if [ "$(id -u)" != 0 ]; then exit 0; fi
${connect(name, name)}
for a in "$@"; do printf ' %s' "$a" >&3; done
printf '\\n' >&3
${relay}
`,
});

const preinstall: Program = {
  path: preinstallPath,
  text: `#!/bin/sh
# CloudTower preinstall: checks and directories; the installer refuses to run before it.
if [ "$(id -u)" != 0 ]; then echo 'preinstall must be run as root'; exit 1; fi
echo 'check os release ... ok'
echo 'check cpu and memory ... ok'
echo 'prepare directories ... ok'
mkdir -p /var/lib/tower && : > /var/lib/tower/preinstalled
echo 'preinstall done'
`,
};

/**
 * The installer relays the run the simulator plays (progress lines on the simulated clock, faults,
 * "never two installers") to its stdout. It reports how it was started (terminal or not, SIGHUP
 * ignored by nohup) and the signals it dies of; a broken stdout is SIGPIPE as for any program.
 */
const installer: Program = {
  path: installerPath,
  text: `#!/bin/bash
# CloudTower installer: \`installer deploy\`, as root, after preinstall.sh.
if [ "$1" != deploy ]; then echo 'Usage: installer deploy'; exit 2; fi
if [ "$(id -u)" != 0 ]; then echo 'installer: permission denied, run as root'; exit 126; fi
if [ ! -e /var/lib/tower/preinstalled ]; then echo 'ERROR preinstall.sh has not been run'; exit 1; fi
tty=pipe; [ -t 1 ] && tty=terminal
ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status)
nohup=no; (( 0x\${ign:-0} & 1 )) && nohup=yes
${connect('installer', 'installer')}
printf ' %s %s %s\\n' "$$" "$tty" "$nohup" >&3
for s in TERM INT QUIT USR1 HUP; do trap "printf 'signal $s\\\\n' >&3; trap - $s; kill -$s \\$\\$" $s; done
trap "printf 'signal PIPE\\\\n' >&3; exit 141" PIPE
while IFS= read -r reply <&3; do
  case $reply in
    out\\ *) printf '%s\\n' "\${reply#out }" || { printf 'signal PIPE\\n' >&3; exit 141; } ;;
    exit\\ *) exit "\${reply#exit }" ;;
  esac
done
exit 1
`,
};

/** `disks`: the simulated cluster's disks, which the test VMs' fio measures. */
export function programsFor(role: MachineRole, disks?: FioDiskModel): Program[] {
  const all = [
    chpasswd,
    passwd,
    // Units deployed onto the machine run for real (systemctl.ts); the rest are reported as before.
    systemctl,
    serviceHttp,
    reported('systemctl', REPORTED_SYSTEMCTL, 'status|is-active|is-enabled|list-units|show'),
  ];
  if (role === 'cloudtower' || role === 'obs') all.push(reported('nerdctl', '/usr/bin/nerdctl', 'version'));
  if (role === 'cloudtower') all.push(preinstall, installer);
  // Stage 10 runs fio in the test VMs (fio-program.ts).
  if (role === 'testvm') all.push(fioProgram(disks ?? { storage: 'hybrid', hosts: 3, speed: 1 }));
  return all;
}
