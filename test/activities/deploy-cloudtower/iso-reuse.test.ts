// A CloudTower ISO already on the cluster is reused only when it is complete as seed 003 lists a
// finished image (`resource_state: in-use`) and its name and size match the file: an image listed
// any other way may be partial and is never installed from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findImage } from '../../../src/activities/deploy-cloudtower/upload-cloud-tower-iso.js';
import type { Image } from '../../../src/smartx/index.js';

const iso = { name: 'cloudtower-v4.6.2.oe2003.x86_64.iso', size: 7_952_123_904 };
// The fields of seed 003's image list sample that the choice reads.
const listed = (over: Partial<Image>): Image => ({
  name: iso.name,
  size: iso.size,
  uuid: '6b6bf01d-683c-4e9a-acbd-aabee55a81d3',
  path: 'iscsi://iqn.2016-02.com.smartx:system:zbs-iscsi-datastore/129',
  resource_state: 'in-use',
  ...over,
});

test('the in-use image of the same name and size is reused (also listed without .iso)', () => {
  assert.equal(findImage([listed({})], iso)?.uuid, '6b6bf01d-683c-4e9a-acbd-aabee55a81d3');
  assert.ok(findImage([listed({ name: 'cloudtower-v4.6.2.oe2003.x86_64' })], iso));
});

test('an image in any other state, of another size or name, or without a path is not reused', () => {
  for (const state of ['uploading', 'error', 'creating', undefined])
    assert.equal(findImage([listed({ resource_state: state })], iso), undefined, `state ${String(state)}`);
  assert.equal(findImage([listed({ size: iso.size - 1 })], iso), undefined);
  assert.equal(findImage([listed({ name: 'cloudtower-v4.6.1.oe2003.x86_64.iso' })], iso), undefined);
  assert.equal(findImage([listed({ path: undefined })], iso), undefined);
});
