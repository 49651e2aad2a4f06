// Issue 23 point 1: the operator's words come from the one catalogue (src/i18n), so outside it no
// source file says anything in Chinese. A string literal in src/ outside src/i18n that holds Chinese
// fails this test unless it is a name from the planning workbook (its sheets and dropdown labels:
// ids the operator finds in the file) or its file is on the short list below, each with why.
// Comments are not read: only string and template literals count.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { projectRoot } from '../../src/config/dev-server.js';
import { NETWORK_ARCHITECTURES, STORAGE_ARCHITECTURES } from '../../src/plan/choices.js';
import { SHEETS } from '../../src/plan/layout.js';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Files that may hold Chinese, and why. `lines`: only literals containing one of these texts (the
 * rest of the file must be clean); absent: the whole file.
 */
const ALLOWED: Record<string, { why: string; lines?: string[] }> = {
  // The plan module keeps validate's per-rule issue texts beside the rules (src/i18n/index.ts says
  // so): typed bilingual texts built from the workbook's own Chinese column names.
  'src/plan/messages.ts': { why: "validate's per-rule issue texts (the plan's bilingual rule messages)" },
  'src/plan/field-names.ts': { why: "the workbook's column names in both languages, for validate's issues" },
  'src/plan/issues.ts': { why: "validate's workbook-read errors, in the plan's rule-message form" },
  'src/plan/read-networks.ts': { why: "validate's issues about the network sheet, in the rule-message form" },
  'src/plan/rules/subnet-rules.ts': { why: "validate's subnet issue, built from the field names" },
  // The workbook itself is Chinese: the cells and notes the sample writer puts in it.
  'src/plan/sample-plan.ts': { why: 'writes the Chinese planning workbook (its cell texts)' },
  // Objects the run creates on the appliance under these names (what CloudTower then shows).
  'src/activities/configure-cloudtower/monitoring-graphs.ts': {
    why: 'names of the dashboard and graphs created in CloudTower (remote data, both languages)',
  },
};

/** The workbook's own names: sheet names and dropdown labels, which messages quote as ids. */
const WORKBOOK_NAMES = [
  ...Object.values(SHEETS),
  ...NETWORK_ARCHITECTURES.map((c) => c.label),
  ...STORAGE_ARCHITECTURES.map((c) => c.label),
].sort((a, b) => b.length - a.length);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** The string and template literal texts of a file, with their line numbers. */
const literals = (file: string) => literalsOf(readFileSync(file, 'utf8'), file);

function literalsOf(code: string, name: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const withoutWorkbookNames = (text: string) =>
  WORKBOOK_NAMES.reduce((rest, name) => rest.split(name).join(''), text);

/** `file:line text` for every literal that says something in Chinese outside the catalogue. */
function inlineChinese(): string[] {
  const src = path.join(projectRoot, 'src');
  const found: string[] = [];
  for (const file of sourceFiles(src)) {
    const rel = path.relative(projectRoot, file).split(path.sep).join('/');
    if (rel.startsWith('src/i18n/')) continue;
    const allowed = ALLOWED[rel];
    if (allowed && !allowed.lines) continue;
    for (const { line, text } of literals(file)) {
      if (!CJK.test(withoutWorkbookNames(text))) continue;
      if (allowed?.lines?.some((l) => text.includes(l))) continue;
      found.push(`${rel}:${line} ${text.slice(0, 80)}`);
    }
  }
  return found;
}

describe('no inline Chinese outside the catalogue (issue 23)', () => {
  it('finds no Chinese string in src/ outside src/i18n, apart from the listed files and workbook names', () => {
    const found = inlineChinese();
    assert.deepEqual(found, [], `move these texts into src/i18n/catalogue.ts:\n${found.join('\n')}`);
  });

  it('every listed file still holds Chinese and says why (the list does not go stale)', () => {
    for (const [rel, { why, lines }] of Object.entries(ALLOWED)) {
      assert.ok(why.length > 10, `${rel}: a reason`);
      const texts = literals(path.join(projectRoot, rel)).map((l) => l.text);
      assert.ok(
        texts.some((t) => CJK.test(withoutWorkbookNames(t))),
        `${rel} holds no Chinese any more (beyond workbook names): take it off the list`,
      );
      for (const l of lines ?? [])
        assert.ok(
          texts.some((t) => t.includes(l)),
          `${rel}: no literal holds "${l}" any more`,
        );
    }
  });

  it('catches a Chinese literal in any quoting, reads no comments, keeps workbook names', () => {
    const code = [
      '// 注释',
      '/* 注释 */',
      "const a = '失败';",
      'const b = `第 ${1} 台主机`;',
      "const c = 'fill 集群管理信息!E4 (三网独立)';",
      "const d = 'plain English';",
    ].join('\n');
    const chinese = literalsOf(code, 'probe.ts').filter((l) => CJK.test(withoutWorkbookNames(l.text)));
    assert.deepEqual([...new Set(chinese.map((l) => l.line))], [3, 4]);
  });
});
