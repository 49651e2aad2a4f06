// The small files of a machine that /__sim/state shows (resolv.conf and hostname edits, sizes of
// nohup.out and its moved copies), read inside the machine as its root: only regular files that are
// not links and have one name are read, a FIFO or device is skipped, and a read that hangs is killed.
import type { Account, MachineNamespace } from './machine.js';

export type MachineFiles = Record<string, string | { bytes: number }>;

const SHOWN = ['/etc/resolv.conf', '/etc/hostname'];
const MAX_BYTES = 64 * 1024;

/** `F <path> <base64>` for shown files, `S <path> <bytes>` for nohup logs. */
const script = (homes: string[]) => `
ok() { [ -f "$1" ] && [ ! -L "$1" ] && [ "$(stat -c %h -- "$1")" = 1 ]; }
for p in ${SHOWN.join(' ')}; do
  ok "$p" && printf 'F %s %s\\n' "$p" "$(head -c ${MAX_BYTES} -- "$p" | base64 -w0)"
done
for h in ${homes.join(' ')}; do
  [ -d "$h" ] && [ ! -L "$h" ] || continue
  for f in "$h"/nohup.out "$h"/nohup.out.*; do
    case \${f##*/} in nohup.out|nohup.out.[A-Za-z0-9_]*) ;; *) continue ;; esac
    ok "$f" && printf 'S %s %s\\n' "$f" "$(stat -c %s -- "$f")"
  done
done
true`;

export async function machineFiles(
  ns: MachineNamespace,
  root: Account,
  homes: string[],
): Promise<MachineFiles> {
  const safeHomes = ['/root', ...homes].filter((h) => /^\/[\w./-]+$/.test(h));
  const r = await ns.run(root, script(safeHomes), { timeoutMs: 3000, maxBytes: 4 * MAX_BYTES });
  const files: MachineFiles = {};
  for (const line of r.out.split('\n')) {
    const [kind, p, value = ''] = line.split(' ');
    if (!p) continue;
    if (kind === 'F') files[p] = Buffer.from(value, 'base64').toString('utf8');
    if (kind === 'S' && /^\d+$/.test(value) && /^\/[\w./-]+$/.test(p)) files[p] = { bytes: Number(value) };
  }
  return files;
}
