// HTTP checks of the appliances (seed 004 HTTPHealthCheck, which expects a status): each check asks
// for the product's web console page, which answers 2xx (or 3xx, a redirect to its login). Anything
// else is unhealthy: a 404 means something answers at the address but not the product, 5xx that it
// is broken, and a refused connection or no answer in time that it is down. Fisheye is asked for a
// real login, so its API is proven, not only its page.
import { FisheyeClient, SmartxHttp, SmartxHttpError } from '../../smartx/index.js';
import { z } from 'zod';
import { resolverFor, secret } from '../support/remote.js';
import { unhealthy, within } from '../support/check-outcome.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckRequest, FisheyeCheck, HttpCheck } from '../../run/service-health.js';

export async function checkHttpEndpoint(req: CheckRequest<HttpCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const http = new SmartxHttp({
      resolver: resolverFor(req.run),
      address: check.address,
      timeoutMs: req.timeoutMs,
    });
    const status = await within(req.timeoutMs, check.name, async () => {
      try {
        const r = await http.send({
          method: 'GET',
          path: check.path,
          scheme: check.scheme,
          parse: 'none',
          schema: z.unknown(),
          auth: false,
          timeoutMs: req.timeoutMs,
        });
        return r.status;
      } catch (err) {
        if (err instanceof SmartxHttpError && err.status !== undefined) return err.status;
        throw err;
      }
    });
    const url = `${check.scheme}://${check.address}${check.path}`;
    return status >= 200 && status < 400
      ? { name: check.name, status: 'healthy', message: `HTTP ${status} from ${url}` }
      : {
          name: check.name,
          status: 'unhealthy',
          message: `HTTP ${status} from ${url}: expected 2xx or 3xx from the product's page`,
        };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}

export async function checkFisheyeLogin(req: CheckRequest<FisheyeCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const client = new FisheyeClient(resolverFor(req.run), check.vip, {
      username: check.user,
      password: secret(check.password),
    });
    await within(req.timeoutMs, check.name, () => client.login());
    return { name: check.name, status: 'healthy', message: `Fisheye API at ${check.vip} accepts a login` };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}
