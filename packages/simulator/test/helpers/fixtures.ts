// Files the simulator's tests read live in this package, under test/fixtures/ (compiled tests run from
// dist/, so paths are resolved from the package root, never from the working directory).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/ of this package (this file compiles to dist/test/helpers/). */
export const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures',
);

/** A JSON fixture, parsed (the caller names the type it expects). */
export function readJsonFixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(path.join(fixturesDir, ...parts), 'utf8')) as T;
}
