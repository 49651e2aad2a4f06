// The inspection report as the inspector exports it: a zip holding a Word document. The .docx is a
// real (minimal) OOXML package built with jszip, so a test or an operator can open it. File dates
// are the simulated export time, which makes the zip, and its sha256, reproducible for a seed.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';

interface ReportInput {
  jobId: string;
  version: string;
  clusters: { uuid: string; name: string; items: { name: string; target: string; level: string }[] }[];
  graphMonths: number;
  generatedAt: Date;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paragraph(text: string, bold = false): string {
  const props = bold ? '<w:rPr><w:b/></w:rPr>' : '';
  return `<w:p><w:r>${props}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
}

async function buildDocx(input: ReportInput): Promise<Buffer> {
  const date = input.generatedAt;
  const docx = new JSZip();
  docx.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
    { date },
  );
  docx.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
    { date },
  );
  const body: string[] = [
    paragraph('SmartX 集群巡检报告 / Cluster Inspection Report', true),
    paragraph(`Inspector ${input.version}, job ${input.jobId}`),
    paragraph(`Generated ${input.generatedAt.toISOString()}, graphs over ${input.graphMonths} months`),
  ];
  for (const c of input.clusters) {
    body.push(paragraph(`Cluster ${c.name} (${c.uuid})`, true));
    // One paragraph per item, `<item> | <target> | <level>` (the layout our reader expects; the real
    // report's layout is not in the seeds: docs/simulator-cloudtower.md).
    for (const item of c.items) body.push(paragraph(`${item.name} | ${item.target} | ${item.level}`));
    const failing = c.items.filter((i) => i.level !== 'PASS').length;
    body.push(paragraph(`${c.items.length} items checked, ${failing} failing`));
  }
  docx.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      body.join('') +
      '</w:body></w:document>',
    { date },
  );
  return docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Writes the report zip to `file`; returns its sha256, size and entry names. */
export async function writeReportZip(
  file: string,
  zipName: string,
  input: ReportInput,
): Promise<{ sha256: string; size: number; entries: string[] }> {
  const docxName = zipName.replace(/\.zip$/, '.docx');
  const zip = new JSZip();
  zip.file(docxName, await buildDocx(input), { date: input.generatedAt });
  // The report is a few KiB: building it in memory is fine (uploads are what must stream).
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await writeFile(file, bytes);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    entries: [docxName],
  };
}
