import { defineQuery } from '@temporalio/workflow';
import type { CleanupProgress } from './types.js';

/** What `cleanup` has listed and removed so far (the CLI prints it as it goes). */
export const cleanupProgressQuery = defineQuery<CleanupProgress>('cleanupProgress');
