// The live progress of a Kubernetes deployment, rollback or scale run (the `progress` query the
// CLI and the deploy service read while it runs).
import { defineQuery } from '@temporalio/workflow';
import type { KubernetesProgress } from '../../run/kubernetes.js';

export const kubernetesProgressQuery = defineQuery<KubernetesProgress>('progress');
