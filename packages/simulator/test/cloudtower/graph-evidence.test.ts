/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */
// create-graph by evidence (issue 22): the SDKs list no metric names, so one the simulator does not
// chart is served and marked `lenient`; `metric_count` is a number in the SDK's GraphCreationParams,
// so a string is refused, naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCloudTowerModules } from '../../src/cloudtower/index.js';
import { bootstrap, rest, type Bootstrapped } from './client.js';
import { startHarness, type Harness } from './harness.js';

describe('create-graph: refused only with evidence', () => {
  let h: Harness;
  let b: Bootstrapped;
  let viewId = '';
  before(async () => {
    h = await startHarness(createCloudTowerModules({ tokenTtlSeconds: 3600 }));
    b = await bootstrap(h);
    const view = await rest(
      h,
      'create-view',
      { cluster_id: b.clusterId, name: 'evidence', time_span: 1, time_unit: 'HOUR' },
      { token: b.token },
    );
    viewId = view.json[0].data.id;
  });
  after(() => h.close());

  const graph = (over: Record<string, unknown>) => ({
    view_id: viewId,
    cluster_id: b.clusterId,
    title: 'g',
    type: 'AREA',
    resource_type: 'cluster',
    metric_name: 'elf_cluster_cpu_overall_usage_percent',
    connect_id: [b.clusterId],
    ...over,
  });
  const lastLog = () => h.state.requests.filter((r) => r.route === 'cloudtower.rest.create-graph').at(-1);

  it('serves a metric name the simulator does not chart, marked lenient', async () => {
    const r = await rest(h, 'create-graph', graph({ metric_name: 'some_future_metric' }), { token: b.token });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json[0].data.metric_name, 'some_future_metric');
    assert.deepEqual(lastLog()?.lenient, ['metric-name:some_future_metric']);
  });

  it('serves a charted metric name with no mark', async () => {
    const r = await rest(h, 'create-graph', graph({ title: 'g2' }), { token: b.token });
    assert.equal(r.statusCode, 200);
    assert.equal(lastLog()?.lenient, undefined);
  });

  it('refuses metric_count as a string (the SDK types a number)', async () => {
    const r = await rest(h, 'create-graph', graph({ title: 'g3', metric_count: '10' }), { token: b.token });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json.code, 'InvalidParams');
    assert.match(r.json.message, /metric_count/);
  });
});
