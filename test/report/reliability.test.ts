// The report's reliability section (stage 10): new failing items as a table, or "none", in zh and en.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escaper } from '../../src/report/html.js';
import { reliabilitySection } from '../../src/report/reliability.js';

describe('report: reliability section', () => {
  const e = escaper();
  it('lists the new failing items and the counts; absent when the check did not run', () => {
    const html = reliabilitySection(
      {
        before: { checked: 74, failing: 0 },
        after: { checked: 74, failing: 1 },
        newFailures: [{ name: 'host_service_health', target: 'cls<01>', level: 'CRITICAL' }],
      },
      'en',
      e,
    );
    assert.match(html, /<code>host_service_health<\/code><\/td><td>cls&lt;01&gt;<\/td><td>CRITICAL/);
    assert.match(html, /failing items before the load: 0\/74, after: 1\/74/);
    assert.equal(reliabilitySection(undefined, 'en', e), '');
  });
  it('says so when nothing new failed (zh)', () => {
    const html = reliabilitySection(
      { before: { checked: 74, failing: 1 }, after: { checked: 74, failing: 1 }, newFailures: [] },
      'zh',
      e,
    );
    assert.match(html, /无新增失败项/);
    assert.ok(!html.includes('<table>'));
  });
  it('lists the new alerts with the counts of open alerts (en)', () => {
    const html = reliabilitySection(
      {
        before: { checked: 74, failing: 0 },
        after: { checked: 74, failing: 0 },
        newFailures: [],
        alerts: { before: 1, after: 2 },
        newAlerts: [{ id: 'a1', severity: 'CRITICAL', object: 'host<2>', message: 'disk & fan' }],
      },
      'en',
      e,
    );
    assert.match(html, /no new failing items/);
    assert.match(html, /open alerts before the load: 1, after: 2/);
    assert.match(html, /<th>severity<\/th><th>object<\/th><th>alert<\/th>/);
    assert.match(html, /<td>CRITICAL<\/td><td>host&lt;2&gt;<\/td><td>disk &amp; fan<\/td>/);
  });
  it('an unreadable report: says so and shows the alerts alone (zh)', () => {
    const html = reliabilitySection(
      {
        newFailures: [],
        reportUnreadable: 'unreadable item row',
        alerts: { before: 0, after: 0 },
        newAlerts: [],
      },
      'zh',
      e,
    );
    assert.match(html, /巡检报告无法读取，改用告警对比：unreadable item row/);
    assert.match(html, /未结束告警：负载前 0 条，负载后 0 条/);
    assert.match(html, /无新增告警/);
    assert.ok(!html.includes('负载前失败项'), 'no inspection counts without a readable report');
  });
});
