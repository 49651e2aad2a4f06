// What the SMTX OS, SSH and core tests share: the HTTP drivers of the public testing API and a
// simulator on high ports.
export * from '../../src/testing/index.js';
export { startTestSim } from '../helpers/lab.js';
