// The CLI as the operator runs it (a real process): every command explains itself in zh and en,
// bad command lines end in a short bilingual error and the usage (exit 2), never parseArgs' text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMON_OPTIONS, type CommandSpec } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { projectRoot } from '../../src/config/dev-server.js';
import { hciBringup } from '../helpers/cli.js';

const all: CommandSpec[] = COMMANDS.map((c) => c.spec);

describe('hci-bringup <command> --help', () => {
  it('lists every command', () => {
    assert.deepEqual(all.map((s) => s.name).sort(), [
      'approve',
      'cancel',
      'cleanup',
      'codec-server',
      'deploy-package',
      'list',
      'report',
      'retry',
      'rollback',
      'sample-packages',
      'sample-plan',
      'scale',
      'serve',
      'skip',
      'start',
      'status',
      'validate',
      'watch',
    ]);
  });

  for (const spec of all) {
    it(`${spec.name}: --help in zh and en, -h too, every option with its default`, async () => {
      const zh = await hciBringup([spec.name, '--help', '--lang', 'zh']);
      assert.equal(zh.code, 0, zh.stderr);
      assert.match(zh.stdout, new RegExp(`^用法: hci-bringup ${spec.name}`));
      assert.ok(zh.stdout.includes(spec.summary.zh));
      assert.match(zh.stdout, /示例:\n {2}hci-bringup /);

      const en = await hciBringup([spec.name, '-h', '--lang', 'en']);
      assert.equal(en.code, 0, en.stderr);
      assert.match(en.stdout, new RegExp(`^usage: hci-bringup ${spec.name}`));
      assert.ok(en.stdout.includes(spec.summary.en));
      assert.match(en.stdout, /example:\n {2}hci-bringup /);

      for (const [name, o] of Object.entries({ ...spec.options, ...COMMON_OPTIONS })) {
        assert.ok(en.stdout.includes(`--${name}`), `--${name} in the help of ${spec.name}`);
        assert.ok(en.stdout.includes(o.help.en), `help text of --${name}`);
        assert.ok(zh.stdout.includes(o.help.zh), `Chinese help text of --${name}`);
        if (typeof o.default === 'string') assert.ok(en.stdout.includes(`(default: ${o.default})`));
      }
    });
  }

  it('HCI_LANG=en without --lang prints English; zh is the default', async () => {
    const saved = process.env.HCI_LANG;
    try {
      process.env.HCI_LANG = 'en';
      assert.match((await hciBringup(['list', '--help'])).stdout, /^usage: hci-bringup list/);
      delete process.env.HCI_LANG;
      assert.match((await hciBringup(['list', '--help'])).stdout, /^用法: hci-bringup list/);
    } finally {
      if (saved === undefined) delete process.env.HCI_LANG;
      else process.env.HCI_LANG = saved;
    }
  });
});

describe('bad command lines', () => {
  for (const spec of all) {
    it(`${spec.name}: an unknown flag exits 2 naming it, then the usage`, async () => {
      const r = await hciBringup([spec.name, '--frobnicate', '--lang', 'en']);
      assert.equal(r.code, 2);
      const out = r.stderr + r.stdout;
      assert.match(out, /错误: 未知参数 --frobnicate \/ error: unknown option --frobnicate/);
      assert.match(out, new RegExp(`usage: hci-bringup ${spec.name}`));
      assert.doesNotMatch(out, /Unknown option|ERR_PARSE_ARGS|To specify a positional/);
    });
  }

  it('a missing value names the flag (no raw "argument missing")', async () => {
    const r = await hciBringup(['start', '--plan']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /错误: 参数 --plan 需要一个值 \/ error: option --plan needs a value/);
    assert.match(r.stderr, /用法: hci-bringup start/);
    assert.doesNotMatch(r.stderr, /argument missing/);
  });

  it('a value given to a switch, an extra argument, a missing run id', async () => {
    const sw = await hciBringup(['start', '--wait=yes']);
    assert.equal(sw.code, 2);
    assert.match(sw.stderr, /error: option --wait takes no value/);
    const extra = await hciBringup(['list', 'everything']);
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /error: unexpected argument everything/);
    const noId = await hciBringup(['retry', '--lang', 'en']);
    assert.equal(noId.code, 2);
    assert.match(noId.stderr, /error: missing <workflow-id>/);
    assert.match(noId.stderr, /usage: hci-bringup retry <workflow-id>/);
  });

  it('an unknown command or --lang value exits 2', async () => {
    const cmd = await hciBringup(['resume', 'x']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr, /未知命令 resume \/ error: unknown command resume/);
    const lang = await hciBringup(['list', '--lang', 'fr']);
    assert.equal(lang.code, 2);
    assert.match(lang.stderr, /--lang must be zh or en/);
  });
});

describe('hci-bringup --version', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await hciBringup(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), version);
  });

  it('the top-level help lists every command', async () => {
    const r = await hciBringup(['--help', '--lang', 'en']);
    assert.equal(r.code, 0);
    for (const spec of all)
      assert.match(r.stdout, new RegExp(`^ {2}${spec.name} +${spec.summary.en.slice(0, 10)}`, 'm'));
  });
});
