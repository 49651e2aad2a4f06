// `npm run bench`: every benchmark in bench/, one after the other; each prints its own figures
// and ratios measured side by side in the same run. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/config/dev-server.js';

const benches: [string, string[]][] = [
  ['plan-parse.js', ['20']],
  ['sim-upload.js', ['256']],
  ['bringup.js', ['5000', '2']],
];
let failed = 0;
for (const [file, args] of benches) {
  console.log(`\n=== bench/${file} ${args.join(' ')} ===`);
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'dist', 'bench', file), ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
