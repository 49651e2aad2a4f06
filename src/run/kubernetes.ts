// The Kubernetes deployer's request, progress and result (seed 004 KubernetesDeployer, PodStatus).
// Pure types and one query: workflows, activities, the CLI and the service import them.
import type { RunContext } from './input.js';

/** Which cluster: a kubeconfig file on the worker's machine (default: $KUBECONFIG, ~/.kube/config) and a context. */
export interface KubeCluster {
  kubeconfig?: string;
  context?: string;
}

/** The application a deployment rolls out: the seed's Deployment and Service are built from it. */
export interface KubernetesApp {
  /** Deployment and Service name, label `app`. */
  name: string;
  namespace: string;
  image: string;
  /** Label `version` (default: the image's tag). */
  version: string;
  replicas: number;
  containerPort: number;
  /** The Service's port (targetPort is containerPort). */
  servicePort: number;
  env?: Record<string, string>;
  /** Container resources (seed 004's manifest has requests and limits). */
  resources?: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  /** HTTP readiness probe path (none: ready when running). */
  readinessPath?: string;
  maxSurge: number;
  maxUnavailable: number;
  /** The Deployment's progressDeadlineSeconds: the controller marks the rollout failed after it. */
  progressDeadlineSeconds: number;
}

export interface DeployKubernetesInput {
  deploymentId: string;
  app: KubernetesApp;
  cluster: KubeCluster;
  /** How long the deployer waits for the rollout before it rolls back (also bounds the controller's deadline). */
  rolloutTimeoutSeconds: number;
  /** A pod restarted more often than this during the rollout fails the health check. */
  maxRestarts: number;
  run: RunContext;
}

/** Seed 004 PodStatus. */
export interface KubePod {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  node?: string;
  createdAt?: string;
  /** Label deployment-id of the pod (which deployment's revision it runs). */
  deploymentId?: string;
}

/** A revision of the Deployment: its ReplicaSet and the deployment that made it. */
export interface KubeRevision {
  revision: number;
  replicaSet: string;
  deploymentId?: string;
  version?: string;
  image?: string;
}

/** The Deployment as it is now (before a deployment applies anything). */
export interface KubeDeploymentState {
  exists: boolean;
  current?: KubeRevision;
  replicas?: number;
  generation?: number;
}

export type KubernetesPhase = 'inspect' | 'apply' | 'rollout' | 'check' | 'rollback' | 'done';

export interface KubernetesProgress {
  kind: 'kubernetes' | 'kubernetes-rollback' | 'kubernetes-scale';
  app: string;
  namespace: string;
  version?: string;
  image?: string;
  replicas?: number;
  phase: KubernetesPhase;
  /** The revision before this run (what a failed deployment or a rollback returns to). */
  previous?: KubeRevision;
  /** The revision this run made live (for a rollback: the restored one). */
  revision?: number;
  pods: KubePod[];
  /** Automatic or manual rollbacks this run made (0 or 1). */
  rollbacks: number;
  /** Why the rollout failed (catalogue-coded). */
  error?: string;
  /** Why the rollback failed, when it did. */
  rollbackError?: string;
  rollbackOf?: string;
}

export interface KubernetesResult extends KubernetesProgress {
  outcome: 'succeeded' | 'failed';
}

export interface RollbackKubernetesInput {
  /** The deployment rolled back. */
  deploymentId: string;
  app: Pick<KubernetesApp, 'name' | 'namespace'>;
  cluster: KubeCluster;
  /** The revision it replaced, to go back to. */
  to: KubeRevision;
  rolloutTimeoutSeconds: number;
  maxRestarts: number;
  run: RunContext;
}

export interface ScaleKubernetesInput {
  /** The deployment whose application is scaled. */
  deploymentId: string;
  app: Pick<KubernetesApp, 'name' | 'namespace'>;
  cluster: KubeCluster;
  replicas: number;
  rolloutTimeoutSeconds: number;
  maxRestarts: number;
  run: RunContext;
}

/** What the rollout wait found (kubectl rollout status, plus the pods' health). */
export interface RolloutOutcome {
  done: boolean;
  /** Why not done: the controller's deadline, our deadline, restarts, another deployment took over. */
  reason?: 'progress-deadline' | 'timeout' | 'restarts' | 'superseded' | 'gone';
  detail?: string;
  revision?: number;
  pods: KubePod[];
}

export const LABEL_DEPLOYMENT_ID = 'deployment-id';
export const FIELD_MANAGER = 'hci-bringup';
