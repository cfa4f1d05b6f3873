/**
 * Generates `packages/kube/src/schema/generated/definitions.json` (definition id → SchemaNode) and
 * `gv-hashes.json` (group/version → content hash) from the Kubernetes OpenAPI (Swagger 2.0) description in
 * /work/shared/reference/kubernetes-api/swagger.json.
 *
 * Only structural facts are kept: types, formats, properties, required fields, map/list shapes, the
 * strategic-merge and server-side-apply extensions, and group/version/kinds. Prose descriptions are dropped
 * on purpose (the project may not carry them). Only definitions reachable from the group versions Sphere
 * serves are written, so the committed file stays small.
 *
 * Run: `npx tsx scripts/gen-schema.ts [path/to/swagger.json] [output dir]`
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaNode } from '../packages/kube/src/schema/types';

const here = dirname(fileURLToPath(import.meta.url));
const swaggerPath = process.argv[2] ?? '/work/shared/reference/kubernetes-api/swagger.json';
const outDir = process.argv[3] ?? join(here, '../packages/kube/src/schema/generated');

/** Group versions whose kinds the embedded API server serves (or may serve). */
const SERVED_GROUP_VERSIONS = [
  '/v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'networking.k8s.io/v1',
  'storage.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'policy/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'authorization.k8s.io/v1',
  'authentication.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'node.k8s.io/v1',
  'certificates.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiregistration.k8s.io/v1',
];

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** meta/v1 types that are served without being reachable from a kind. */
const EXTRA_ROOTS = [
  `${META}.Status`,
  `${META}.DeleteOptions`,
  `${META}.APIResourceList`,
  `${META}.APIGroupList`,
  `${META}.APIVersions`,
  `${META}.WatchEvent`,
  `${META}.Patch`,
];

/** Special scalar-like types: their JSON shape differs from the Go struct, so they are written by hand. */
const SPECIAL_TYPES: Record<string, SchemaNode> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string', format: 'quantity', intOrString: true },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    type: 'string',
    format: 'int-or-string',
    intOrString: true,
  },
  [`${META}.Time`]: { type: 'string', format: 'date-time' },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time' },
  [`${META}.FieldsV1`]: { type: 'object', preserveUnknownFields: true },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object', preserveUnknownFields: true },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': { preserveUnknownFields: true },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': {
    preserveUnknownFields: true,
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': {
    preserveUnknownFields: true,
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': {
    preserveUnknownFields: true,
  },
};

const str: SchemaNode = { type: 'string' };
const typeMeta = { apiVersion: str, kind: str };
const ref = (id: string): SchemaNode => ({ ref: id });
const arrayOf = (items: SchemaNode): SchemaNode => ({ type: 'array', items });

/**
 * Kinds the swagger file does not describe (they are served by the apiserver's generic machinery or by
 * metrics-server), written from the published Go types.
 */
const SUPPLEMENT: Record<string, SchemaNode> = {
  [`${META}.Table`]: {
    type: 'object',
    required: ['columnDefinitions', 'rows'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ListMeta`),
      columnDefinitions: arrayOf(ref(`${META}.TableColumnDefinition`)),
      rows: arrayOf(ref(`${META}.TableRow`)),
    },
    gvk: [{ group: 'meta.k8s.io', version: 'v1', kind: 'Table' }],
  },
  [`${META}.TableColumnDefinition`]: {
    type: 'object',
    required: ['name', 'type', 'format', 'description', 'priority'],
    properties: {
      name: str,
      type: str,
      format: str,
      description: str,
      priority: { type: 'integer', format: 'int32' },
    },
  },
  [`${META}.TableRow`]: {
    type: 'object',
    required: ['cells'],
    properties: {
      cells: arrayOf({ preserveUnknownFields: true }),
      conditions: arrayOf(ref(`${META}.TableRowCondition`)),
      object: ref('io.k8s.apimachinery.pkg.runtime.RawExtension'),
    },
  },
  [`${META}.TableRowCondition`]: {
    type: 'object',
    required: ['type', 'status'],
    properties: { type: str, status: str, reason: str, message: str },
  },
  [`${META}.PartialObjectMetadata`]: {
    type: 'object',
    properties: { ...typeMeta, metadata: ref(`${META}.ObjectMeta`) },
    gvk: [{ group: 'meta.k8s.io', version: 'v1', kind: 'PartialObjectMetadata' }],
  },
  [`${META}.PartialObjectMetadataList`]: {
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ListMeta`),
      items: arrayOf(ref(`${META}.PartialObjectMetadata`)),
    },
    gvk: [{ group: 'meta.k8s.io', version: 'v1', kind: 'PartialObjectMetadataList' }],
  },
  'io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetrics': {
    type: 'object',
    required: ['timestamp', 'window', 'usage'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ObjectMeta`),
      timestamp: ref(`${META}.Time`),
      window: str,
      usage: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
    },
    gvk: [{ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics' }],
  },
  'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics': {
    type: 'object',
    required: ['timestamp', 'window', 'containers'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ObjectMeta`),
      timestamp: ref(`${META}.Time`),
      window: str,
      containers: arrayOf(ref('io.k8s.metrics.pkg.apis.metrics.v1beta1.ContainerMetrics')),
    },
    gvk: [{ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' }],
  },
  'io.k8s.metrics.pkg.apis.metrics.v1beta1.ContainerMetrics': {
    type: 'object',
    required: ['name', 'usage'],
    properties: {
      name: str,
      usage: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
    },
  },
  'io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetricsList': {
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ListMeta`),
      items: arrayOf(ref('io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetrics')),
    },
    gvk: [{ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetricsList' }],
  },
  'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetricsList': {
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMeta,
      metadata: ref(`${META}.ListMeta`),
      items: arrayOf(ref('io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics')),
    },
    gvk: [{ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetricsList' }],
  },
};

/** The parts of a Swagger 2.0 schema this generator reads. */
interface SwaggerSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  additionalProperties?: SwaggerSchema | boolean;
  items?: SwaggerSchema;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

const DEF_PREFIX = '#/definitions/';

/** Converts one Swagger schema into a SchemaNode, keeping only structural facts. */
function convert(s: SwaggerSchema, servedGvs: Set<string>): SchemaNode {
  const node: SchemaNode = {};
  if (s.$ref) node.ref = s.$ref.slice(DEF_PREFIX.length);
  if (s.type) node.type = s.type as SchemaNode['type'];
  if (s.format) node.format = s.format;
  if (s.enum) node.enum = s.enum;
  if (s.properties) {
    node.properties = {};
    for (const name of Object.keys(s.properties).sort()) {
      node.properties[name] = convert(s.properties[name], servedGvs);
    }
  }
  if (s.required?.length) node.required = [...s.required];
  if (s.additionalProperties === true) node.additionalProperties = true;
  else if (s.additionalProperties) node.additionalProperties = convert(s.additionalProperties, servedGvs);
  if (s.items) node.items = convert(s.items, servedGvs);
  if (s['x-kubernetes-patch-strategy']) node.patchStrategy = s['x-kubernetes-patch-strategy'];
  if (s['x-kubernetes-patch-merge-key']) node.patchMergeKey = s['x-kubernetes-patch-merge-key'];
  if (s['x-kubernetes-list-type']) node.listType = s['x-kubernetes-list-type'];
  if (s['x-kubernetes-list-map-keys']) node.listMapKeys = [...s['x-kubernetes-list-map-keys']];
  if (s['x-kubernetes-map-type']) node.mapType = s['x-kubernetes-map-type'];
  if (s['x-kubernetes-int-or-string']) node.intOrString = true;
  if (s['x-kubernetes-preserve-unknown-fields']) node.preserveUnknownFields = true;
  if (s['x-kubernetes-embedded-resource']) node.embeddedResource = true;
  const gvks = s['x-kubernetes-group-version-kind']?.filter((g) => servedGvs.has(`${g.group}/${g.version}`));
  if (gvks?.length) node.gvk = gvks.map(({ group, version, kind }) => ({ group, version, kind }));
  return node;
}

/** Every definition id a node refers to, directly or through properties, items and map values. */
function refsOf(node: SchemaNode, out: string[] = []): string[] {
  if (node.ref) out.push(node.ref);
  for (const p of Object.values(node.properties ?? {})) refsOf(p, out);
  if (node.items) refsOf(node.items, out);
  if (node.additionalProperties && node.additionalProperties !== true) refsOf(node.additionalProperties, out);
  return out;
}

/** Definitions reachable from `roots`, in sorted id order. */
function reachable(roots: string[], all: Record<string, SchemaNode>): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id) || !all[id]) continue;
    seen.add(id);
    queue.push(...refsOf(all[id]));
  }
  return [...seen].sort();
}

/** JSON with sorted object keys, so hashes do not depend on insertion order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function main(): void {
  const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8')) as {
    definitions: Record<string, SwaggerSchema>;
  };
  const served = new Set(SERVED_GROUP_VERSIONS);
  served.add('meta.k8s.io/v1');
  served.add('metrics.k8s.io/v1beta1');

  const all: Record<string, SchemaNode> = {};
  for (const [id, def] of Object.entries(swagger.definitions)) {
    all[id] = SPECIAL_TYPES[id] ?? convert(def, served);
  }
  for (const [id, def] of Object.entries(SUPPLEMENT)) all[id] = def;

  // Roots: every definition that is a kind of a served group version.
  const rootsByGv = new Map<string, string[]>();
  for (const [id, node] of Object.entries(all)) {
    for (const g of node.gvk ?? []) {
      const gv = `${g.group}/${g.version}`;
      // Shared meta kinds (DeleteOptions, WatchEvent) list every group; they are roots of meta only.
      if (id.startsWith(META) && g.group !== '' && g.group !== 'meta.k8s.io') continue;
      rootsByGv.set(gv, [...(rootsByGv.get(gv) ?? []), id]);
    }
  }
  const roots = [...[...rootsByGv.values()].flat(), ...EXTRA_ROOTS];
  const ids = reachable(roots, all);
  const definitions: Record<string, SchemaNode> = {};
  for (const id of ids) definitions[id] = all[id];

  const hashes: Record<string, string> = {};
  for (const [gv, gvRoots] of [...rootsByGv.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const gvIds = reachable([...gvRoots, ...EXTRA_ROOTS], all);
    const body = canonical(gvIds.map((id) => [id, all[id]]));
    hashes[gv.startsWith('/') ? gv.slice(1) : gv] = createHash('sha512')
      .update(body)
      .digest('hex')
      .toUpperCase();
  }

  mkdirSync(outDir, { recursive: true });
  const defsJson = JSON.stringify(definitions);
  writeFileSync(join(outDir, 'definitions.json'), `${defsJson}\n`);
  writeFileSync(join(outDir, 'gv-hashes.json'), `${JSON.stringify(hashes, null, 2)}\n`);
  console.log(
    `wrote ${ids.length} definitions (${defsJson.length} bytes) and ${Object.keys(hashes).length} GV hashes to ${outDir}`,
  );
}

main();
