// The Deployment and Service of seed 004's manifest example, built from a deploy request: labels
// `app`, `version`, `deployment-id`; the selector is `app` alone (a selector cannot change later), and
// the pod template carries `deployment-id` too, so every deployment makes its own ReplicaSet (a
// revision that a rollback can name) and each pod says which deployment it runs.
import { LABEL_DEPLOYMENT_ID, type KubernetesApp } from './kubernetes.js';

export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** Label values: at most 63 of letters, digits, `-`, `_`, `.`, starting and ending alphanumeric. */
export const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)$/;
/** Names of Deployments and Services (DNS-1035 label). */
export const KUBE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Namespace names (DNS-1123 label). */
export const KUBE_NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function appLabels(app: KubernetesApp, deploymentId: string): Record<string, string> {
  return { app: app.name, version: app.version, [LABEL_DEPLOYMENT_ID]: deploymentId };
}

export function buildDeployment(app: KubernetesApp, deploymentId: string): KubeManifest {
  const labels = appLabels(app, deploymentId);
  const container: Record<string, unknown> = {
    name: app.name,
    image: app.image,
    ports: [{ containerPort: app.containerPort, name: 'http' }],
  };
  if (app.resources) container.resources = app.resources;
  const env = Object.entries(app.env ?? {});
  if (env.length) container.env = env.map(([name, value]) => ({ name, value }));
  if (app.readinessPath)
    container.readinessProbe = {
      httpGet: { path: app.readinessPath, port: app.containerPort },
      initialDelaySeconds: 5,
      periodSeconds: 5,
    };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace: app.namespace, labels },
    spec: {
      replicas: app.replicas,
      progressDeadlineSeconds: app.progressDeadlineSeconds,
      revisionHistoryLimit: 10,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: app.maxSurge, maxUnavailable: app.maxUnavailable },
      },
      selector: { matchLabels: { app: app.name } },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
  };
}

export function buildService(app: KubernetesApp, deploymentId: string): KubeManifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, namespace: app.namespace, labels: appLabels(app, deploymentId) },
    spec: {
      type: 'ClusterIP',
      selector: { app: app.name },
      ports: [{ port: app.servicePort, targetPort: app.containerPort, protocol: 'TCP', name: 'http' }],
    },
  };
}
