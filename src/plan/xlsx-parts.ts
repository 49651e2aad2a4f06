import JSZip from 'jszip';
import { PlanReadError } from './issues.js';

// Low-level access to the parts of an .xlsx package (a zip of XML files). Used by the normalizer
// before exceljs loads a workbook and by the write-back, which edits sheet XML in place.

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Opens the package; unreadable inputs become PlanReadError with a precise code. */
export async function openPackage(bytes: Buffer, label: string): Promise<JSZip> {
  // Password-protected .xlsx files (and legacy .xls) are OLE compound files, not zips.
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) throw new PlanReadError('encrypted', label);
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw new PlanReadError('not-a-workbook', label);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new PlanReadError('not-a-workbook', label, { cause });
  }
  if (!zip.file('xl/workbook.xml') || !zip.file('[Content_Types].xml'))
    throw new PlanReadError('not-a-workbook', label);
  return zip;
}

export async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new PlanReadError('corrupt', `missing part ${path}`);
  return file.async('string');
}

const unescapeXml = (s: string): string =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '',
  );

export const escapeXml = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** Value of attribute `name` in one start tag. */
function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target (absolute `/xl/...` or relative to the source part). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sourcePart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export interface Relationship {
  tag: string;
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    out.push({
      tag,
      id: attr(tag, 'Id') ?? '',
      type: attr(tag, 'Type') ?? '',
      target: attr(tag, 'Target') ?? '',
      external: attr(tag, 'TargetMode') === 'External',
    });
  }
  return out;
}

export interface SheetEntry {
  name: string;
  /** The `<sheet .../>` tag in workbook.xml. */
  tag: string;
  relId: string;
  /** Zip path of the worksheet part. */
  part: string;
}

/** The workbook's sheets in order, with the zip path of each worksheet part. */
export async function listSheets(zip: JSZip): Promise<SheetEntry[]> {
  const workbook = await readPart(zip, 'xl/workbook.xml');
  const rels = parseRelationships(await readPart(zip, relsPathOf('xl/workbook.xml')));
  const byId = new Map(rels.map((r) => [r.id, r]));
  const out: SheetEntry[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const tag = m[0];
    const relId = attr(tag, 'r:id') ?? '';
    const rel = byId.get(relId);
    if (!rel) continue;
    out.push({
      name: attr(tag, 'name') ?? '',
      tag,
      relId,
      part: resolveTarget('xl/workbook.xml', rel.target),
    });
  }
  return out;
}
