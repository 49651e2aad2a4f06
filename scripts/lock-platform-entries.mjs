// The registry snapshot reachable here lacks @swc/core's builds for other platforms, so
// `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lockfile.
// This records them as optional, platform-bound entries (never fetched on Linux x64), keeping
// `npm ci` working on a fresh machine. Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const core = lock.packages['node_modules/@swc/core'];
const platforms = {
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'linux-arm-gnueabihf': { os: 'linux', cpu: 'arm' },
  'linux-ppc64-gnu': { os: 'linux', cpu: 'ppc64' },
  'linux-s390x-gnu': { os: 'linux', cpu: 's390x' },
  'win32-arm64-msvc': { os: 'win32', cpu: 'arm64' },
  'win32-ia32-msvc': { os: 'win32', cpu: 'ia32' },
  'win32-x64-msvc': { os: 'win32', cpu: 'x64' },
};
let added = 0;
for (const [suffix, { os, cpu }] of Object.entries(platforms)) {
  const name = `@swc/core-${suffix}`;
  const key = `node_modules/${name}`;
  if (!core.optionalDependencies?.[name] || lock.packages[key]) continue;
  lock.packages[key] = {
    version: core.optionalDependencies[name],
    cpu: [cpu],
    license: 'Apache-2.0 AND MIT',
    optional: true,
    os: [os],
    engines: { node: '>=10' },
  };
  added++;
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform entries`);
