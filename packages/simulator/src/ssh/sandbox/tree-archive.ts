// A machine's tree as its init takes it: one tar archive of the directories, files and links (one
// `tar -x` inside the machine instead of several programs per entry: a machine started in about a
// tenth of the time, which sixteen hosts starting at once on a shared machine feel), then the copies
// of the real machine's files as lines (machine.ts reads both from the init's stdin).
import tarStream from 'tar-stream';
import type { TreeEntry } from './tree.js';

const SAFE = /^[A-Za-z0-9._/+@:-]+$/;

function assertSafe(e: TreeEntry): void {
  for (const v of [e.path, 'target' in e ? e.target : '', 'from' in e ? e.from : ''])
    if (v && !SAFE.test(v)) throw new Error(`tree entry with an unsafe path: ${JSON.stringify(v)}`);
}

/** `<bytes>\n<tar archive>` then one `C <path> <mode|-> <from>` line per copy, then `END`. */
export async function treeInput(entries: TreeEntry[]): Promise<Buffer> {
  entries.forEach(assertSafe);
  const archive = await tarOf(entries.filter((e) => e.kind !== 'copy'));
  const copies = entries
    .filter((e) => e.kind === 'copy')
    .map((e) => `C ${e.path} ${e.mode === undefined ? '-' : e.mode.toString(8)} ${e.from}\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${archive.length}\n`), archive, Buffer.from(`${copies}END\n`)]);
}

function tarOf(entries: TreeEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const mtime = new Date();
  for (const e of entries) {
    if (e.kind === 'dir')
      pack.entry({ name: e.path, type: 'directory', mode: e.mode, uid: e.uid, gid: e.gid, mtime });
    else if (e.kind === 'file')
      pack.entry({ name: e.path, mode: e.mode, uid: e.uid, gid: e.gid, mtime }, Buffer.from(e.text));
    else if (e.kind === 'link') pack.entry({ name: e.path, type: 'symlink', linkname: e.target, mtime });
  }
  pack.finalize();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    pack.on('data', (b: Buffer) => parts.push(b));
    pack.on('error', reject);
    pack.on('end', () => resolve(Buffer.concat(parts)));
  });
}
