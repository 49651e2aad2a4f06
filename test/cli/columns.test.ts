import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { formatTable, padDisplay } from '../../src/cli/columns.js';
import { renderRuns } from '../../src/cli/commands/list.js';
import { renderRunView } from '../../src/cli/render.js';
import { initialProgress } from '../../src/run/stages.js';

/** The display column where `needle` starts in `line`. */
const columnOf = (line: string, needle: string) => stringWidth(line.slice(0, line.indexOf(needle)));

describe('columns padded by display width', () => {
  it('a Chinese character counts two columns', () => {
    assert.equal(stringWidth(padDisplay('部署集群', 10)), 10);
    assert.equal(padDisplay('部署集群', 10), '部署集群  ');
    assert.equal(padDisplay('too long for it', 3), 'too long for it');
  });

  it('a table mixing Chinese and ASCII lines up', () => {
    const lines = formatTable([
      ['集群', 'x'],
      ['CN-01', 'y'],
    ]).split('\n');
    assert.equal(columnOf(lines[0], 'x'), columnOf(lines[1], 'y'));
  });

  it('the stage table of watch/status lines up in Chinese', () => {
    const progress = initialProgress('CN-01');
    const lines = renderRunView({ workflowId: 'w', status: 'RUNNING', progress, activities: [] }, 'zh')
      .split('\n')
      .filter((l) => l.includes('等待'));
    assert.ok(lines.length >= 9);
    const cols = new Set(lines.map((l) => columnOf(l, '等待')));
    assert.equal(cols.size, 1, lines.join('\n'));
  });

  it('list: columns line up in both languages', () => {
    const rows = [
      {
        workflowId: 'bringup-A',
        cluster: '北京集群',
        site: 'bj-dc1',
        stage: 'done',
        state: 'COMPLETED',
        started: '2026-11-29T22:00:00.123Z',
      },
      {
        workflowId: 'bringup-Longer-Name',
        cluster: 'CN-01',
        site: 'sh-lab',
        stage: 'failed:deploy-cluster',
        state: 'RUNNING',
        started: '2026-11-29T22:10:00.000Z',
      },
    ];
    for (const lang of ['zh', 'en'] as const) {
      const lines = renderRuns(rows, lang).split('\n');
      assert.equal(lines.length, 3);
      assert.equal(columnOf(lines[1], '北京集群'), columnOf(lines[2], 'CN-01'));
      assert.equal(columnOf(lines[1], 'bj-dc1'), columnOf(lines[2], 'sh-lab'), lines.join('\n'));
      assert.ok(columnOf(lines[1], 'bj-dc1') > columnOf(lines[1], '北京集群'), 'site follows the cluster');
      const [done, failed] =
        lang === 'zh' ? ['结束 (done)', '失败: 部署集群 (failed:'] : ['done (done)', 'failed: deploy'];
      assert.equal(columnOf(lines[1], done), columnOf(lines[2], failed), lines.join('\n'));
      assert.equal(columnOf(lines[1], '2026-11-29 22:00:00Z'), columnOf(lines[2], '2026-11-29 22:10:00Z'));
    }
    assert.match(renderRuns(rows, 'zh'), /已完成/);
    assert.match(renderRuns([], 'en'), /no bring-up runs/);
  });
});
