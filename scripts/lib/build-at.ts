// An earlier build of this project, from git, built beside the current one: the "old worker" of the
// upgrade test (fleet/fleet.test.ts), which plays the worker a site already runs when a newer build
// replaces it. The tree comes from `git archive` (no checkout is touched) and shares the current
// node_modules (the earlier build's dependencies must be there at its versions, as checked).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/dev-server.js';

export interface OldBuild {
  commit: string;
  dir: string;
  /** dist/src/worker.js and dist/src/starter.js of that build. */
  worker: string;
  starter: string;
}

function git(args: string[], input?: Buffer): Buffer {
  return execFileSync('git', ['-C', projectRoot, ...args], { input, maxBuffer: 1 << 30 });
}

/** Builds `commit` in `dir` (created); throws with the fix when the commit is not in this clone. */
export function buildAt(commit: string, dir: string): OldBuild {
  if (spawnSync('git', ['-C', projectRoot, 'cat-file', '-e', `${commit}^{commit}`]).status !== 0)
    throw new Error(
      `the earlier build ${commit} is not in this clone (a shallow clone?). Fix: git fetch --unshallow, or set HCI_UPGRADE_FROM to a commit it has`,
    );
  // Both builds run on this checkout's node_modules: every package the earlier build names must be
  // there at the version it asked for (packages added since do not matter to it).
  const deps = (json: string) => {
    const p = JSON.parse(json) as { dependencies?: Record<string, string> };
    return p.dependencies ?? {};
  };
  const now = deps(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
  const changed = Object.entries(deps(git(['show', `${commit}:package.json`]).toString())).filter(
    ([name, version]) => now[name] !== version,
  );
  if (changed.length)
    throw new Error(
      `the earlier build ${commit} asks for other package versions (${changed.map(([n, v]) => `${n}@${v}`).join(', ')}): pick a commit whose dependencies this checkout has`,
    );
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: git(['archive', '--format=tar', commit]) });
  if (!existsSync(path.join(dir, 'node_modules')))
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-b', path.join(dir, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  if (built.status !== 0)
    throw new Error(`building ${commit} failed: ${(built.stdout + built.stderr).trim().slice(-2000)}`);
  return {
    commit,
    dir,
    worker: path.join(dir, 'dist', 'src', 'worker.js'),
    starter: path.join(dir, 'dist', 'src', 'starter.js'),
  };
}
