import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BringUpProgress, OptionalComponent } from '../run/stages.js';

/** Current stages, step, times and last error of a bring-up. */
export const progressQuery = defineQuery<BringUpProgress>('progress');

/** Operator decisions on optional components: `temporal workflow signal --name approve --input '"obs"'`. */
export const approveSignal = defineSignal<[OptionalComponent]>('approve');
export const skipSignal = defineSignal<[OptionalComponent]>('skip');

/** After the operator fixed the cause of a failed step, run that step again. */
export const retrySignal = defineSignal<[]>('retry');
