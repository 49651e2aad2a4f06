import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BringUpProgress, OptionalComponent, RetryAnswer } from '../run/stages.js';

/** Current stages, step, times and last error of a bring-up. */
export const progressQuery = defineQuery<BringUpProgress>('progress');

/** Operator decisions on optional components: `temporal workflow signal --name approve --input '"obs"'`. */
export const approveSignal = defineSignal<[OptionalComponent]>('approve');
export const skipSignal = defineSignal<[OptionalComponent]>('skip');

/**
 * After the operator fixed the cause of a failed step, run that step again. Kept beside the Update:
 * recorded histories and older clients send it; it answers nothing.
 */
export const retrySignal = defineSignal<[]>('retry');

/**
 * The same request as an Update (`temporal workflow update execute --name retry`): refused by its
 * validator when nothing has failed, otherwise answers what restarted. Signals and Updates have
 * separate names, so both are called `retry`.
 */
export const retryUpdate = defineUpdate<RetryAnswer, []>('retry');
