// The worker's memory settings (issue 24 point 3): the malloc environment it is started with, the
// heap growth bound and its refusal of bad values, and that the bound set at run time really holds a
// running isolate's heap down (a real node process allocating garbage, with and without it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/config/dev-server.js';
import {
  heapGrowingPercent,
  heapGrowthSource,
  missingMallocEnv,
  workerMallocEnv,
  workerProcessEnv,
} from '../../src/config/worker-memory.js';

describe('worker malloc environment', () => {
  it('fills in what is unset and keeps what the operator set', () => {
    const env = workerProcessEnv({ PATH: '/bin', MALLOC_ARENA_MAX: '4' });
    assert.equal(env.PATH, '/bin');
    assert.equal(env.MALLOC_ARENA_MAX, '4');
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, workerMallocEnv.MALLOC_MMAP_THRESHOLD_);
    assert.deepEqual(missingMallocEnv({ MALLOC_ARENA_MAX: '2' }), ['MALLOC_MMAP_THRESHOLD_']);
    assert.deepEqual(missingMallocEnv(workerProcessEnv({})), []);
  });

  it('`npm run worker` starts the worker with the same defaults', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const [name, value] of Object.entries(workerMallocEnv))
      assert.ok(
        pkg.scripts.worker.includes(`${name}=\${${name}:-${value}}`),
        `${name} in ${pkg.scripts.worker}`,
      );
  });
});

describe('heap growth bound', () => {
  it('defaults to 30, reads HCI_HEAP_GROWING_PERCENT (0 keeps V8 its own), refuses the rest', () => {
    assert.equal(heapGrowingPercent({}), heapGrowthSource.default);
    assert.equal(heapGrowingPercent({ HCI_HEAP_GROWING_PERCENT: '50' }), 50);
    assert.equal(heapGrowingPercent({ HCI_HEAP_GROWING_PERCENT: '0' }), 0);
    for (const bad of ['-1', '301', '12.5', 'small'])
      assert.throws(
        () => heapGrowingPercent({ HCI_HEAP_GROWING_PERCENT: bad }),
        /HCI_HEAP_GROWING_PERCENT .*0-300/,
      );
  });

  it('set while the isolate runs, it keeps the garbage between full collections small', () => {
    const module = pathToFileURL(path.join(projectRoot, 'dist', 'src', 'config', 'worker-memory.js')).href;
    // 26 MiB or so live in the old space, then a steady stream of garbage that lives long enough to be
    // promoted: the old space's peak says how much garbage it was let to hold before a full
    // collection. The old space alone, because the young generation's size follows V8's timing of
    // its own collections (a loaded machine moved the whole heap's peak between 68 and 190 MiB).
    const script = `
      import v8 from 'node:v8';
      const { applyHeapGrowth } = await import(${JSON.stringify(module)});
      applyHeapGrowth(Number(process.argv[1]));
      const oldSpace = () =>
        v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
      const live = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'live' + i }));
      const recent = [];
      let peak = 0;
      for (let round = 0; round < 200; round++) {
        for (let i = 0; i < 20000; i++) recent.push({ i, s: 'garbage' + i });
        if (recent.length > 60000) recent.splice(0, 40000);
        peak = Math.max(peak, oldSpace());
      }
      console.log(JSON.stringify({ peak, live: live.length }));`;
    const peakMiB = (percent: number): number => {
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', script, String(percent)], {
        encoding: 'utf8',
      });
      assert.equal(out.status, 0, out.stderr);
      return (JSON.parse(out.stdout) as { peak: number }).peak / 2 ** 20;
    };
    const unbounded = peakMiB(0);
    const bounded = peakMiB(20);
    assert.ok(
      bounded < 0.7 * unbounded,
      `peak old space ${bounded.toFixed(0)} MiB bounded, ${unbounded.toFixed(0)} MiB not`,
    );
  });
});
