import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { SERIAL_CELLS } from './layout.js';
import { readWorkbookFile } from './load-workbook.js';
import { setInlineStringCell } from './sheet-xml-edit.js';
import { PlanReadError } from './issues.js';
import { listSheets, openPackage, readPart } from './xlsx-parts.js';

export interface SerialValues {
  cluster?: string;
  cloudtower?: string;
  obs?: string;
  backup?: string;
}

/**
 * Writes the serial numbers into the workbook: cluster -> 主机规划!E19, CloudTower/OBS/Backup ->
 * 集群管理信息!M3/M4/M5. Only those cells' XML changes; every other part of the package keeps its
 * bytes (jszip re-uses the compressed data of untouched entries). The original is first copied to
 * `<name>.bak-<timestamp>.xlsx`, the new file is written next to it, fsynced and renamed over the
 * original, so a crash leaves either the old or the new workbook, never half of one.
 */
export async function writeBackSerials(file: string, serials: SerialValues): Promise<{ backupPath: string }> {
  const edits = (Object.keys(SERIAL_CELLS) as (keyof SerialValues)[])
    .filter((k) => serials[k] !== undefined)
    .map((k) => ({ ...SERIAL_CELLS[k], value: checkSerial(k, serials[k] ?? '') }));

  const original = await readWorkbookFile(file);
  const zip = await openPackage(original, file);
  const sheets = await listSheets(zip);
  const bySheet = new Map<string, { cell: string; value: string }[]>();
  for (const e of edits) bySheet.set(e.sheet, [...(bySheet.get(e.sheet) ?? []), e]);

  for (const [sheetName, cells] of bySheet) {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new PlanReadError('missing-sheet', sheetName);
    let xml = await readPart(zip, sheet.part);
    for (const c of cells) xml = setInlineStringCell(xml, c.cell, c.value);
    const entry = zip.file(sheet.part);
    // createFolders: false, or jszip adds directory entries the original package does not have.
    zip.file(sheet.part, xml, {
      createFolders: false,
      date: entry?.date,
      unixPermissions: entry?.unixPermissions,
      dosPermissions: entry?.dosPermissions,
    });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });

  const backupPath = await backupOriginal(file);
  await replaceAtomically(file, bytes);
  return { backupPath };
}

function checkSerial(kind: string, value: string): string {
  const v = value.trim();
  if (v === '' || v.length > 256 || /[\x00-\x1f\x7f]/.test(v)) throw new TypeError(`invalid ${kind} serial`);
  return v;
}

async function backupOriginal(file: string): Promise<string> {
  const dir = path.dirname(file);
  const ext = path.extname(file) || '.xlsx';
  const stem = path.basename(file, path.extname(file));
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, `${stem}.bak-${stamp}${n === 0 ? '' : `-${n}`}${ext}`);
    try {
      await copyFile(file, candidate, constants.COPYFILE_EXCL);
      await fsyncPath(candidate);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

async function replaceAtomically(file: string, bytes: Buffer): Promise<void> {
  const dir = path.dirname(file);
  // Same directory as the target: rename() is atomic only within one filesystem.
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const { mode } = await stat(file);
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await chmod(tmp, mode & 0o7777); // keep the original's permissions
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncPath(dir).catch(() => undefined); // directory fsync is not possible everywhere
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
