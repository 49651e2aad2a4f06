// Stage 09 activities (test load), called by the test load child workflow in this order per VM.
export { locateTestVmPackages } from './locate-test-vm-packages.js';
export { uploadTestVmImage } from './upload-test-vm-image.js';
export { createTestVm } from './create-test-vm.js';
export { startTestVm } from './start-test-vm.js';
export { waitForTestVmSsh } from './wait-for-test-vm-ssh.js';

/**
 * The test load child's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type TestLoadActivities = typeof import('./index.js');
