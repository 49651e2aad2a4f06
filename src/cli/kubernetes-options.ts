// The options `deploy-package --kubernetes` adds (the Kubernetes deployer, issue 25). Only the specs:
// the command's help lists them; the run is in commands/deploy-kubernetes.ts, loaded on use.
import type { OptionSpec } from './command-spec.js';
import { bilingual } from '../i18n/index.js';

export const KUBERNETES_OPTIONS: Record<string, OptionSpec> = {
  kubernetes: {
    type: 'boolean',
    default: false,
    help: bilingual('cli.k8sOpt.kubernetes'),
  },
  image: {
    type: 'string',
    value: '<image:tag>',
    help: bilingual('cli.k8sOpt.image'),
  },
  version: {
    type: 'string',
    value: '<version>',
    help: bilingual('cli.k8sOpt.version'),
  },
  namespace: {
    type: 'string',
    value: '<namespace>',
    default: 'default',
    help: bilingual('cli.k8sOpt.namespace'),
  },
  replicas: {
    type: 'string',
    value: '<n>',
    default: '3',
    help: bilingual('cli.k8sOpt.replicas'),
  },
  port: {
    type: 'string',
    value: '<port>',
    default: '8080',
    help: bilingual('cli.k8sOpt.port'),
  },
  'service-port': {
    type: 'string',
    value: '<port>',
    default: '80',
    help: bilingual('cli.k8sOpt.servicePort'),
  },
  env: {
    type: 'string',
    value: '<K=V,…>',
    help: bilingual('cli.k8sOpt.env'),
  },
  'cpu-request': {
    type: 'string',
    value: '<cpu>',
    default: '100m',
    help: bilingual('cli.k8sOpt.cpuRequest'),
  },
  'memory-request': {
    type: 'string',
    value: '<bytes>',
    default: '128Mi',
    help: bilingual('cli.k8sOpt.memoryRequest'),
  },
  'cpu-limit': {
    type: 'string',
    value: '<cpu>',
    default: '500m',
    help: bilingual('cli.k8sOpt.cpuLimit'),
  },
  'memory-limit': {
    type: 'string',
    value: '<bytes>',
    default: '512Mi',
    help: bilingual('cli.k8sOpt.memoryLimit'),
  },
  'readiness-path': {
    type: 'string',
    value: '</ready>',
    help: bilingual('cli.k8sOpt.readinessPath'),
  },
  kubeconfig: {
    type: 'string',
    value: '<file>',
    help: bilingual('cli.k8sOpt.kubeconfig'),
  },
  context: {
    type: 'string',
    value: '<name>',
    help: bilingual('cli.k8sOpt.context'),
  },
  'rollout-timeout': {
    type: 'string',
    value: '<seconds>',
    default: '300',
    help: bilingual('cli.k8sOpt.rolloutTimeout'),
  },
  // The Kubernetes field's name, the same in either language.
  'max-surge': { type: 'string', value: '<n>', default: '1', help: { zh: 'maxSurge', en: 'maxSurge' } },
  'max-unavailable': {
    type: 'string',
    value: '<n>',
    default: '1',
    help: { zh: 'maxUnavailable', en: 'maxUnavailable' },
  },
  'max-restarts': {
    type: 'string',
    value: '<n>',
    default: '3',
    help: bilingual('cli.k8sOpt.maxRestarts'),
  },
};

/** The Kubernetes deployer's runs (`status` shows their pods and revision). */
export const KUBERNETES_WORKFLOW_TYPES = new Set([
  'deployKubernetesWorkflow',
  'rollbackKubernetesWorkflow',
  'scaleKubernetesWorkflow',
]);
