// Moved to src/plan/sample-packages.ts (the CLI's `sample-packages` command writes them too).
export { sparseFile, writeSamplePackages } from '../../src/plan/sample-packages.js';
