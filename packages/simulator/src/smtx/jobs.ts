// Fisheye jobs: pending -> running -> done (or failed). Effects happen when the job completes, on
// the simulated clock, whether or not anyone polls. Fault point `job:<DESCRIPTION>` (e.g.
// `job:VM_CREATE`) with kind `fail` makes a job fail.
import { randomUuid } from '../core/rng.js';
import type { SimulatorCore } from '../core/runtime.js';
import type { SmtxOptions } from './options.js';

interface JobSpec {
  description: string;
  resources: Record<string, Record<string, unknown>>;
  event?: Record<string, unknown>;
  /** Runs at completion; a string return fails the job with that message. */
  complete?: () => string | void | Promise<string | void>;
}

export class JobEngine {
  constructor(
    private readonly core: SimulatorCore,
    private readonly opts: SmtxOptions,
  ) {}

  create(spec: JobSpec): Record<string, unknown> {
    const job: Record<string, unknown> = {
      job_id: randomUuid(this.core.random),
      state: 'pending',
      life_cycle: 'run',
      description: spec.description,
      type: 'action',
      user: '',
      resources: spec.resources,
      schedule_task: null,
      one_time_task: null,
      ctime: Math.floor(this.core.clock.now() / 1000),
      task_list: [],
      queue: null,
      resource_group: null,
      event: spec.event ?? null,
    };
    this.core.state.jobs.push(job);
    const seconds = this.opts.jobSecondsByKind[spec.description] ?? this.opts.jobSeconds;
    const runningAfter = Math.min(1, seconds / 4);
    // The end is timed from the start of `running`, not beside it: Node does not fire timers of
    // different durations in the order they are due, and on a loaded machine a 'running' set after
    // 'done' left a job running forever (CI's settings test, 2026-12-08).
    this.core.clock.after(runningAfter, () => {
      job.state = 'running';
      this.core.clock.after(seconds - runningAfter, () => {
        void this.finish(job, spec);
      });
    });
    return job;
  }

  private async finish(job: Record<string, unknown>, spec: JobSpec) {
    const fault = this.core.faults.fire(`job:${spec.description}`);
    if (fault && (fault.kind === 'fail' || fault.kind === 'status')) {
      job.state = 'failed';
      job.error_code = fault.ec ?? 'EJOB_FAILED';
      job.error_msg = fault.message ?? 'injected job failure';
      return;
    }
    try {
      const err = await spec.complete?.();
      if (typeof err === 'string') {
        job.state = 'failed';
        job.error_code = 'EJOB_FAILED';
        job.error_msg = err;
        return;
      }
      job.state = 'done';
    } catch (e) {
      job.state = 'failed';
      job.error_code = 'EINTERNAL';
      job.error_msg = (e as Error).message;
    }
  }

  get(id: string): Record<string, unknown> | undefined {
    return this.core.state.jobs.find((j) => j.job_id === id);
  }
}
