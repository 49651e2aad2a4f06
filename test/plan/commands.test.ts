import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import { runSamplePlanCommand } from '../../src/cli/commands/sample-plan.js';
import { runValidateCommand } from '../../src/cli/commands/validate.js';
import { loadPlan, PlanReadError } from '../../src/plan/index.js';
import { customerWorkbookPath, needsCustomerWorkbook } from '../helpers/customer-workbook.js';
import { sampleWorkbookFile } from './helpers.js';

let dir: string;
/** Our own sample workbook, for the tests that only need a valid workbook. */
let sample: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'plan-cli-'));
  sample = await sampleWorkbookFile();
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a command, capturing what it prints. */
async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    const code = await run();
    return { code, out: lines.join('\n') };
  } finally {
    console.log = original;
  }
}

test(
  'validate: the template is valid (exit 0) and the summary shows hosts and networks',
  needsCustomerWorkbook(),
  async () => {
    const { code, out } = await capture(() => runValidateCommand([customerWorkbookPath(), '--lang', 'en']));
    assert.equal(code, 0);
    assert.match(out, /CN-BJ-SMTX-Prod-Cls01/);
    assert.match(out, /BJ-SMTX-Prod-Node-04 +10\.0\.20\.14/);
    assert.match(out, /VLAN-1130/);
    assert.match(out, /The workbook is valid/);
    assert.ok(!out.includes('HC!r0cks') && !out.includes('P@ssw0rd'));
  },
);

test('validate --json: shape, no secrets', needsCustomerWorkbook(), async () => {
  const { code, out } = await capture(() =>
    runValidateCommand([customerWorkbookPath(), '--json', '--lang', 'zh']),
  );
  assert.equal(code, 0);
  const json = JSON.parse(out) as {
    valid: boolean;
    plan: { hosts: unknown[] };
    errors: unknown[];
    warnings: { message: string }[];
  };
  assert.equal(json.valid, true);
  assert.equal(json.plan.hosts.length, 4);
  assert.deepEqual(json.errors, []);
  assert.ok(json.warnings.length > 0 && /[\u4e00-\u9fff]/.test(json.warnings[0].message));
  assert.ok(!out.includes('HC!r0cks') && !out.includes('P@ssw0rd') && !out.includes('******'));
});

test('validate: an invalid workbook exits 1 and lists sheet, cell, rule and fix', async () => {
  const file = path.join(dir, 'bad.xlsx');
  await runSamplePlanCommand(['--out', file, '--hosts', '3']).then((c) => assert.equal(c, 0));
  // Break the VIP with a surgical XML edit (the sample stores strings in sharedStrings).
  const zip = await JSZip.loadAsync(await readFile(file));
  const shared = await zip.file('xl/sharedStrings.xml')!.async('string');
  zip.file('xl/sharedStrings.xml', shared.replace('<t>127.1.0.10</t>', '<t>127.1.0.300</t>'));
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));

  const text = await capture(() => runValidateCommand([file, '--lang', 'en']));
  assert.equal(text.code, 1);
  assert.match(text.out, /主机规划!I19 +\[ipv4-format\]/);
  assert.match(text.out, /fix: /);
  const json = await capture(() => runValidateCommand([file, '--json', '--lang', 'en']));
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.out) as {
    valid: boolean;
    plan: unknown;
    errors: { sheet: string; cell: string; rule: string; message: string }[];
  };
  assert.equal(parsed.valid, false);
  assert.equal(parsed.plan, null);
  assert.deepEqual(
    parsed.errors.map((e) => [e.sheet, e.cell, e.rule]),
    [['主机规划', 'I19', 'ipv4-format']],
  );
  assert.match(parsed.errors[0].message, /not a valid IPv4 address/);
});

test('validate: unreadable inputs exit 2', async () => {
  const notZip = path.join(dir, 'notes.xlsx');
  await writeFile(notZip, 'hello, this is text');
  const ole = path.join(dir, 'encrypted.xlsx');
  await writeFile(
    ole,
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
  );
  const missingSheet = path.join(dir, 'missing-sheet.xlsx');
  const zip = await JSZip.loadAsync(await readFile(sample));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', wbXml.replace('name="集群管理信息"', 'name="集群管理"'));
  await writeFile(missingSheet, await zip.generateAsync({ type: 'nodebuffer' }));

  for (const [file, code] of [
    [notZip, 'not-a-workbook'],
    [ole, 'encrypted'],
    [missingSheet, 'missing-sheet'],
    [path.join(dir, 'absent.xlsx'), 'not-found'],
  ] as const) {
    await assert.rejects(loadPlan(file), (err: unknown) => err instanceof PlanReadError && err.code === code);
    const { code: exit, out } = await capture(() => runValidateCommand([file, '--json']));
    assert.equal(exit, 2, file);
    assert.equal((JSON.parse(out) as { valid: boolean }).valid, false);
  }
  assert.equal((await capture(() => runValidateCommand([]))).code, 2);
  assert.equal((await capture(() => runValidateCommand([sample, '--lang', 'fr']))).code, 2);
});

test('sample-plan command: options, Chinese architecture names, refuses to overwrite', async () => {
  const file = path.join(dir, 'cli-sample.xlsx');
  const first = await capture(() =>
    runSamplePlanCommand([
      '--out',
      file,
      '--hosts',
      '5',
      '--arch',
      '存储独立',
      '--storage',
      'all-flash',
      '--lang',
      'en',
    ]),
  );
  assert.equal(first.code, 0, first.out);
  const { plan } = await loadPlan(file);
  assert.equal(plan?.hosts.length, 5);
  assert.equal(plan?.networkArchitecture, 'storage-separate');
  assert.equal(plan?.storageArchitecture, 'all-flash-untiered');
  assert.equal((await capture(() => runSamplePlanCommand(['--out', file]))).code, 1);
  assert.equal(
    (await capture(() => runSamplePlanCommand(['--out', file, '--force', '--arch', 'three-separate']))).code,
    0,
  );
  assert.equal(
    (await capture(() => runSamplePlanCommand(['--out', file, '--force', '--hosts', '2']))).code,
    2,
  );
  assert.equal(
    (await capture(() => runSamplePlanCommand(['--out', file, '--force', '--arch', '三网融合']))).code,
    2,
  );

  // Another workbook next to it still validates (the command never touches other files).
  const copy = path.join(dir, 'other-copy.xlsx');
  await copyFile(sample, copy);
  assert.equal((await capture(() => runValidateCommand([copy]))).code, 0);
});

test('validate says the truth (issue 23): features in words, missing packages end on ✘ with exit 2, --help lists it', async () => {
  const empty = path.join(dir, 'no-packages');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(empty, { recursive: true });
  const r = await capture(() => runValidateCommand([sample, '--packages', empty, '--lang', 'zh']));
  assert.equal(r.code, 2, r.out);
  assert.doesNotMatch(r.out, /集群功能: None/);
  assert.match(r.out, /集群功能: (无|Boost)/);
  const last = r.out.trimEnd().split('\n').at(-1) ?? '';
  assert.doesNotMatch(last, /✔/, `the last line must not say valid while exiting 2: ${last}`);
  assert.match(last, /^✘ 规划表有效，但 .* 中缺少该规划所需的安装包/);
  const help = await capture(() => runValidateCommand(['--help', '--lang', 'zh']));
  assert.match(help.out, /2 文件无法读取、用法错误，或（给出 --packages 时）缺少安装包/);
  const helpEn = await capture(() => runValidateCommand(['--help', '--lang', 'en']));
  assert.match(helpEn.out, /2 unreadable file, bad usage, or \(with --packages\) packages missing/);
});

test('sample-packages says how much disk the stand-ins take, as measured (not "no disk")', async () => {
  const { samplePackagesCommand } = await import('../../src/cli/commands/sample-packages.js');
  const { readdirSync, statSync } = await import('node:fs');
  const out = path.join(dir, 'stand-ins');
  const r = await capture(() => samplePackagesCommand.run(['--out', out, '--lang', 'zh']));
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.out, /不占磁盘/);
  const disk = readdirSync(out).reduce((sum, n) => sum + statSync(path.join(out, n)).blocks * 512, 0);
  const said = /实际占用磁盘 ([\d.]+) MiB/.exec(r.out);
  assert.ok(said, r.out);
  assert.equal(Number(said[1]), Number((disk / 2 ** 20).toFixed(1)));
  assert.ok(disk > 4 * 2 ** 20, 'the stand-ins do take some disk: the sentence must not say none');
});
