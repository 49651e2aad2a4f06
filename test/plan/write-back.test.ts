import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Workbook, Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { loadPlan, loadWorkbookFile, writeBackSerials, writeSamplePlan } from '../../src/plan/index.js';
import { setInlineStringCell } from '../../src/plan/sheet-xml-edit.js';
import { customerWorkbookPath, needsCustomerWorkbook } from '../helpers/customer-workbook.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'plan-writeback-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SERIALS = { cluster: 'SMTX-CLUSTER-0001', cloudtower: 'CT-2024-<&>-01', obs: 'OBS-42', backup: 'BK-7' };
const WRITTEN = new Set(['主机规划!E19', '集群管理信息!M3', '集群管理信息!M4', '集群管理信息!M5']);

// exceljs shares style objects between cells of the same style: stringify each once.
const styleJson = new WeakMap<object, string>();
const styleText = (style: object): string => {
  let text = styleJson.get(style);
  if (text === undefined) styleJson.set(style, (text = JSON.stringify(style)));
  return text;
};

/** Everything exceljs sees of a sheet, except the cells we wrote, as comparable strings. */
function sheetFacts(ws: Worksheet): Map<string, string> {
  const facts = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      // Skip the written cells and the other cells of their merge ranges (E19:G19).
      if (WRITTEN.has(`${ws.name}!${cell.master.address}`)) return;
      const style = styleText(cell.style);
      // A cell that exists only because a later cell of its row was added is no difference.
      if (cell.value === null && style === '{}' && !cell.note && !cell.dataValidation) return;
      facts.set(
        cell.address,
        JSON.stringify([cell.value, cell.note ?? null, cell.dataValidation ?? null]) + style,
      );
    });
  });
  facts.set('#merges', JSON.stringify(ws.model.merges));
  facts.set(
    '#protection',
    JSON.stringify((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null),
  );
  facts.set('#state', ws.state);
  facts.set('#columns', JSON.stringify((ws.columns ?? []).map((c) => [c.width, c.hidden])));
  return facts;
}

function compareWorkbooks(before: Workbook, afterWb: Workbook): number {
  assert.deepEqual(
    afterWb.worksheets.map((w) => w.name),
    before.worksheets.map((w) => w.name),
  );
  let compared = 0;
  for (const ws of before.worksheets) {
    const a = sheetFacts(ws);
    const b = sheetFacts(afterWb.getWorksheet(ws.name)!);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), `cells of ${ws.name}`);
    for (const [key, value] of a) {
      assert.equal(b.get(key), value, `${ws.name}!${key} changed`);
      compared++;
    }
  }
  return compared;
}

test(
  'write-back to the real template changes only the four serial cells',
  needsCustomerWorkbook(),
  async () => {
    const file = path.join(dir, '规划设计表.xlsx');
    await copyFile(customerWorkbookPath(), file);
    const original = await readFile(file);

    const { backupPath } = await writeBackSerials(file, SERIALS);

    // The backup is the original, byte for byte, next to the file.
    assert.equal(path.dirname(backupPath), dir);
    assert.match(path.basename(backupPath), /^规划设计表\.bak-\d{8}T\d{6}Z(-\d+)?\.xlsx$/);
    assert.ok((await readFile(backupPath)).equals(original));
    // No temporary file is left behind.
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.endsWith('.tmp')),
      [],
    );

    // Package level: every part other than the two edited sheets is byte-identical.
    const zipBefore = await JSZip.loadAsync(original);
    const zipAfter = await JSZip.loadAsync(await readFile(file));
    assert.deepEqual(Object.keys(zipAfter.files), Object.keys(zipBefore.files));
    const edited = new Set(['xl/worksheets/sheet9.xml', 'xl/worksheets/sheet10.xml']);
    for (const name of Object.keys(zipBefore.files)) {
      const a = await zipBefore.file(name)!.async('nodebuffer');
      const b = await zipAfter.file(name)!.async('nodebuffer');
      if (!edited.has(name)) assert.ok(a.equals(b), `${name} changed`);
    }
    // Inside the edited sheets, only the written cells differ.
    const strip = (xml: string) => xml.replace(/<c r="(E19|M3|M4|M5)"[^>]*?(\/>|>[\s\S]*?<\/c>)/g, '');
    for (const name of edited) {
      const a = await zipBefore.file(name)!.async('string');
      const b = await zipAfter.file(name)!.async('string');
      assert.equal(strip(b), strip(a), `${name}: more than the serial cells changed`);
    }

    // Cell level: re-read all 13 sheets and compare every other cell with the original.
    const wbBefore = await loadWorkbookFile(backupPath);
    const wbAfter = await loadWorkbookFile(file);
    assert.equal(wbAfter.worksheets.length, 13);
    const compared = compareWorkbooks(wbBefore, wbAfter);
    assert.ok(compared > 10000, `compared ${compared} cells`);
    // The notes of 配置确认表 survive (the part exceljs cannot read without the normalizer).
    assert.ok(wbAfter.getWorksheet('配置确认表')!.getCell('A1').note);
    // The written cells keep their style.
    const e19 = (wb: Workbook) => wb.getWorksheet('主机规划')!.getCell('E19');
    assert.deepEqual(e19(wbAfter).style, e19(wbBefore).style);

    const { plan, errors } = await loadPlan(file);
    assert.deepEqual(errors, []);
    assert.equal(plan?.clusterSerial, SERIALS.cluster);
    assert.equal(plan?.cloudtower.serial, SERIALS.cloudtower);
    assert.equal(plan?.obs.serial, SERIALS.obs);
    assert.equal(plan?.backup.serial, SERIALS.backup);
  },
);

test('write-back works on our own sample workbook (cells absent before)', async () => {
  const file = path.join(dir, 'sample.xlsx');
  await writeSamplePlan(file, {
    hosts: 3,
    networkArchitecture: 'three-separate',
    storageArchitecture: 'hybrid-tiered',
  });
  const { backupPath } = await writeBackSerials(file, SERIALS);
  compareWorkbooks(await loadWorkbookFile(backupPath), await loadWorkbookFile(file));
  const { plan, errors } = await loadPlan(file);
  assert.deepEqual(errors, []);
  assert.equal(plan?.clusterSerial, SERIALS.cluster);
  assert.equal(plan?.backup.serial, SERIALS.backup);

  // A second write-back (e.g. a retried activity) overwrites and keeps another backup.
  const second = await writeBackSerials(file, { cluster: 'SMTX-CLUSTER-0002' });
  assert.notEqual(second.backupPath, backupPath);
  assert.equal((await loadPlan(file)).plan?.clusterSerial, 'SMTX-CLUSTER-0002');
  assert.equal((await loadPlan(file)).plan?.cloudtower.serial, SERIALS.cloudtower);
});

test('write-back keeps the file mode and rejects bad input', async () => {
  const file = path.join(dir, 'mode.xlsx');
  await writeSamplePlan(file, {
    hosts: 3,
    networkArchitecture: 'storage-separate',
    storageArchitecture: 'all-flash-untiered',
  });
  const mode = (await stat(file)).mode;
  await writeBackSerials(file, { cluster: 'X' });
  assert.equal((await stat(file)).mode, mode);
  await assert.rejects(writeBackSerials(file, { cluster: 'bad\nserial' }), TypeError);
  await assert.rejects(writeBackSerials(path.join(dir, 'missing.xlsx'), { cluster: 'X' }), {
    name: 'PlanReadError',
  });
});

test('setInlineStringCell inserts cells and rows in order', () => {
  const xml =
    '<worksheet><dimension ref="A1:C3"/><sheetData><row r="1" spans="1:3"><c r="A1" s="2"><v>1</v></c><c r="C1"/></row>' +
    '<row r="3"><c r="B3" t="n"/></row></sheetData></worksheet>';
  const a = setInlineStringCell(xml, 'B1', 'x');
  assert.match(
    a,
    /<c r="A1" s="2"><v>1<\/v><\/c><c r="B1" t="inlineStr"><is><t>x<\/t><\/is><\/c><c r="C1"\/>/,
  );
  const b = setInlineStringCell(xml, 'E2', 'y&z');
  assert.match(
    b,
    /<\/row><row r="2"><c r="E2" t="inlineStr"><is><t>y&amp;z<\/t><\/is><\/c><\/row><row r="3">/,
  );
  assert.match(b, /<dimension ref="A1:E3"\/>/);
  const c = setInlineStringCell(xml, 'B3', 'v');
  assert.match(c, /<row r="3"><c r="B3" t="inlineStr">/);
  const d = setInlineStringCell(xml, 'D1', 'w');
  assert.match(d, /<row r="1" spans="1:4">/);
  assert.throws(() =>
    setInlineStringCell(
      '<worksheet><sheetData><row r="1"><c r="A1"><f>B1</f></c></row></sheetData></worksheet>',
      'A1',
      'x',
    ),
  );
});
