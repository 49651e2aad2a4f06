// Reading an OVF package without unpacking it: an OVA is a POSIX tar whose entries are the OVF
// descriptor, its disks (and maybe a manifest). We only need where each entry's bytes are, so the
// disk can be uploaded straight from the archive in chunks (memory stays flat).
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FileSlice {
  /** Entry (or file) name, e.g. `pat-disk1.vmdk`. */
  name: string;
  /** File the bytes are in (the OVA itself, or the disk next to an .ovf). */
  path: string;
  offset: number;
  size: number;
}

const BLOCK = 512;

function cString(buf: Buffer, at: number, len: number): string {
  const raw = buf.subarray(at, at + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/** The regular-file entries of a tar archive, in order (ustar; GNU long names are not needed here). */
export async function tarEntries(file: string): Promise<FileSlice[]> {
  const fh = await open(file, 'r');
  try {
    const { size: total } = await fh.stat();
    const out: FileSlice[] = [];
    const header = Buffer.alloc(BLOCK);
    for (let at = 0; at + BLOCK <= total;) {
      await fh.read(header, 0, BLOCK, at);
      if (header.every((b) => b === 0)) break;
      const name = cString(header, 0, 100);
      const prefix = cString(header, 345, 155);
      const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
      const type = String.fromCharCode(header[156] || 48);
      if (!Number.isFinite(size) || size < 0)
        throw new Error(`${file}: not a tar archive (bad size at ${at})`);
      const dataAt = at + BLOCK;
      if (dataAt + size > total) throw new Error(`${file}: tar entry ${name} runs past the end of the file`);
      if (type === '0' || type === '\0')
        out.push({ name: prefix ? `${prefix}/${name}` : name, path: file, offset: dataAt, size });
      at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** The `ovf:href` of every File in the descriptor's References section. */
export function referencedFiles(descriptor: string): string[] {
  const refs = /<References\b[\s\S]*?<\/References>/.exec(descriptor)?.[0] ?? '';
  return [...refs.matchAll(/<File\b[^>]*?\bovf:href="([^"]+)"/g)].map((m) => m[1]);
}

export interface OvfPackage {
  descriptor: { name: string; text: string };
  /** The disk files the descriptor references, where their bytes are. */
  disks: FileSlice[];
}

async function readSlice(slice: FileSlice): Promise<Buffer> {
  const fh = await open(slice.path, 'r');
  try {
    const buf = Buffer.alloc(slice.size);
    await fh.read(buf, 0, slice.size, slice.offset);
    return buf;
  } finally {
    await fh.close();
  }
}

/** Opens an .ova (tar) or an .ovf with its disks beside it; throws with the reason when it cannot. */
export async function readOvfPackage(file: string): Promise<OvfPackage> {
  if (/\.ova$/i.test(file)) {
    const entries = await tarEntries(file);
    const ovf = entries.find((e) => /\.ovf$/i.test(e.name));
    if (!ovf) throw new Error(`${path.basename(file)} holds no .ovf descriptor`);
    const text = (await readSlice(ovf)).toString('utf8');
    const disks = referencedFiles(text).map((href) => {
      const entry = entries.find((e) => e.name === href || path.basename(e.name) === href);
      if (!entry)
        throw new Error(
          `${path.basename(file)}: the descriptor references ${href}, which is not in the archive`,
        );
      return entry;
    });
    return { descriptor: { name: path.basename(ovf.name), text }, disks };
  }
  const text = await readFile(file, 'utf8');
  const dir = path.dirname(file);
  const disks: FileSlice[] = [];
  for (const href of referencedFiles(text)) {
    const p = path.join(dir, path.basename(href));
    const info = await stat(p).catch(() => undefined);
    if (!info?.isFile())
      throw new Error(`${path.basename(file)} references ${href}, which is not next to it in ${dir}`);
    disks.push({ name: path.basename(href), path: p, offset: 0, size: info.size });
  }
  return { descriptor: { name: path.basename(file), text }, disks };
}
