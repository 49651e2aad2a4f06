// Per-item results of an inspection, read from the exported report (seed 003 §08 shows no API that
// returns a job's item results: the job id is only used to export the report). The zip holds one
// Word document; each item is one paragraph `<item> | <target> | <level>` (docs/decisions.md,
// "Reliability check": the layout of the real report is not in the seeds). zod checks each row.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { z } from 'zod';
import { INSPECTION_LEVELS, type InspectionItem } from '../run/inspection-items.js';

const itemRow = z.object({
  name: z.string().regex(/^[a-z0-9_]+$/),
  target: z.string().min(1).max(200),
  level: z.enum(INSPECTION_LEVELS),
});

export class InspectionReportError extends Error {
  override name = 'InspectionReportError';
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each `<w:p>` paragraph of a WordprocessingML document. */
function paragraphs(documentXml: string): string[] {
  const out: string[] = [];
  for (const p of documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const runs = [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => xmlUnescape(m[1] ?? ''));
    out.push(runs.join(''));
  }
  return out;
}

/** Reads every item row of the report zip at `zipPath` (throws when it holds none). */
export async function readInspectionReportItems(zipPath: string): Promise<InspectionItem[]> {
  const zip = await JSZip.loadAsync(await readFile(zipPath)).catch((err: unknown) => {
    throw new InspectionReportError(`${zipPath} is not a zip: ${String(err)}`);
  });
  const docx = Object.values(zip.files).find((f) => !f.dir && f.name.endsWith('.docx'));
  if (!docx) throw new InspectionReportError(`${zipPath} holds no .docx report`);
  const inner = await JSZip.loadAsync(await docx.async('nodebuffer'));
  const xml = await inner.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new InspectionReportError(`${docx.name} has no word/document.xml`);
  const items: InspectionItem[] = [];
  for (const text of paragraphs(xml)) {
    const cells = text.split(' | ');
    if (cells.length !== 3) continue; // titles, cluster headings, totals
    const row = itemRow.safeParse({
      name: cells[0]?.trim(),
      target: cells[1]?.trim(),
      level: cells[2]?.trim(),
    });
    if (!row.success) {
      throw new InspectionReportError(`${docx.name}: unreadable item row ${JSON.stringify(text)}`);
    }
    items.push(row.data);
  }
  if (!items.length) throw new InspectionReportError(`${docx.name} lists no inspection items`);
  return items;
}
