// `approve`/`skip` with a component that does not exist: said invalid (not missing), with the valid
// ones, exit 2, before any connection (issue 23 point 2). The ended-run answer is pinned end to end
// in test/e2e/operator-words-zh.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approveCommand } from '../../src/cli/commands/approve.js';
import { skipCommand } from '../../src/cli/commands/skip.js';

async function stderrOf(run: () => Promise<number>): Promise<{ code: number; err: string }> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return { code: await run(), err: lines.join('\n') };
  } finally {
    console.error = original;
  }
}

describe('approve / skip: the component argument', () => {
  it('an unknown component is invalid, not missing, and the valid ones are named', async () => {
    const zh = await stderrOf(() => approveCommand.run(['bringup-x', 'foo', '--lang', 'zh']));
    assert.equal(zh.code, 2);
    assert.equal(zh.err, '错误: foo 不是可批准或跳过的组件；可用的组件: obs, backup, testload');
    assert.doesNotMatch(zh.err, /缺少/);
    const en = await stderrOf(() => skipCommand.run(['bringup-x', 'foo', '--lang', 'en']));
    assert.equal(en.code, 2);
    assert.match(
      en.err,
      /^error: foo is not a component that can be approved or skipped; valid: obs, backup, testload$/,
    );
  });

  it('a missing component is still said missing', async () => {
    const r = await stderrOf(() => approveCommand.run(['bringup-x', '--lang', 'zh']));
    assert.equal(r.code, 2);
    assert.match(r.err, /缺少参数 <obs\|backup\|testload>/);
  });
});
