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
});
