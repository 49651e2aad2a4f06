// `npm test`: makes sure the Temporal CLI exists (building it if needed), starts a dev server on
// free loopback ports, bundles the workflow code once, runs the suite with node's test runner and
// stops everything it started, also when tests fail or the run is interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { projectRoot } from '../src/config/dev-server.js';
import { workflowsPath } from '../src/worker-factory.js';
import { startScratchDevServer } from './lib/dev-server.js';

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const testRoot = path.join(projectRoot, 'dist', 'test');
const filters = process.argv.slice(2);
const files = findTests(testRoot).filter(
  (f) =>
    filters.length === 0 ||
    filters.some((flt) => f.includes(flt.replace(/\.ts$/, '').replace(/^test\//, ''))),
);
if (files.length === 0) {
  console.error(`no test files under ${testRoot} match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'hci-bringup-test-'));
console.log('[test] starting a Temporal dev server on free loopback ports');
const server = await startScratchDevServer(path.join(scratch, 'temporal-dev-server.log'));
console.log(`[test] dev server at ${server.address}`);

let exitCode = 1;
const cleanup = async () => {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void cleanup().then(() => process.exit(130)));
}

try {
  // One bundle for all test workers: webpack on every Worker.create would cost seconds each.
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const bundlePath = path.join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: server.address,
          TEMPORAL_NAMESPACE: server.namespace,
          HCI_TEST_WORKFLOW_BUNDLE: bundlePath,
          HCI_WORKFLOW_BUNDLE: bundlePath,
          HCI_TEST_SCRATCH: scratch,
          // The default: plain JSON payloads (no secret is in any). Tests of encryption set their own
          // key; the operator's key is never used.
          HCI_PAYLOAD_KEY: '',
          HCI_PAYLOAD_KEY_FILE: '',
        },
      },
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await cleanup();
}
process.exit(exitCode);
