// Every refusal has evidence (issue 22): walks the simulator's whole route table and fails on a
// route that reads a body without declared rules, a refusal without a source, a source that does
// not say what it claims (a seed line without the field, a capture file without it), or a refusal
// missing from docs/simulator-strictness.md.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningSimulator } from '../../src/index.js';
import type { Source } from '../../src/core/evidence.js';
import { coreRefusals } from '../../src/core/strictness.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { refusalRows } from './strictness-doc.js';
import { startTestSim } from '../smtx/helpers.js';

const worktree = path.resolve(fixturesDir, '../../../..');
const shared = path.resolve(worktree, '../shared');
const doc = readFileSync(path.join(worktree, 'docs/simulator-strictness.md'), 'utf8');

/** Whether `source` says what it claims; an error message when not. */
function checkSource(source: Source): string | undefined {
  if (!source.ref.trim()) return 'empty ref';
  if (source.kind === 'seed') {
    const m = /^seed (\d{3}) line (\d+) \("(.+)"\)$/.exec(source.ref);
    if (!m) return `seed ref not in the form 'seed NNN line L ("word")': ${source.ref}`;
    const dir = path.join(shared, 'seeds');
    if (!existsSync(dir)) return undefined; // the seeds are beside the clone in CI and here
    const file = readdirSync(dir).find((f) => f.startsWith(`${m[1]}_`));
    if (!file) return `no seed ${m[1]}`;
    const line = readFileSync(path.join(dir, file), 'utf8').split('\n')[Number(m[2]) - 1] ?? '';
    return line.includes(m[3]) ? undefined : `seed ${m[1]} line ${m[2]} does not show ${m[3]}`;
  }
  if (source.kind === 'capture') {
    const m = /^reference\/(\S+) \("(.+)"\)$/.exec(source.ref);
    if (!m) return `capture ref not in the form 'reference/<file> ("word")': ${source.ref}`;
    const file = path.join(shared, 'reference', m[1]);
    if (!existsSync(path.join(shared, 'reference'))) return undefined;
    if (!existsSync(file)) return `no capture ${m[1]}`;
    return readFileSync(file, 'utf8').includes(m[2]) ? undefined : `${m[1]} does not show ${m[2]}`;
  }
  return source.ref.length > 20 ? undefined : `a ${source.kind} source must name where: ${source.ref}`;
}

describe('every simulator refusal has a recorded source', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.stop());

  it('every route that can take a body declares its rules, each refusal with a source that checks out', () => {
    const routes = sim.core.routes;
    assert.ok(routes.length > 50, `the route table has ${routes.length} routes`);
    const problems: string[] = [];
    for (const route of routes) {
      if (!['POST', 'PUT', 'PATCH'].includes(route.method)) continue;
      if (route.name === 'cloudtower.rest.unknown') continue; // answers 404/405 only
      const rules = route.request;
      if (!rules) {
        problems.push(`${route.name}: no body rules`);
        continue;
      }
      if (rules.body !== 'none' && rules.unknownKeys !== 'lenient' && !rules.unknownKeysSource)
        problems.push(`${route.name}: unknown keys ${rules.unknownKeys} without a source`);
      if (rules.unknownKeysSource) {
        const bad = checkSource(rules.unknownKeysSource);
        if (bad) problems.push(`${route.name}: ${bad}`);
      }
      for (const r of rules.refusals) {
        const bad = checkSource(r.source);
        if (bad) problems.push(`${route.name} (${r.status} ${r.message}): ${bad}`);
      }
    }
    // Refusals of query parameters (any method, GET included) need a source as well.
    for (const route of routes) {
      if (['POST', 'PUT', 'PATCH'].includes(route.method)) continue;
      for (const r of route.request?.refusals ?? []) {
        const bad = checkSource(r.source);
        if (bad) problems.push(`${route.name} (${r.status} ${r.message}): ${bad}`);
      }
    }
    for (const r of coreRefusals) {
      const bad = checkSource(r.source);
      if (bad) problems.push(`${r.routes}: ${bad}`);
    }
    assert.deepEqual(problems, []);
  });

  it('docs/simulator-strictness.md has one row per refusal (route, status, message, source)', () => {
    // Prettier pads the table's cells: rows are compared with their runs of spaces folded.
    const fold = (row: string) => row.replace(/\s+/g, ' ').trim();
    const rows = new Set(
      doc
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .map(fold),
    );
    const missing = refusalRows(sim.core.routes).filter((row) => !rows.has(fold(row)));
    assert.deepEqual(missing, [], 'rows missing from docs/simulator-strictness.md');
  });
});
