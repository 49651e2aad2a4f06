// Seed 003 §04 "通过ssh执行cloudtower服务部署脚本": preinstall.sh, then the installer under nohup, then
// follow nohup.out until `Install Operation Center Successfully`. Never a second installer: the log
// and the process list are inspected first, and a dropped SSH session only means reconnecting (the
// installer runs under nohup, its output goes to a file, not to the session).
import { Context } from '@temporalio/activity';
import { CLOUDTOWER_INSTALLER_LOG, SshError, type SshSession } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteJobFailed, remoteRejected } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { connectCloudTowerSsh, execAsRoot, shortLine } from '../support/cloudtower-ssh.js';
import { remoteStep } from '../support/failures.js';
import { coded } from '../../i18n/index.js';

export interface InstallCloudTowerRequest {
  run: RunContext;
  cloudtowerIp: string;
}

export interface InstallCloudTowerResult {
  status: 'installed' | 'already-installed';
  logBytes: number;
  seconds: number;
}

const PREINSTALL = '/usr/share/smartx/tower/preinstall.sh';
const INSTALLER = '/usr/share/smartx/tower/installer/binary/installer';
/** Where the seed's `sudo nohup … &` run from the cloudtower home directory writes. */
const NOHUP_OUT = CLOUDTOWER_INSTALLER_LOG;
const SUCCESS_LINE = 'Install Operation Center Successfully';
/** Lines that end an install for good: the installer's own verdict, or its refusal to run twice. */
const FAILURE_LINES = [/Install Operation Center Failed/i, /another deployment is in progress/i];
/** `[/]` keeps pgrep from matching the shell that runs it. */
const INSTALLER_PGREP = `pgrep -f '[/]usr/share/smartx/tower/installer/binary/installer deploy'`;
/** Most bytes read from the log per poll. */
const READ_LIMIT = 1024 * 1024;
/** Dead installers restarted within one attempt before giving up. */
const MAX_RESTARTS = 2;

interface InstallerHeartbeat {
  logOffset: number;
  lastLine: string;
  elapsedSeconds: number;
  restarts: number;
}

/** An SSH connection that is opened again when it drops; commands are retried once on a new one. */
class TowerShell {
  private session?: SshSession;
  constructor(
    private readonly run: RunContext,
    private readonly ip: string,
  ) {}

  async root(command: string, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.session ??= await connectCloudTowerSsh(this.run, this.ip);
        const r = await execAsRoot(this.session, command, timeoutMs);
        return { code: r.code, stdout: r.stdout };
      } catch (err) {
        this.close();
        if (!(err instanceof SshError) || err.kind === 'auth' || attempt >= 2) throw err;
        Context.current().log.warn('SSH to CloudTower dropped; reconnecting', {
          ip: this.ip,
          error: err.message,
        });
      }
    }
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}

interface Inspection {
  logExists: boolean;
  succeeded: boolean;
  running: boolean;
}

async function inspect(shell: TowerShell): Promise<Inspection> {
  const exists = await shell.root(`test -e ${NOHUP_OUT} && echo yes || echo no`);
  const logExists = exists.stdout.trim() === 'yes';
  const succeeded =
    logExists && Number((await shell.root(`grep -c '${SUCCESS_LINE}' ${NOHUP_OUT}`)).stdout.trim()) > 0;
  const running = (await shell.root(INSTALLER_PGREP)).code === 0;
  return { logExists, succeeded, running };
}

async function logSize(shell: TowerShell): Promise<number> {
  const r = await shell.root(`stat -c %s ${NOHUP_OUT}`);
  const n = Number(r.stdout.trim());
  return r.code === 0 && Number.isFinite(n) ? n : 0;
}

/**
 * One poll round as one command: whether the installer runs, the log's size, where this read
 * starts (0 when the log is shorter than what was read: a new log), then at most READ_LIMIT bytes
 * from there. Bytes [from, end) are `head -c end | tail -c (end - from)`: only plain byte counts,
 * which GNU coreutils and the simulator read the same way (the log only grows, so the prefix is stable).
 */
function probeAndRead(offset: number): string {
  return [
    `if ${INSTALLER_PGREP} > /dev/null; then echo alive; else echo gone; fi`,
    `s=$(stat -c %s ${NOHUP_OUT} 2>/dev/null || echo 0); o=${offset}; [ "$s" -lt "$o" ] && o=0`,
    `e=$((o + ${READ_LIMIT})); [ "$s" -lt "$e" ] && e=$s`,
    'echo "$s $o"',
    `if [ "$e" -gt "$o" ]; then head -c "$e" ${NOHUP_OUT} | tail -c "$((e - o))"; fi`,
  ].join('\n');
}

interface Round {
  alive: boolean;
  size: number;
  /** Log offset the text starts at. */
  from: number;
  text: string;
}

/** What probeAndRead printed: two lines of state, then the log's bytes as they are. */
function parseRound(stdout: string): Round {
  const first = stdout.indexOf('\n');
  const second = stdout.indexOf('\n', first + 1);
  const [size = 0, from = 0] = stdout
    .slice(first + 1, second < 0 ? undefined : second)
    .trim()
    .split(/\s+/)
    .map((n) => Number(n) || 0);
  return {
    alive: stdout.slice(0, Math.max(0, first)).trim() === 'alive',
    size,
    from,
    text: second < 0 ? '' : stdout.slice(second + 1),
  };
}

/** Moves a dead installer's log aside as nohup.out.failed-<n> (one rename: nothing is lost or copied). */
async function setAside(shell: TowerShell): Promise<string> {
  const listing = await shell.root(`ls /home/cloudtower`);
  const used = [...listing.stdout.matchAll(/nohup\.out\.failed-(\d+)/g)].map((m) => Number(m[1]));
  const target = `${NOHUP_OUT}.failed-${used.length ? Math.max(...used) + 1 : 1}`;
  const r = await shell.root(`mv -f -- ${NOHUP_OUT} ${target}`);
  if (r.code !== 0) throw new Error(`could not move ${NOHUP_OUT} aside (exit ${r.code})`);
  return target;
}

async function startInstaller(shell: TowerShell, run: RunContext): Promise<void> {
  const timeoutMs = run.timing.jobTimeoutSeconds * 1000;
  const pre = await shell.root(`sh ${PREINSTALL}`, timeoutMs);
  if (pre.code !== 0) {
    throw remoteJobFailed(
      coded('failure.preinstallFailed', {
        script: PREINSTALL,
        code: String(pre.code),
        line: shortLine(pre.stdout.trim().split('\n').pop() ?? ''),
      }),
    );
  }
  // Output goes to the file (not to the session), so closing the session neither blocks nor kills it.
  const start = await shell.root(`nohup ${INSTALLER} deploy > ${NOHUP_OUT} 2>&1 &`, timeoutMs);
  if (start.code !== 0) throw new Error(`starting the installer answered exit ${start.code}`);
}

export async function installCloudTower(req: InstallCloudTowerRequest): Promise<InstallCloudTowerResult> {
  const ctx = Context.current();
  const started = Date.now();
  const prev = resumeDetails<InstallerHeartbeat>();
  const priorSeconds = prev?.elapsedSeconds ?? 0;
  const shell = new TowerShell(req.run, req.cloudtowerIp);
  const step = `install CloudTower on ${req.cloudtowerIp}`;
  const seconds = () => Math.round(priorSeconds + (Date.now() - started) / 1000);
  let restarts = prev?.restarts ?? 0;
  let offset = 0;
  let lastLine = prev?.lastLine ?? '';
  let partial = '';

  try {
    return await remoteStep(step, async () => {
      const first = await inspect(shell);
      if (first.succeeded) {
        const size = await logSize(shell);
        ctx.log.info('CloudTower is already installed', { ip: req.cloudtowerIp, logBytes: size });
        return { status: 'already-installed' as const, logBytes: size, seconds: seconds() };
      }
      if (first.running) {
        offset = prev?.logOffset ?? 0;
        if (offset > (await logSize(shell))) offset = 0;
        ctx.log.info('the CloudTower installer is running; following its log', {
          ip: req.cloudtowerIp,
          offset,
        });
      } else {
        if (first.logExists) {
          restarts++;
          const aside = await setAside(shell);
          ctx.log.warn(coded('log.installerRestarted', { movedTo: aside }), {
            ip: req.cloudtowerIp,
            movedTo: aside,
            restarts,
          });
        }
        await startInstaller(shell, req.run);
        ctx.log.info('CloudTower installer started', { ip: req.cloudtowerIp });
      }

      let restartsHere = 0;
      const heartbeat = (): InstallerHeartbeat => ({
        logOffset: offset,
        lastLine,
        elapsedSeconds: seconds(),
        restarts,
      });
      await pollUntil(
        {
          intervalSeconds: req.run.timing.jobPollSeconds,
          timeoutSeconds: req.run.timing.installerTimeoutSeconds,
          what: `${step} (waiting for "${SUCCESS_LINE}" in ${NOHUP_OUT})`,
        },
        async () => {
          // One SSH command per round (process, size, then the unread bytes): each command is a
          // round trip, and the success line is seen one round trip sooner. Process first, then the
          // log: an installer that exits right after its last line is not mistaken for a dead one.
          const round = parseRound((await shell.root(probeAndRead(offset))).stdout);
          const { alive, size, text } = round;
          // A shorter log than read so far is a new one: the command read it from its start.
          if (round.from < offset) partial = '';
          const end = round.from + Buffer.byteLength(text);
          offset = end;
          const lines = (partial + text).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim()) continue;
            lastLine = shortLine(line);
            if (line.includes(SUCCESS_LINE)) return 'installed' as const;
            if (FAILURE_LINES.some((re) => re.test(line))) {
              throw remoteRejected(
                coded('failure.installerFailed', {
                  ip: req.cloudtowerIp,
                  line: shortLine(line),
                  log: NOHUP_OUT,
                }),
              );
            }
          }
          if (partial.includes(SUCCESS_LINE)) return 'installed' as const;
          if (!alive && end >= size) {
            // Everything is read, no verdict, no process: the installer died (killed, VM rebooted).
            if (restartsHere >= MAX_RESTARTS) {
              throw remoteJobFailed(
                coded('failure.installerStopped', {
                  ip: req.cloudtowerIp,
                  success: SUCCESS_LINE,
                  times: restartsHere + 1,
                  line: lastLine,
                }),
              );
            }
            restarts++;
            restartsHere++;
            const aside = await setAside(shell);
            ctx.log.warn(coded('log.installerRestarted', { movedTo: aside }), {
              movedTo: aside,
              restarts,
            });
            offset = 0;
            partial = '';
            await startInstaller(shell, req.run);
          }
          return undefined;
        },
        heartbeat,
      );
      const logBytes = offset;
      ctx.log.info('CloudTower installed', { ip: req.cloudtowerIp, logBytes, seconds: seconds(), restarts });
      return { status: 'installed' as const, logBytes, seconds: seconds() };
    });
  } finally {
    shell.close();
  }
}
