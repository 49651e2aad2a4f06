// A machine's tree travels as `<bytes>\n<tar>` then the copy lines: what GNU tar makes of it is the
// tree asked for (modes, owners, links), and an unsafe path never reaches the init.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { treeInput } from '../../src/ssh/sandbox/tree-archive.js';
import type { TreeEntry } from '../../src/ssh/sandbox/tree.js';

const tree: TreeEntry[] = [
  { kind: 'dir', path: 'root/etc', mode: 0o755, uid: 0, gid: 0 },
  { kind: 'dir', path: 'root/home/smartx', mode: 0o700, uid: 1000, gid: 1000 },
  { kind: 'file', path: 'root/etc/shadow', mode: 0o640, uid: 0, gid: 42, text: 'root:x:1::::::\n' },
  { kind: 'file', path: 'root/etc/pam.d/sudo', mode: 0o644, uid: 0, gid: 0, text: '# sudo\n' },
  { kind: 'link', path: 'root/bin', target: 'usr/bin' },
  { kind: 'copy', path: 'layer/usr/bin/sudo', from: '/usr/bin/sudo', mode: 0o4111 },
];

describe('a machine tree as its init takes it', () => {
  it('is an archive GNU tar extracts with the modes, owners and links asked for, then the copies', async () => {
    const input = await treeInput(tree);
    const newline = input.indexOf(10);
    const size = Number(input.subarray(0, newline).toString());
    const archive = input.subarray(newline + 1, newline + 1 + size);
    assert.equal(
      input.subarray(newline + 1 + size).toString(),
      'C layer/usr/bin/sudo 4111 /usr/bin/sudo\nEND\n',
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tree-archive-'));
    try {
      // Owners are kept only when root extracts (as the machine's init is, inside its namespace).
      const asRoot = process.getuid?.() === 0;
      execFileSync(
        'tar',
        ['-x', '-m', '-p', ...(asRoot ? ['--same-owner'] : []), '--numeric-owner', '-f', '-'],
        {
          cwd: dir,
          input: archive,
        },
      );
      const shadow = lstatSync(path.join(dir, 'root/etc/shadow'));
      assert.equal(shadow.mode & 0o7777, 0o640);
      assert.equal(readFileSync(path.join(dir, 'root/etc/shadow'), 'utf8'), 'root:x:1::::::\n');
      assert.equal(lstatSync(path.join(dir, 'root/home/smartx')).mode & 0o7777, 0o700);
      assert.equal(readFileSync(path.join(dir, 'root/etc/pam.d/sudo'), 'utf8'), '# sudo\n');
      assert.equal(readlinkSync(path.join(dir, 'root/bin')), 'usr/bin');
      if (asRoot) {
        assert.equal(shadow.gid, 42);
        assert.equal(lstatSync(path.join(dir, 'root/home/smartx')).uid, 1000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a path the init would read as more than one word', async () => {
    await assert.rejects(
      treeInput([{ kind: 'file', path: 'root/etc/a b', mode: 0o644, uid: 0, gid: 0, text: '' }]),
      /unsafe path/,
    );
    await assert.rejects(
      treeInput([{ kind: 'copy', path: 'layer/usr/x', from: '/usr/bin/x;rm' }]),
      /unsafe path/,
    );
  });
});
