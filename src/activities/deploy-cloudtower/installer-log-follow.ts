// Following the CloudTower installer's nohup.out the way seed 003 §04 says an engineer does it,
// `sudo tail -f nohup.out`: one SSH command streams the log while the installer runs, instead of one
// sudo login per poll round (at a 5 s poll, 360 logins in the appliance's auth log per 30-minute
// install). `tail --pid` ends the stream once the installer has exited, after a last read.

/** `pgrep` pattern; `[/]` keeps it from matching the shell that runs it. */
export const INSTALLER_PATTERN = `'[/]usr/share/smartx/tower/installer/binary/installer deploy'`;

/** The follow's exit code when the installer runs but its log is not there yet: follow again later. */
export const LOG_NOT_YET = 75;

/**
 * One follow as one command. First line: the installer's PID (0 when none runs), the log's size,
 * and the offset the bytes start at (0 when the log is shorter than what was read: a new log). Then
 * the log's bytes from there: followed until the installer exits when it runs (`-s`: how often tail
 * looks whether it still does), otherwise what is left of the log, once. Only plain byte offsets,
 * which GNU coreutils and the simulator read the same way (the log only grows).
 */
export function followCommand(log: string, offset: number, intervalSeconds: number): string {
  const interval = Math.max(0.05, intervalSeconds).toFixed(2);
  return [
    `p=$(pgrep -n -f ${INSTALLER_PATTERN})`,
    `s=$(stat -c %s ${log} 2>/dev/null || echo 0); o=${Math.max(0, Math.floor(offset))}; [ "$s" -lt "$o" ] && o=0`,
    'echo "${p:-0} $s $o"',
    `if [ -n "$p" ]; then`,
    `  [ -e ${log} ] || { sleep ${interval}; exit ${LOG_NOT_YET}; }`,
    `  exec tail -c +$((o + 1)) -s ${interval} --pid="$p" -f ${log}`,
    'fi',
    `if [ "$s" -gt "$o" ]; then tail -c +$((o + 1)) ${log}; fi`,
  ].join('\n');
}

export interface FollowHeader {
  /** The installer ran when the follow started. */
  alive: boolean;
  size: number;
  /** Log offset the streamed bytes start at. */
  from: number;
}

/**
 * Splits a follow's stdout into its header line and the log's bytes, as they arrive. Bytes are kept
 * as bytes until a whole line is there, so a multi-byte character cut between two chunks stays whole.
 */
export class FollowStream {
  header?: FollowHeader;
  /** Log offset just past the last byte received. */
  offset = 0;
  private head = Buffer.alloc(0);
  private partial = Buffer.alloc(0);

  /** Feeds one chunk; returns the complete log lines it finished (without their newline). */
  push(chunk: Buffer): string[] {
    if (!this.header) {
      this.head = Buffer.concat([this.head, chunk]);
      const nl = this.head.indexOf(0x0a);
      if (nl < 0) return [];
      const [pid = 0, size = 0, from = 0] = this.head
        .subarray(0, nl)
        .toString('latin1')
        .trim()
        .split(/\s+/)
        .map((n) => Number(n) || 0);
      this.header = { alive: pid > 0, size, from };
      this.offset = from;
      chunk = this.head.subarray(nl + 1);
      this.head = Buffer.alloc(0);
    }
    this.offset += chunk.length;
    const text = Buffer.concat([this.partial, chunk]);
    const last = text.lastIndexOf(0x0a);
    if (last < 0) {
      this.partial = text;
      return [];
    }
    this.partial = Buffer.from(text.subarray(last + 1));
    return text.subarray(0, last).toString('utf8').split('\n');
  }

  /** Where the line not yet complete starts: where the next follow (or a resumed attempt) reads from. */
  get lineOffset(): number {
    return this.offset - this.partial.length;
  }

  /** The bytes after the last newline (a log whose last line has no newline yet). */
  get rest(): string {
    return this.partial.toString('utf8');
  }
}
