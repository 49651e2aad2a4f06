import { escapeXml } from './xlsx-parts.js';

// Surgical edits of one worksheet XML: set a cell to an inline string and change nothing else.
// A load/save round trip through exceljs drops features of the template (notes among them;
// FACTS.md), so the write-back edits the cell's XML element in place. Inline strings
// (`t="inlineStr"`) are valid in every workbook, so sharedStrings.xml needs no change; Excel turns
// them into shared strings the next time it saves.

function columnIndex(col: string): number {
  let n = 0;
  for (const ch of col) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnName(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function splitAddress(address: string): { col: string; row: number } {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(address);
  if (!m) throw new Error(`invalid cell address ${address}`);
  return { col: m[1], row: Number(m[2]) };
}

const cellPattern = (address: string) =>
  new RegExp(`<c\\b[^>]*\\br="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
const rowPattern = (row: number) => new RegExp(`<row\\b[^>]*\\br="${row}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`);

/** Returns `xml` with `address` holding the text `value`, keeping the cell's style. */
export function setInlineStringCell(xml: string, address: string, value: string): string {
  const { col, row } = splitAddress(address);
  const dataStart = xml.search(/<sheetData\b/);
  if (dataStart < 0) throw new Error('worksheet XML without <sheetData> (unsupported writer)');

  const existingRow = rowPattern(row).exec(xml);
  let out: string;
  if (existingRow) {
    const rowXml = existingRow[0];
    const existingCell = cellPattern(address).exec(rowXml);
    let newRow: string;
    if (existingCell) {
      const cellXml = existingCell[0];
      // Serials are values, never formulas: overwriting a formula would also need calcChain edits.
      if (/<f\b/.test(cellXml)) throw new Error(`cell ${address} holds a formula; refusing to overwrite it`);
      const style = /\ss="(\d+)"/.exec(cellXml.slice(0, cellXml.indexOf('>') + 1));
      newRow = rowXml.replace(cellXml, inlineCell(address, value, style?.[1]));
    } else {
      newRow = insertCell(rowXml, col, inlineCell(address, value, undefined));
    }
    out = xml.replace(rowXml, widenSpans(newRow, columnIndex(col)));
  } else {
    out = insertRow(xml, row, `<row r="${row}">${inlineCell(address, value, undefined)}</row>`);
  }
  return widenDimension(out, col, row);
}

function inlineCell(address: string, value: string, style: string | undefined): string {
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  const s = style === undefined ? '' : ` s="${style}"`;
  return `<c r="${address}"${s} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

function insertCell(rowXml: string, col: string, cellXml: string): string {
  if (rowXml.endsWith('/>')) return `${rowXml.slice(0, -2).trimEnd()}>${cellXml}</row>`;
  const target = columnIndex(col);
  for (const m of rowXml.matchAll(/<c\b[^>]*\br="([A-Z]+)\d+"/g)) {
    if (columnIndex(m[1]) > target) return rowXml.slice(0, m.index) + cellXml + rowXml.slice(m.index);
  }
  const end = rowXml.lastIndexOf('</row>');
  return rowXml.slice(0, end) + cellXml + rowXml.slice(end);
}

function insertRow(xml: string, row: number, rowXml: string): string {
  if (/<sheetData\s*\/>/.test(xml))
    return xml.replace(/<sheetData\s*\/>/, `<sheetData>${rowXml}</sheetData>`);
  for (const m of xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)) {
    if (Number(m[1]) > row) return xml.slice(0, m.index) + rowXml + xml.slice(m.index);
  }
  const end = xml.indexOf('</sheetData>');
  return xml.slice(0, end) + rowXml + xml.slice(end);
}

/** `spans` is an optimization hint; keep it covering the new cell. */
function widenSpans(rowXml: string, col: number): string {
  const head = rowXml.slice(0, rowXml.indexOf('>') + 1);
  const m = /\sspans="(\d+):(\d+)"/.exec(head);
  if (!m) return rowXml;
  const lo = Math.min(Number(m[1]), col);
  const hi = Math.max(Number(m[2]), col);
  if (lo === Number(m[1]) && hi === Number(m[2])) return rowXml;
  return head.replace(m[0], ` spans="${lo}:${hi}"`) + rowXml.slice(head.length);
}

/** Keep `<dimension ref>` covering the new cell (only changes when the cell was outside it). */
function widenDimension(xml: string, col: string, row: number): string {
  const m = /<dimension\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(xml);
  if (!m) return xml;
  const [c1, r1] = [columnIndex(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [columnIndex(m[3]), Number(m[4])] : [c1, r1];
  const c = columnIndex(col);
  const next = [Math.min(c1, c), Math.min(r1, row), Math.max(c2, c), Math.max(r2, row)];
  if (next[0] === c1 && next[1] === r1 && next[2] === c2 && next[3] === r2) return xml;
  const ref = `${columnName(next[0])}${next[1]}:${columnName(next[2])}${next[3]}`;
  return xml.replace(m[0], m[0].replace(/ref="[^"]*"/, `ref="${ref}"`));
}
