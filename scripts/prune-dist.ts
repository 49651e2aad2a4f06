// Runs after every `tsc -b` (npm run build): removes compiled files whose source is gone, so the
// incremental build never leaves a deleted module importable or a deleted test runnable.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/dev-server.js';
import { outputTrees, sourceOf } from './lib/compiled-sources.js';

const trees = outputTrees(projectRoot);
let removed = 0;

function prune(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      prune(full);
      if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
    } else if (!name.endsWith('.tsbuildinfo') && !sourceOf(trees, full)) {
      rmSync(full);
      removed++;
    }
  }
}

for (const tree of trees) {
  try {
    prune(tree.outDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
if (removed > 0) console.log(`[build] removed ${removed} compiled file(s) whose source is gone`);
