// Why the simulator may refuse a request. A real appliance is known to refuse something only from
// an error it was seen to answer, a field its official SDK types as required (or as a number), or
// the documented default of the server framework it runs on. A field a capture shows the web UI
// sending proves what a client sends, not what the server requires: that alone is no reason to
// refuse. Every route that reads a body declares its rules here; `test/core/evidence.test.ts`
// walks the route table and fails on a rule without a source, and docs/simulator-strictness.md
// holds one row per refusal.

/**
 * `seed`: `seed NNN line L ("word")`, the line of ../shared/seeds/NNN_*.txt shows the field with
 * its JSON type. `capture`: `reference/<file> ("word")` in ../shared/reference. `sdk`: a type
 * and field of smartxworks' official SDKs or their OpenAPI document. `framework`: the documented
 * behaviour of the server framework or protocol (grpc-gateway, protojson, GraphQL, HTTP).
 */
export type SourceKind = 'seed' | 'capture' | 'sdk' | 'framework';

export interface Source {
  kind: SourceKind;
  ref: string;
}

export interface Refusal {
  status: number;
  /** What the answer says, as the simulator words it (`<field>` stands for the named field). */
  message: string;
  source: Source;
}

/**
 * What a route does with keys its schema does not name: `drop` them (the framework's documented
 * default, e.g. grpc-gateway), `refuse` them (documented: `unknownKeysSource`), or serve them and
 * mark the request `lenient` (nothing known either way).
 */
export type UnknownKeys = 'drop' | 'refuse' | 'lenient';

export interface RequestRules {
  /** `none`: the route reads no body (nothing to refuse). */
  body: 'json' | 'multipart' | 'graphql' | 'none';
  unknownKeys: UnknownKeys;
  unknownKeysSource?: Source;
  refusals: Refusal[];
}

export const seedLine = (seed: string, line: number, word: string): Source => ({
  kind: 'seed',
  ref: `seed ${seed} line ${line} ("${word}")`,
});

export const capture = (file: string, word: string): Source => ({
  kind: 'capture',
  ref: `reference/${file} ("${word}")`,
});

export const sdk = (ref: string): Source => ({ kind: 'sdk', ref });

/** The documented defaults the families' servers run with. */
export const frameworks = {
  grpcGatewayDiscard: {
    kind: 'framework',
    ref: 'grpc-gateway v2 runtime/marshaler_registry.go: the default JSON unmarshaler has DiscardUnknown: true',
  },
  protojsonTypes: {
    kind: 'framework',
    ref: 'protojson (google.golang.org/protobuf/encoding/protojson): a JSON value of the wrong type for a field fails to unmarshal; grpc-gateway answers codes.InvalidArgument (3), HTTP 400',
  },
  graphqlInput: {
    kind: 'framework',
    ref: 'GraphQL specification (October 2021) §3.10 Input Objects and §6.1.2 Coercing Variable Values: a field the input type does not define, or a value of the wrong type, is a request error',
  },
  httpHost: {
    kind: 'framework',
    ref: 'RFC 9112 §3.2: a server MUST respond with 400 to an HTTP/1.1 request that lacks a Host header',
  },
  multipartBoundary: {
    kind: 'framework',
    ref: 'RFC 7578 §4.1 with RFC 2046 §5.1.1: a form-data body is split only by the boundary parameter of a multipart/form-data content-type',
  },
} satisfies Record<string, Source>;

/** CloudTower REST request bodies: closed by the OpenAPI document the SDKs are generated from. */
export const cloudTowerOpenApiClosed = sdk(
  'smartxworks/cloudtower-api-doc static/specs/4.9.0-swagger.json: request body schemas (e.g. GetTasksRequestBody) declare additionalProperties: false',
);

/** A route that reads no body: nothing there to refuse. */
export const noBody: RequestRules = { body: 'none', unknownKeys: 'drop', refusals: [] };
