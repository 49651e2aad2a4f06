// Seed 003 §04 "通过ssh执行cloudtower服务部署脚本": preinstall.sh, then the installer under nohup, then
// follow nohup.out until `Install Operation Center Successfully`. Never a second installer: the log
// and the process list are inspected first, and a dropped SSH session only means reconnecting (the
// installer runs under nohup, its output goes to a file, not to the session).
import { Context } from '@temporalio/activity';
import { CLOUDTOWER_INSTALLER_LOG, SshError, type SshSession } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { pollTimedOut, remoteJobFailed, remoteRejected } from '../support/failures.js';
import { resumeDetails, throttledHeartbeat } from '../support/poll.js';
import { connectCloudTowerSsh, execAsRoot, shortLine } from '../support/cloudtower-ssh.js';
import { remoteStep } from '../support/failures.js';
import { coded } from '../../i18n/index.js';
import { FollowStream, INSTALLER_PATTERN, LOG_NOT_YET, followCommand } from './installer-log-follow.js';

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
const INSTALLER_PGREP = `pgrep -f ${INSTALLER_PATTERN}`;
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

  /**
   * One long command as root whose stdout streams to `onStdout` (see SshSession.exec); not retried
   * here: the caller follows again from where it got to.
   */
  async follow(
    command: string,
    timeoutMs: number,
    onStdout: (chunk: Buffer) => 'stop' | void,
  ): Promise<{ code: number | null; stopped?: boolean }> {
    try {
      this.session ??= await connectCloudTowerSsh(this.run, this.ip);
      const r = await this.session.sudo(command, { timeoutMs: Math.max(1000, timeoutMs), onStdout });
      return { code: r.code, stopped: r.stopped };
    } catch (err) {
      this.close();
      throw err;
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

/** Moves a dead installer's log aside as nohup.out.failed-<n> (one rename: nothing is lost or copied). */
async function setAside(shell: TowerShell): Promise<string> {
  const listing = await shell.root(`ls /home/cloudtower`);
  const used = [...listing.stdout.matchAll(/nohup\.out\.failed-(\d+)/g)].map((m) => Number(m[1]));
  const target = `${NOHUP_OUT}.failed-${used.length ? Math.max(...used) + 1 : 1}`;
  const r = await shell.root(`mv -f -- ${NOHUP_OUT} ${target}`);
  if (r.code !== 0) throw new Error(`could not move ${NOHUP_OUT} aside (exit ${r.code})`);
  return target;
}

/** Runs preinstall.sh, then starts the installer unless one runs (then the log is followed from 0). */
async function startInstaller(shell: TowerShell, run: RunContext, ip: string): Promise<void> {
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
  // Started only when none runs, checked in the same command: an earlier attempt of this activity
  // that the server gave up on may still be starting one (a second installer's `>` would empty the
  // first one's log and write its refusal there). The path is split so that pgrep does not find it
  // in this very command line.
  const dir = INSTALLER.slice(0, INSTALLER.lastIndexOf('/'));
  const name = INSTALLER.slice(dir.length + 1);
  const start = await shell.root(
    `if ${INSTALLER_PGREP} > /dev/null; then echo running; else d=${dir}; nohup "$d/${name}" deploy > ${NOHUP_OUT} 2>&1 & echo started; fi`,
    timeoutMs,
  );
  if (start.code !== 0) throw new Error(`starting the installer answered exit ${start.code}`);
  const log = Context.current().log;
  if (start.stdout.trim() === 'running')
    log.info('the CloudTower installer is running; following its log', { ip, offset: 0 });
  else log.info('CloudTower installer started', { ip });
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
  // Heartbeats start before the log is inspected: until then they carry the last attempt's offset.
  let offset = prev?.logOffset ?? 0;
  let lastLine = prev?.lastLine ?? '';
  const heartbeat = (): InstallerHeartbeat => ({
    logOffset: offset,
    lastLine,
    elapsedSeconds: seconds(),
    restarts,
  });
  // At most one heartbeat a second (a busy log arrives in many chunks), and at least one: from the
  // first command on, a slow SSH command (preinstall.sh, a loaded VM) must not let the server give
  // this attempt up and start another beside it, and a quiet log (images loading) neither.
  const beatIfDue = throttledHeartbeat(heartbeat);
  const keepAlive = setInterval(beatIfDue, 1000);

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
        offset = 0;
        if (first.logExists) {
          restarts++;
          const aside = await setAside(shell);
          ctx.log.warn(coded('log.installerRestarted', { movedTo: aside }), {
            ip: req.cloudtowerIp,
            movedTo: aside,
            restarts,
          });
        }
        await startInstaller(shell, req.run, req.cloudtowerIp);
      }

      let restartsHere = 0;
      let dropsInARow = 0;
      const intervalSeconds = req.run.timing.jobPollSeconds;
      const timeoutSeconds = req.run.timing.installerTimeoutSeconds;
      const deadline = Date.now() + timeoutSeconds * 1000;
      const timedOut = () =>
        pollTimedOut(`${step} (waiting for "${SUCCESS_LINE}" in ${NOHUP_OUT})`, Math.round(timeoutSeconds));
      let logBytes = 0;
      for (;;) {
        const from = offset;
        const log = new FollowStream();
        let verdict: 'installed' | Error | undefined;
        let end: { code: number | null; stopped?: boolean };
        try {
          const following = shell.follow(
            followCommand(NOHUP_OUT, from, intervalSeconds),
            deadline - Date.now(),
            (chunk) => {
              for (const line of log.push(chunk)) {
                if (!line.trim()) continue;
                lastLine = shortLine(line);
                if (line.includes(SUCCESS_LINE)) verdict = 'installed';
                else if (FAILURE_LINES.some((re) => re.test(line)))
                  verdict = remoteRejected(
                    coded('failure.installerFailed', {
                      ip: req.cloudtowerIp,
                      line: shortLine(line),
                      log: NOHUP_OUT,
                    }),
                  );
                if (verdict) return 'stop';
              }
              offset = log.lineOffset;
              beatIfDue();
            },
          );
          // A cancelled activity stops following at once (the session is closed below).
          following.catch(() => undefined);
          end = await Promise.race([following, ctx.cancelled]);
        } catch (err) {
          if (Date.now() >= deadline && err instanceof SshError && err.kind === 'timeout') throw timedOut();
          // A dropped session only means following again from where the log was read to. Two drops
          // in a row before the follow even ran end the attempt (the activity's retry resumes).
          dropsInARow = log.header ? 1 : dropsInARow + 1;
          if (!(err instanceof SshError) || err.kind === 'auth' || dropsInARow >= 2) throw err;
          ctx.log.warn('SSH to CloudTower dropped while following the installer log; reconnecting', {
            ip: req.cloudtowerIp,
            error: err.message,
          });
          await ctx.sleep(intervalSeconds * 1000);
          continue;
        }
        logBytes = log.offset;
        dropsInARow = 0;
        if (verdict === 'installed' || log.rest.includes(SUCCESS_LINE)) break;
        if (verdict) throw verdict;
        const header = log.header;
        const progressed = header !== undefined && (log.offset > header.from || header.from !== from);
        if (header) offset = log.lineOffset;
        ctx.heartbeat(heartbeat());
        if (Date.now() > deadline) throw timedOut();
        if (!header || end.code !== 0 || header.alive) {
          // The installer ended while followed (the next follow reads what is left and sees no
          // process), or the follow could not run: once more, after a pause unless it read something.
          if (!progressed || end.code === LOG_NOT_YET) await ctx.sleep(intervalSeconds * 1000);
          continue;
        }
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
        ctx.log.warn(coded('log.installerRestarted', { movedTo: aside }), { movedTo: aside, restarts });
        offset = 0;
        await startInstaller(shell, req.run, req.cloudtowerIp);
      }
      ctx.log.info('CloudTower installed', { ip: req.cloudtowerIp, logBytes, seconds: seconds(), restarts });
      return { status: 'installed' as const, logBytes, seconds: seconds() };
    });
  } finally {
    clearInterval(keepAlive);
    shell.close();
  }
}
