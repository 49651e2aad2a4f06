import type JSZip from 'jszip';
import { PlanReadError } from './issues.js';
import {
  listSheets,
  parseRelationships,
  readPart,
  relsPathOf,
  resolveTarget,
  type SheetEntry,
} from './xlsx-parts.js';

// The one place for tool-specific quirks of .xlsx files, applied in memory before exceljs loads a
// package. The original file is never changed by this.
//
// exceljs 4.4.0 finds a sheet's notes only at `xl/commentsN.xml` + `xl/drawings/vmlDrawingN.vml`,
// linked by relative targets (`../commentsN.xml`). Our template (and files saved by WPS, Google
// Sheets and others) keeps them at `xl/comments/comment1.xml` + `xl/drawings/commentsDrawing1.vml`
// with absolute targets, and exceljs then fails with "Cannot read properties of undefined (reading
// 'comments')" (exceljs issue #2797). We rename those parts and rewrite the relationships and the
// content-type override to the names exceljs expects.

const COMMENTS_TYPE = /\/relationships\/comments$/;
const VML_TYPE = /\/relationships\/vmlDrawing$/;

export interface NormalizeOptions {
  /**
   * Keep only these sheets (by name). Reading the plan needs 4 of the template's 13 sheets, which
   * are large (styled empty rows down to row 974); dropping the others makes parsing ~3x faster.
   * Missing names throw PlanReadError('missing-sheet').
   */
  keepSheets?: readonly string[];
  /**
   * Drop the rows below this one from the kept sheets. The template's sheets carry styled empty
   * rows down to row 974 (2.2 MB of XML for the 4 plan sheets); the plan lives in rows 1-26, and
   * exceljs parse time is proportional to the XML. Read-only use: never for a write-back.
   */
  maxRow?: number;
}

/** Applies the fixes to `zip` in place and returns the package bytes for exceljs. */
export async function normalizeForExceljs(zip: JSZip, opts: NormalizeOptions = {}): Promise<Buffer> {
  let sheets = await listSheets(zip);
  if (opts.keepSheets) sheets = await pruneSheets(zip, sheets, opts.keepSheets);
  if (opts.maxRow !== undefined) await truncateRows(zip, sheets, opts.maxRow);
  await renameCommentParts(zip, sheets);
  // STORE: exceljs inflates it again right away; compressing would only cost time.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

async function renameCommentParts(zip: JSZip, sheets: SheetEntry[]): Promise<void> {
  let contentTypes = await readPart(zip, '[Content_Types].xml');
  let counter = 0;
  const freeName = (make: (n: number) => string): string => {
    let name: string;
    do name = make(++counter);
    while (zip.file(name));
    return name;
  };

  for (const sheet of sheets) {
    const relsPath = relsPathOf(sheet.part);
    const relsFile = zip.file(relsPath);
    if (!relsFile) continue;
    let rels = await relsFile.async('string');
    let changed = false;
    for (const rel of parseRelationships(rels)) {
      const isComments = COMMENTS_TYPE.test(rel.type);
      const isVml = VML_TYPE.test(rel.type);
      if ((!isComments && !isVml) || rel.external) continue;
      const current = resolveTarget(sheet.part, rel.target);
      const wanted = isComments ? /^xl\/comments\d+\.xml$/ : /^xl\/drawings\/vmlDrawing\d+\.vml$/;
      if (wanted.test(current) && !rel.target.startsWith('/')) continue;
      const file = zip.file(current);
      if (!file) continue;
      const next = wanted.test(current)
        ? current
        : freeName((n) => (isComments ? `xl/comments${n}.xml` : `xl/drawings/vmlDrawing${n}.vml`));
      if (next !== current) {
        zip.file(next, await file.async('uint8array'));
        zip.remove(current);
        contentTypes = contentTypes.replace(`PartName="/${current}"`, `PartName="/${next}"`);
      }
      const relative = next.replace(/^xl\//, '../');
      rels = rels.replace(rel.tag, rel.tag.replace(/Target="[^"]*"/, `Target="${relative}"`));
      changed = true;
    }
    if (changed) zip.file(relsPath, rels);
  }
  zip.file('[Content_Types].xml', contentTypes);
}

async function pruneSheets(zip: JSZip, sheets: SheetEntry[], keep: readonly string[]): Promise<SheetEntry[]> {
  const names = new Set(sheets.map((s) => s.name));
  const missing = keep.filter((k) => !names.has(k));
  if (missing.length > 0) throw new PlanReadError('missing-sheet', missing.join(', '));

  let workbook = await readPart(zip, 'xl/workbook.xml');
  const workbookRelsPath = relsPathOf('xl/workbook.xml');
  let workbookRels = await readPart(zip, workbookRelsPath);
  let contentTypes = await readPart(zip, '[Content_Types].xml');
  const kept: SheetEntry[] = [];
  for (const sheet of sheets) {
    if (keep.includes(sheet.name)) {
      kept.push(sheet);
      continue;
    }
    workbook = workbook.replace(sheet.tag, '');
    const rel = parseRelationships(workbookRels).find((r) => r.id === sheet.relId);
    if (rel) workbookRels = workbookRels.replace(rel.tag, '');
    // Drop the sheet's own comment parts too, so exceljs does not parse them for nothing.
    const relsFile = zip.file(relsPathOf(sheet.part));
    if (relsFile) {
      for (const r of parseRelationships(await relsFile.async('string'))) {
        if (r.external || !(COMMENTS_TYPE.test(r.type) || VML_TYPE.test(r.type))) continue;
        const target = resolveTarget(sheet.part, r.target);
        zip.remove(target);
        contentTypes = contentTypes.replace(
          new RegExp(`<Override[^>]*PartName="/${escapeRegExp(target)}"[^>]*/>`),
          '',
        );
      }
      zip.remove(relsPathOf(sheet.part));
    }
    zip.remove(sheet.part);
    contentTypes = contentTypes.replace(
      new RegExp(`<Override[^>]*PartName="/${escapeRegExp(sheet.part)}"[^>]*/>`),
      '',
    );
  }
  // Defined names (print areas ...) may point at dropped sheets; the plan does not use them.
  workbook = workbook.replace(/<definedNames>[\s\S]*?<\/definedNames>/, '');
  zip.file('xl/workbook.xml', workbook);
  zip.file(workbookRelsPath, workbookRels);
  zip.file('[Content_Types].xml', contentTypes);
  return kept;
}

async function truncateRows(zip: JSZip, sheets: SheetEntry[], maxRow: number): Promise<void> {
  for (const sheet of sheets) {
    const xml = await readPart(zip, sheet.part);
    const trimmed = xml.replace(/<row\b[^>]*?\br="(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g, (row, r: string) =>
      Number(r) > maxRow ? '' : row,
    );
    zip.file(sheet.part, trimmed);
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
