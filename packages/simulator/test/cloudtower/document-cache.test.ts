// The store of parsed and validated GraphQL documents: a query sent again is not parsed again, a
// wrong one is refused every time, and the store stays bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareDocument } from '../../src/cloudtower/graphql/document.js';

const query = (n: number) => `query q${n} { globalAlertRules(where: {name: "r${n}"}) { id } }`;

function prepared(text: string) {
  const p = prepareDocument(text, undefined);
  assert.ok(p.ok, JSON.stringify(!p.ok && p.reply));
  return p;
}

describe('GraphQL documents', () => {
  it('a query sent again is the document already validated; the operation is still picked per request', () => {
    const text = `${query(1)}\nquery other { globalAlertRules { id } }`;
    const a = prepareDocument(text, 'q1');
    const b = prepareDocument(text, 'other');
    assert.ok(a.ok && b.ok);
    assert.equal(a.document, b.document, 'parsed once');
    assert.deepEqual([a.name, b.name], ['q1', 'other']);
    const none = prepareDocument(text, 'missing');
    assert.ok(!none.ok && none.reply.status === 400);
  });

  it('a query that fails validation is refused each time it comes', () => {
    for (let i = 0; i < 2; i++) {
      const p = prepareDocument('query { noSuchField { id } }', undefined);
      assert.ok(!p.ok);
      assert.equal(p.reply.status, 400);
      assert.match(JSON.stringify(p.reply.body), /GRAPHQL_VALIDATION_FAILED/);
    }
  });

  it('keeps the 500 most recently used documents', () => {
    const first = prepared(query(1000));
    for (let n = 1001; n <= 1499; n++) prepared(query(n));
    assert.equal(prepared(query(1000)).document, first.document, 'used again: kept, and now the newest');
    // 500 more: 1000 is now the least recently used and goes.
    for (let n = 1500; n <= 1999; n++) prepared(query(n));
    assert.notEqual(prepared(query(1000)).document, first.document, 'parsed again after eviction');
  });
});
