// The options `deploy-package --kubernetes` adds (the Kubernetes deployer, issue 25). Only the specs:
// the command's help lists them; the run is in commands/deploy-kubernetes.ts, loaded on use.
import type { OptionSpec } from './command-spec.js';

export const KUBERNETES_OPTIONS: Record<string, OptionSpec> = {
  kubernetes: {
    type: 'boolean',
    default: false,
    help: {
      zh: '部署到 Kubernetes: 按请求生成 Deployment 与 Service 并滚动更新 (失败自动回滚到上一版本)',
      en: 'deploy to Kubernetes: a Deployment and Service built from the request, rolled out (automatic rollback to the previous revision on failure)',
    },
  },
  image: {
    type: 'string',
    value: '<image:tag>',
    help: { zh: '容器镜像 (--kubernetes 必填)', en: 'container image (required with --kubernetes)' },
  },
  version: {
    type: 'string',
    value: '<version>',
    help: { zh: '标签 version (默认: 镜像的 tag)', en: "label `version` (default: the image's tag)" },
  },
  namespace: {
    type: 'string',
    value: '<namespace>',
    default: 'default',
    help: { zh: '命名空间 (须已存在)', en: 'namespace (must exist)' },
  },
  replicas: {
    type: 'string',
    value: '<n>',
    default: '3',
    help: { zh: '副本数', en: 'replicas' },
  },
  port: {
    type: 'string',
    value: '<port>',
    default: '8080',
    help: { zh: '容器端口', en: 'container port' },
  },
  'service-port': {
    type: 'string',
    value: '<port>',
    default: '80',
    help: { zh: 'Service 端口', en: 'Service port' },
  },
  env: {
    type: 'string',
    value: '<K=V,…>',
    help: { zh: '容器环境变量 (逗号分隔)', en: 'container environment (comma-separated)' },
  },
  'cpu-request': {
    type: 'string',
    value: '<cpu>',
    default: '100m',
    help: { zh: '容器 CPU 请求', en: 'container CPU request' },
  },
  'memory-request': {
    type: 'string',
    value: '<bytes>',
    default: '128Mi',
    help: { zh: '容器内存请求', en: 'container memory request' },
  },
  'cpu-limit': {
    type: 'string',
    value: '<cpu>',
    default: '500m',
    help: { zh: '容器 CPU 上限', en: 'container CPU limit' },
  },
  'memory-limit': {
    type: 'string',
    value: '<bytes>',
    default: '512Mi',
    help: { zh: '容器内存上限', en: 'container memory limit' },
  },
  'readiness-path': {
    type: 'string',
    value: '</ready>',
    help: { zh: 'HTTP 就绪探针路径', en: 'HTTP readiness probe path' },
  },
  kubeconfig: {
    type: 'string',
    value: '<file>',
    help: {
      zh: 'worker 上的 kubeconfig (默认 $KUBECONFIG，否则 ~/.kube/config)',
      en: "the worker's kubeconfig (default $KUBECONFIG, else ~/.kube/config)",
    },
  },
  context: {
    type: 'string',
    value: '<name>',
    help: { zh: 'kubeconfig 中的 context', en: 'context of the kubeconfig' },
  },
  'rollout-timeout': {
    type: 'string',
    value: '<seconds>',
    default: '300',
    help: {
      zh: '等待滚动更新完成的最长时间 (超时即回滚)',
      en: 'how long the rollout may take (then it is rolled back)',
    },
  },
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
    help: {
      zh: '滚动更新期间单个 Pod 允许的重启次数',
      en: 'restarts a pod may have during the rollout',
    },
  },
};

/** The Kubernetes deployer's runs (`status` shows their pods and revision). */
export const KUBERNETES_WORKFLOW_TYPES = new Set([
  'deployKubernetesWorkflow',
  'rollbackKubernetesWorkflow',
  'scaleKubernetesWorkflow',
]);
