// The documents our CloudTower client sends are ones the simulated CloudTower declares: the simulator's
// own tests send seed 003's copy, this checks the client's (src/smartx) against the same schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudTowerDocumentErrors } from '@hci-bringup/simulator';
import { GRAPHQL_DOCUMENTS } from '../../../src/smartx/cloudtower-graphql-documents.js';

describe('CloudTower GraphQL: our client against the simulated schema', () => {
  it('declares every document our client sends', () => {
    for (const [name, doc] of Object.entries(GRAPHQL_DOCUMENTS)) {
      assert.deepEqual(cloudTowerDocumentErrors(doc), [], `${name} does not validate`);
    }
  });
});
