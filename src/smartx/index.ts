// Public surface of the SmartX clients (activities import from here).
export * from './secret.js';
export * from './endpoints.js';
export * from './errors.js';
export { SmartxHttp, type SessionAuth, type Scheme, type BodySource } from './http.js';
export * from './deployment-client.js';
export * from './fisheye-client.js';
export type { Job, UploadVolume, ChunkResult, Image, StoragePolicy, Vm, VmDisk } from './fisheye-schemas.js';
export * from './cloudtower-graphql.js';
export * from './default-passwords.js';
export * from './cloudtower-vm.js';
export * from './cloudtower-rest.js';
export type * from './cloudtower-rest-schemas-topo.js';
export * from './obs-operator-client.js';
export * from './inspector-client.js';
export * from './inspection-report.js';
export * from './ssh.js';
export * from './cloudtower-rest-vms.js';
export * from './test-vm.js';
