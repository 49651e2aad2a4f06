import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CellValue, Workbook } from 'exceljs';
import { readPlanFromWorkbook, type RuleId } from '../../src/plan/index.js';
import { parseRackUnit, rackPlacements } from '../../src/plan/rack-units.js';
import { sampleWorkbook, withCells } from './helpers.js';

// 主机规划 P (rack) and Q (rack unit) on our sample workbook (three hosts in SIM-R01, U1/U3/U5):
// each broken variant must be refused with an error at the cell to fix, before anything runs.

describe('plan: rack topology columns P and Q', () => {
  let wb: Workbook;
  before(async () => {
    wb = await sampleWorkbook();
  });

  const read = (cells: Record<string, CellValue>) => withCells(wb, cells, () => readPlanFromWorkbook(wb));
  const only = (cells: Record<string, CellValue>, at: string, rule: RuleId) => {
    const out = read(cells);
    assert.deepEqual(
      out.errors.map((e) => [`${e.sheet}!${e.cell}`, e.rule]),
      [[at, rule]],
    );
    const [issue] = out.errors;
    assert.match(issue.message.zh + issue.message.en, /[\u4e00-\u9fff]/);
    assert.equal(out.plan, undefined);
    return issue;
  };

  test('the sample workbook places every host and validates clean', () => {
    const out = read({});
    assert.deepEqual(out.errors, []);
    assert.ok(out.plan);
    assert.deepEqual(
      rackPlacements(out.plan.hosts).map((p) => [p.rack, p.unit]),
      [
        ['SIM-R01', 1],
        ['SIM-R01', 3],
        ['SIM-R01', 5],
      ],
    );
  });

  test('a rack without a unit names the Q cell', () => {
    const issue = only({ '主机规划!Q4': null }, '主机规划!Q4', 'rack-unit-missing');
    assert.match(issue.message.en, /SIM-R01/);
  });

  test('a unit without a rack names the P cell', () => {
    only({ '主机规划!P5': null }, '主机规划!P5', 'rack-missing');
  });

  test('two hosts in one unit name the second and point at the first', () => {
    const issue = only({ '主机规划!Q5': 1 }, '主机规划!Q5', 'rack-unit-unique');
    assert.match(issue.message.en, /SIM-R01 U1/);
    assert.match(issue.message.en, /主机规划!Q3/);
  });

  test('the same unit in another rack is fine', () => {
    const out = read({ '主机规划!P5': 'SIM-R02', '主机规划!Q5': 1 });
    assert.deepEqual(out.errors, []);
  });

  for (const bad of [0, 43, 'U99', '2.5', 'top', '1-2']) {
    test(`unit ${JSON.stringify(bad)} is out of range`, () => {
      only({ '主机规划!Q3': bad }, '主机规划!Q3', 'rack-unit-range');
    });
  }

  test('all errors at once, before anything runs', () => {
    const out = read({ '主机规划!Q3': 50, '主机规划!P4': null, '主机规划!Q5': 50 });
    assert.deepEqual(out.errors.map((e) => `${e.sheet}!${e.cell}:${e.rule}`).sort(), [
      '主机规划!P4:rack-missing',
      '主机规划!Q3:rack-unit-range',
      '主机规划!Q5:rack-unit-range',
    ]);
  });

  test('no rack data at all: no error, no placement', () => {
    const out = read({
      '主机规划!P3': null,
      '主机规划!Q3': null,
      '主机规划!P4': null,
      '主机规划!Q4': null,
      '主机规划!P5': null,
      '主机规划!Q5': null,
    });
    assert.deepEqual(out.errors, []);
    assert.ok(out.plan);
    assert.deepEqual(rackPlacements(out.plan.hosts), []);
    assert.equal(
      out.warnings.some((w) => w.rule === 'rack-partial'),
      false,
    );
  });

  test('some hosts placed and others not: a warning at the first unplaced row', () => {
    const out = read({ '主机规划!P4': null, '主机规划!Q4': null });
    assert.deepEqual(out.errors, []);
    const w = out.warnings.find((x) => x.rule === 'rack-partial');
    assert.equal(w?.cell, 'P4');
    assert.equal(rackPlacements(out.plan?.hosts ?? []).length, 2);
  });

  test('unit spellings', () => {
    assert.equal(parseRackUnit('5'), 5);
    assert.equal(parseRackUnit('U05'), 5);
    assert.equal(parseRackUnit(' 12U '), 12);
    assert.equal(parseRackUnit('U'), undefined);
    assert.equal(parseRackUnit('5.0'), undefined);
  });
});
