// The ids a simulated machine's user namespace maps: its root, smartx/cloudtower (1000), the tty and
// shadow groups, nobody. They are never the simulator's own ids and never real root: an ordinary user
// maps its subordinate ranges (/etc/subuid, /etc/subgid) through the setuid newuidmap/newgidmap of
// Debian's `uidmap`; started as real root, the simulator writes the maps itself onto a high range
// nobody uses, so root inside a machine is an id without a name or a right on the real machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** Ids 0..65535 inside (nobody is 65534). */
export const MAPPED_IDS = 65536;

/** Where the ids of root inside start when the simulator runs as real root (above any subordinate range). */
const ROOT_BASE = 2_000_000_000;

export interface IdRange {
  uid: number;
  gid: number;
  /** `direct`: real root writes /proc/<pid>/{uid,gid}_map; `newuidmap`: the subordinate ids' helpers. */
  via: 'direct' | 'newuidmap';
}

interface SubRange {
  name: string;
  start: number;
  count: number;
}

function readRanges(file: string): SubRange[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim().split(':'))
    .filter((f) => f.length === 3)
    .map(([name, start, count]) => ({ name, start: Number(start), count: Number(count) }))
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.count));
}

/** The first subordinate range of the user that holds every mapped id. */
function ownRange(file: string, user: string, uid: number): number | undefined {
  const r = readRanges(file).find(
    (x) => (x.name === user || x.name === String(uid)) && x.count >= MAPPED_IDS,
  );
  return r?.start;
}

/** A start for a new subordinate range that overlaps no one's (for the command that adds one). */
export function freeSubordinateStart(): number {
  const ends = ['/etc/subuid', '/etc/subgid'].flatMap((f) => readRanges(f).map((r) => r.start + r.count));
  const top = Math.max(100_000, ...ends);
  return Math.ceil(top / MAPPED_IDS) * MAPPED_IDS;
}

function overlapsSubordinate(start: number): boolean {
  return ['/etc/subuid', '/etc/subgid']
    .flatMap((f) => readRanges(f))
    .some((r) => r.start < start + MAPPED_IDS && start < r.start + r.count);
}

/** The ids machines map, or why there are none (the missing piece is named by the caller's check). */
export function chooseIdRange(): IdRange | { missing: 'subuid' | 'subgid' } {
  const uid = process.getuid?.() ?? -1;
  if (uid === 0) {
    let base = ROOT_BASE;
    while (overlapsSubordinate(base)) base += MAPPED_IDS;
    return { uid: base, gid: base, via: 'direct' };
  }
  const user = os.userInfo().username;
  const u = ownRange('/etc/subuid', user, uid);
  if (u === undefined) return { missing: 'subuid' };
  const g = ownRange('/etc/subgid', user, uid);
  if (g === undefined) return { missing: 'subgid' };
  return { uid: u, gid: g, via: 'newuidmap' };
}

/** Maps ids 0..65535 of the user namespace of `pid` onto the range. */
export function writeIdMap(pid: number, range: IdRange): void {
  if (range.via === 'direct') {
    writeFileSync(`/proc/${pid}/uid_map`, `0 ${range.uid} ${MAPPED_IDS}\n`);
    writeFileSync(`/proc/${pid}/gid_map`, `0 ${range.gid} ${MAPPED_IDS}\n`);
    return;
  }
  for (const [bin, start] of [
    ['newuidmap', range.uid],
    ['newgidmap', range.gid],
  ] as const) {
    const r = spawnSync(bin, [String(pid), '0', String(start), String(MAPPED_IDS)], {
      encoding: 'utf8',
      timeout: 5000,
    });
    if (r.status !== 0)
      throw new Error(`${bin} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  }
}
