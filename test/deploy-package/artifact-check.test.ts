// The artifact is checked before a deploy-package run starts (issue 23 point 9): it exists, is a
// readable gzip tarball, has a version and the service's unit file. The CLI refuses with exit 2 and a
// message wholly in the chosen language; the worker applies the same rules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { inspectArtifactFile } from '../../src/plan/package-artifact.js';
import { hciBringup } from '../helpers/cli.js';
import { buildArtifact, SERVICE } from './artifacts.js';

const scratch = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'artifact-check-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A tarball of `files` (name → content) named `name`. */
function tarball(name: string, files: Record<string, string>): string {
  const src = mkdtempSync(path.join(scratch, 'src-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(src, f), text);
  const out = path.join(scratch, name);
  execFileSync('tar', ['-czf', out, '-C', src, '.']);
  return out;
}

const CJK = /[\u4e00-\u9fff]/;

describe('the artifact check', () => {
  it('accepts a good artifact: version from the name, or from manifest.json', async () => {
    const good = await inspectArtifactFile(buildArtifact(scratch, '1.4.0'), SERVICE);
    assert.ok(!good.problem, JSON.stringify(good.problem));
    assert.equal(good.artifact.version, '1.4.0');
    assert.match(good.artifact.sha256, /^[0-9a-f]{64}$/);
    const manifest = await inspectArtifactFile(
      tarball('bundle.tar.gz', { 'demo.service': '[Unit]\n', 'manifest.json': '{"version": "2.1.0"}' }),
      SERVICE,
    );
    assert.ok(!manifest.problem, JSON.stringify(manifest.problem));
    assert.equal(manifest.artifact.version, '2.1.0');
  });

  it('names what is wrong: missing, unreadable, not a gzip tarball, no unit, no version', async () => {
    const keyOf = async (file: string) => (await inspectArtifactFile(file, SERVICE)).problem?.key;
    assert.equal(await keyOf(path.join(scratch, 'nope-1.0.0.tar.gz')), 'deployer.artifactMissing');
    const text = path.join(scratch, 'demo-1.0.1.tar.gz');
    writeFileSync(text, 'not a tarball\n');
    assert.equal(await keyOf(text), 'deployer.artifactNotTarball');
    assert.equal(
      await keyOf(tarball('demo-1.0.2.tar.gz', { 'README.txt': 'no unit\n' })),
      'deployer.artifactNoUnit',
    );
    assert.equal(
      await keyOf(tarball('bundle.tar.gz', { 'demo.service': '[Unit]\n' })),
      'deployer.artifactNoVersion',
    );
    assert.equal(
      await keyOf(tarball('demo-1.0.3.tar.gz', { 'demo.service': '[Unit]\n', 'manifest.json': '{"v": 1}' })),
      'deployer.artifactBadManifest',
    );
    if (process.getuid?.() !== 0) {
      const locked = buildArtifact(scratch, '1.0.4');
      chmodSync(locked, 0o000);
      assert.equal(await keyOf(locked), 'deployer.artifactUnreadable');
    }
    assert.equal((await inspectArtifactFile(text, 'bad name')).problem?.key, 'deployer.badService');
  });

  it('deploy-package refuses a bad artifact before anything starts: exit 2, in the chosen language', async () => {
    const dir = path.join(scratch, 'cli');
    mkdirSync(dir);
    const bad = path.join(dir, 'demo-9.9.9.tar.gz');
    writeFileSync(bad, 'not a tarball\n');
    const args = (artifact: string) => [
      'deploy-package',
      '--hosts',
      '10.0.20.11',
      '--artifact',
      artifact,
      '--service',
      SERVICE,
      '--endpoints',
      path.join(dir, 'endpoints.json'),
    ];
    for (const artifact of [bad, path.join(dir, 'missing.tar.gz')]) {
      const en = await hciBringup([...args(artifact), '--lang', 'en']);
      assert.equal(en.code, 2, en.stdout + en.stderr);
      assert.match(en.stderr, /artifact .*(not a readable gzip tarball|does not exist)/);
      assert.doesNotMatch(en.stderr, CJK, en.stderr);
      const zh = await hciBringup([...args(artifact), '--lang', 'zh']);
      assert.equal(zh.code, 2);
      assert.match(zh.stderr, /制品 .*(不是可读的 gzip 压缩 tar 包|不存在)/);
    }
    // A missing --artifact or a bad --service is said in the chosen language too.
    const noArtifact = await hciBringup([
      'deploy-package',
      '--hosts',
      '10.0.20.11',
      '--service',
      SERVICE,
      '--lang',
      'en',
    ]);
    assert.equal(noArtifact.code, 2);
    assert.match(noArtifact.stderr, /--artifact: --artifact <file\.tar\.gz> is required/);
    assert.doesNotMatch(noArtifact.stderr, CJK, noArtifact.stderr);
    const badService = await hciBringup([...args(bad).slice(0, -4), '--service', 'bad name', '--lang', 'zh']);
    assert.equal(badService.code, 2);
    assert.match(badService.stderr, /服务名只能包含字母/);
  });
});
