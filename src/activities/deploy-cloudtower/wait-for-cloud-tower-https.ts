// Seed 003 §04 "等待cloudtower服务部署完成并验证": port 443 must answer after the install — 3 tries,
// 10 s apart on site (timing.httpsCheckTries / httpsCheckPauseSeconds), else the deploy failed.
import { Context } from '@temporalio/activity';
import { z } from 'zod';
import { SmartxHttp, SmartxHttpError } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { describeFailure, remoteJobFailed } from '../support/failures.js';
import { resolverFor } from '../support/remote.js';

export interface WaitForCloudTowerHttpsRequest {
  run: RunContext;
  cloudtowerIp: string;
}

/** Any HTTP answer over TLS on 443 counts (the UI answers 200, an API path may answer 4xx). */
async function answers(http: SmartxHttp): Promise<{ ok: boolean; detail: string }> {
  try {
    const r = await http.send({
      method: 'GET',
      path: '/',
      parse: 'none',
      schema: z.unknown(),
      auth: false,
      timeoutMs: 10_000,
    });
    return { ok: true, detail: `HTTP ${r.status}` };
  } catch (err) {
    if (err instanceof SmartxHttpError && err.status !== undefined)
      return { ok: true, detail: `HTTP ${err.status}` };
    if (err instanceof SmartxHttpError)
      return { ok: false, detail: err.code ?? err.remoteMessage ?? err.kind };
    throw err;
  }
}

export async function waitForCloudTowerHttps(req: WaitForCloudTowerHttpsRequest): Promise<{ tries: number }> {
  const ctx = Context.current();
  const tries = Math.max(1, req.run.timing.httpsCheckTries);
  const step = `check HTTPS 443 of CloudTower at ${req.cloudtowerIp}`;
  let http: SmartxHttp;
  try {
    http = new SmartxHttp({ resolver: resolverFor(req.run), address: req.cloudtowerIp });
    http.baseUrl('https');
  } catch (err) {
    throw describeFailure(step, err);
  }
  let last = '';
  for (let i = 1; i <= tries; i++) {
    const r = await answers(http).catch((err: unknown) => {
      throw describeFailure(step, err);
    });
    if (r.ok) {
      ctx.log.info('CloudTower answers on HTTPS 443', { ip: req.cloudtowerIp, tries: i, answer: r.detail });
      return { tries: i };
    }
    last = r.detail;
    ctx.heartbeat({ cloudtowerIp: req.cloudtowerIp, try: i, tries, last });
    ctx.log.warn('CloudTower does not answer on HTTPS 443 yet', {
      ip: req.cloudtowerIp,
      try: i,
      tries,
      error: last,
    });
    if (i < tries) await ctx.sleep(req.run.timing.httpsCheckPauseSeconds * 1000);
  }
  throw remoteJobFailed(
    `${step}: https://${req.cloudtowerIp}:443 did not answer in ${tries} tries ${req.run.timing.httpsCheckPauseSeconds} s apart (${last}). Fix: the CloudTower install did not bring its services up; check the VM and ${'/home/cloudtower/nohup.out'}.`,
  );
}
