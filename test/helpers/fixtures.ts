// Files the tests read live in this repository, under test/fixtures/ (compiled tests run from dist/,
// so paths are resolved from the repository root, never from the working directory).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/ of this checkout (this file compiles to dist/test/helpers/). */
export const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures',
);

/** The path of a fixture, relative to test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}

/** A JSON fixture, parsed (the caller names the type it expects). */
export function readJsonFixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}
