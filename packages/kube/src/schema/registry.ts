/**
 * @module schema/registry
 * Schema lookup: the built-in definitions generated from the Kubernetes OpenAPI description (loaded once,
 * on first use) and a layered registry on top of them for the kinds CustomResourceDefinitions add at run
 * time.
 */
import { readFileSync } from 'node:fs';
import type { SchemaNode, SchemaRegistry } from './types';

/** Definition id of `ObjectMeta`, which types `metadata` of every kind. */
export const OBJECT_META_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const gvkKey = (group: string, version: string, kind: string) => `${group}/${version}/${kind}`;

/** A registry over a fixed map of definitions, indexed by the GVKs the definitions declare. */
class DefinitionRegistry implements SchemaRegistry {
  private byGvk?: Map<string, string>;

  constructor(private readonly load: () => Record<string, SchemaNode>) {}

  private definitions?: Record<string, SchemaNode>;

  /** All definitions, by id (loads them on first call). */
  all(): Record<string, SchemaNode> {
    this.definitions ??= this.load();
    return this.definitions;
  }

  forKind(group: string, version: string, kind: string): SchemaNode | undefined {
    const id = this.idForKind(group, version, kind);
    return id ? this.all()[id] : undefined;
  }

  /** The definition id serving a kind (`apps/v1 Deployment` → `io.k8s.api.apps.v1.Deployment`). */
  idForKind(group: string, version: string, kind: string): string | undefined {
    if (!this.byGvk) {
      this.byGvk = new Map();
      for (const [id, node] of Object.entries(this.all())) {
        for (const g of node.gvk ?? []) this.byGvk.set(gvkKey(g.group, g.version, g.kind), id);
      }
    }
    return this.byGvk.get(gvkKey(group, version, kind));
  }

  resolve(ref: string): SchemaNode | undefined {
    return this.all()[ref];
  }
}

function loadGenerated(): Record<string, SchemaNode> {
  const url = new URL('./generated/definitions.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, SchemaNode>;
}

/** The built-in kinds (core/v1, apps/v1, batch/v1, ...): loaded from `generated/definitions.json` on first use. */
export const builtinSchemas: SchemaRegistry & {
  idForKind(group: string, version: string, kind: string): string | undefined;
  all(): Record<string, SchemaNode>;
} = new DefinitionRegistry(loadGenerated);

/** The content hash of each built-in group version's definitions (`apps/v1` → hex), for cache keys. */
export function builtinGroupVersionHashes(): Record<string, string> {
  const url = new URL('./generated/gv-hashes.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>;
}

/**
 * The definition id Kubernetes publishes a custom kind under: the group's DNS labels reversed, then version
 * and kind (`stable.example.com/v1 CronTab` → `com.example.stable.v1.CronTab`).
 */
export function customDefinitionId(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

/** A custom kind to layer over the built-ins. */
export interface ExtraKind {
  group: string;
  version: string;
  kind: string;
  /** The kind's root schema, e.g. `fromOpenApiV3Schema(crd.spec.versions[i].schema.openAPIV3Schema)`. */
  schema: SchemaNode;
}

/** A registry whose custom kinds can be added and removed while the server runs. */
export interface LayeredSchemaRegistry extends SchemaRegistry {
  /** Registers (or replaces) a kind; returns its definition id, to be used as `ResourceDescriptor.schemaId`. */
  setKind(extra: ExtraKind): string;
  /** Removes a kind added with `setKind`. */
  deleteKind(group: string, version: string, kind: string): void;
  /** Definition id of a kind, custom or built-in. */
  idForKind(group: string, version: string, kind: string): string | undefined;
}

/**
 * A registry of the built-in kinds plus custom kinds. The custom kinds' root schemas get the standard
 * `apiVersion`, `kind` and `metadata` (ObjectMeta) fields, as the apiserver publishes them.
 */
export function createSchemaRegistry(
  extra: ExtraKind[] = [],
  base: typeof builtinSchemas = builtinSchemas,
): LayeredSchemaRegistry {
  const custom = new Map<string, SchemaNode>();
  const customByGvk = new Map<string, string>();
  const registry: LayeredSchemaRegistry = {
    setKind({ group, version, kind, schema }) {
      const id = customDefinitionId(group, version, kind);
      custom.set(id, customRoot(schema, { group, version, kind }));
      customByGvk.set(gvkKey(group, version, kind), id);
      return id;
    },
    deleteKind(group, version, kind) {
      const key = gvkKey(group, version, kind);
      const id = customByGvk.get(key);
      if (id) custom.delete(id);
      customByGvk.delete(key);
    },
    idForKind(group, version, kind) {
      return customByGvk.get(gvkKey(group, version, kind)) ?? base.idForKind(group, version, kind);
    },
    forKind(group, version, kind) {
      const id = registry.idForKind(group, version, kind);
      return id ? registry.resolve(id) : undefined;
    },
    resolve(ref) {
      return custom.get(ref) ?? base.resolve(ref);
    },
  };
  for (const e of extra) registry.setKind(e);
  return registry;
}

/** A CRD's root schema as served: typed `apiVersion`/`kind`/`metadata`, and its group/version/kind. */
function customRoot(schema: SchemaNode, gvk: { group: string; version: string; kind: string }): SchemaNode {
  return {
    ...schema,
    type: 'object',
    properties: {
      ...schema.properties,
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { ref: OBJECT_META_ID },
    },
    gvk: [gvk],
  };
}

/**
 * Returns a node with its `ref` resolved: the definition's fields overlaid with the referring node's own
 * (a property may add `patchStrategy` to a referenced definition). Nodes without `ref` come back as they are.
 */
export function deref(node: SchemaNode, registry: SchemaRegistry): SchemaNode {
  let current = node;
  // Definitions may themselves be refs; follow a bounded chain.
  for (let hops = 0; current.ref && hops < 8; hops++) {
    const target = registry.resolve(current.ref);
    if (!target) return current;
    // Most references carry nothing of their own: hand out the definition without copying it.
    if (!hasLocalFields(current)) {
      current = target;
      continue;
    }
    const { ref: _ref, ...local } = current;
    current = { ...target, ...local };
  }
  return current;
}

function hasLocalFields(node: SchemaNode): boolean {
  for (const key in node) if (key !== 'ref') return true;
  return false;
}

export { fromOpenApiV3Schema } from './from-openapi';
