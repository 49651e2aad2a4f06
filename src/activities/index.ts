// Every activity the worker registers, and nothing else: the worker registers each function
// exported here. Workflows import these names as types only.
export * from './prepare/index.js';
export * from './deploy-cluster/index.js';
export * from './configure-cluster/index.js';
export * from './deploy-cloudtower/index.js';
export * from './attach-cluster/index.js';
export * from './configure-cloudtower/index.js';
export * from './inspection/index.js';
export * from './obs/index.js';
export * from './backup/index.js';
export * from './test-load/index.js';
export * from './performance-test/index.js';
export * from './workbook/index.js';
export * from './service-health/index.js';
export * from './cleanup/index.js';

export * from './deploy-package/index.js';
export * from './kubernetes/index.js';
