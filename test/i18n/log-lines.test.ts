// The worker console says every fixed log line of src in Chinese (issue 23 points 1 and 8): each
// literal `log.info|warn|error('…')` has its line in src/i18n/log-lines.ts, and the console uses it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { LOG_LINES, logLine } from '../../src/i18n/index.js';
import { consoleLine } from '../../src/worker-console.js';

function sources(dir = path.join(projectRoot, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe("the worker log in the operator's language", () => {
  it('has a Chinese line for every literal log message in src', () => {
    const messages = new Set<string>();
    for (const text of sources())
      for (const m of text.matchAll(/\blog\.(?:info|warn|error|debug)\(\s*(['`"])((?:(?!\1)[^\\]|\\.)*)\1/g))
        messages.add(m[2]);
    assert.ok(messages.size > 80, `found ${messages.size} log messages`);
    const missing = [...messages].filter((m) => !LOG_LINES[m]);
    assert.deepEqual(missing, [], 'add these to src/i18n/log-lines.ts');
    for (const [en, line] of Object.entries(LOG_LINES)) {
      assert.equal(line.en, en);
      assert.match(line.zh, /[\u4e00-\u9fff]/, `${en}: the zh line is Chinese`);
    }
  });

  it('the console prints a log line in Chinese with its fields', () => {
    assert.equal(logLine('CloudTower DNS set', 'en'), 'CloudTower DNS set');
    const line = consoleLine(
      {
        level: 'INFO',
        message: 'CloudTower DNS set',
        timestampNanos: 0n,
        meta: { sdkComponent: 'activity', taskQueue: 'q', ip: '127.1.1.2' },
      },
      'zh',
    );
    assert.equal(line, "1970-01-01T00:00:00.000Z [INFO] CloudTower DNS 已设置 { ip: '127.1.1.2' }");
  });
});
