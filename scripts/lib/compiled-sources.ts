// Where compiled files come from. The build is incremental (`tsc -b`), so dist/ keeps the output of a
// source that was deleted or renamed; the build prunes such files and the test runner ignores them,
// so a fresh clone and a long-lived checkout run the same tests against the same code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputTree {
  /** The compiler's outDir. */
  outDir: string;
  /** The compiler's rootDir: outDir/<rel>.js comes from rootDir/<rel>.ts. */
  rootDir: string;
}

/** The root project's output and each workspace package's (packages/<name>/tsconfig.json). */
export function outputTrees(projectRoot: string): OutputTree[] {
  const configs = [path.join(projectRoot, 'tsconfig.json')];
  const packages = path.join(projectRoot, 'packages');
  if (existsSync(packages)) {
    for (const name of readdirSync(packages).sort()) {
      const config = path.join(packages, name, 'tsconfig.json');
      if (existsSync(config)) configs.push(config);
    }
  }
  return configs.map((config) => {
    const dir = path.dirname(config);
    const options = (JSON.parse(readFileSync(config, 'utf8')) as { compilerOptions?: Record<string, string> })
      .compilerOptions;
    return {
      outDir: path.resolve(dir, options?.outDir ?? 'dist'),
      rootDir: path.resolve(dir, options?.rootDir ?? '.'),
    };
  });
}

const OUTPUT = /\.(js|js\.map|d\.ts|d\.ts\.map)$/;

/** The source a compiled file came from, or undefined when that source no longer exists. */
export function sourceOf(trees: OutputTree[], compiled: string): string | undefined {
  const tree = trees.find((t) => compiled.startsWith(t.outDir + path.sep));
  if (!tree) return undefined;
  const rel = path.relative(tree.outDir, compiled);
  if (!OUTPUT.test(rel)) {
    const copied = path.join(tree.rootDir, rel); // copied as it is (JSON)
    return existsSync(copied) ? copied : undefined;
  }
  const base = rel.replace(OUTPUT, '');
  for (const ext of ['.ts', '.mts', '.tsx']) {
    const source = path.join(tree.rootDir, base + ext);
    if (existsSync(source)) return source;
  }
  return undefined;
}
