// `--help` and usage errors stay instant: the command list loads every command file, so those files
// must load their handlers' dependencies (Temporal, zod, the workbook reader ...) only when they run.
// A module loader hook in the CLI's process records every module it loads.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/dev-server.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'hci-help-loads-'));
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.HCI_LOADED_MODULES, url + '\\n');
  return next(url, context);
}
`,
);
writeFileSync(
  path.join(dir, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
);

/** The packages (node_modules/<name>) the CLI loaded for this command line. */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const list = path.join(dir, `${args.join('_').replace(/\W+/g, '_')}.txt`);
  writeFileSync(list, '');
  await run(
    process.execPath,
    [
      '--import',
      path.join(dir, 'register.mjs'),
      path.join(projectRoot, 'dist', 'src', 'starter.js'),
      ...args,
    ],
    { env: { ...process.env, HCI_LOADED_MODULES: list } },
  ).catch((err: { code?: number }) => {
    if (err.code !== 2) throw err;
  });
  const names = readFileSync(list, 'utf8')
    .split('\n')
    .map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(names);
}

// Of our own dependencies, only the column width of the help tables.
const heavy = Object.keys(
  (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies: object })
    .dependencies,
).filter((name) => name !== 'string-width');

describe('what --help loads', () => {
  for (const args of [['--help'], ['start', '--help'], ['deploy-package', '--frobnicate']]) {
    it(`hci-bringup ${args.join(' ')}: none of ${heavy.join(', ')}`, async () => {
      const loaded = await packagesLoaded(args);
      assert.ok(loaded.has('string-width'), 'the hook saw the help being printed');
      const found = heavy.filter((name) => [...loaded].some((p) => p === name || p.startsWith(`${name}/`)));
      assert.deepEqual(found, [], 'a command file imports these at its top: import them inside its run');
    });
  }
});
