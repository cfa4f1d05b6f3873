/**
 * @module cluster/openapi-provider
 * `/openapi/v3` documents built from the registry and cached until the set of served resources changes
 * (a CRD is added, changed or removed).
 */
import type { OpenApiProvider } from '../api/handler';
import type { ResourceRegistry } from '../registry/resource-registry';
import {
  buildOpenApiV3Document,
  buildOpenApiV3Root,
  openApiDocumentHash,
  openApiPathOf,
  type NamingSchemaRegistry,
} from '../schema/openapi';

export function createOpenApiProvider(
  registry: ResourceRegistry,
  schemas: NamingSchemaRegistry,
): OpenApiProvider {
  let cachedAt = -1;
  let docs = new Map<string, { doc: unknown; hash?: string }>();
  const refresh = () => {
    if (cachedAt === registry.version()) return;
    cachedAt = registry.version();
    docs = new Map();
    for (const gv of registry.groupVersions()) docs.set(openApiPathOf(gv), { doc: undefined });
  };
  const build = (path: string) => {
    refresh();
    const entry = docs.get(path);
    if (!entry) return undefined;
    if (entry.doc === undefined) {
      const gv = registry.groupVersions().find((g) => openApiPathOf(g) === path)!;
      const resources = registry.all().filter((d) => d.group === gv.group && d.version === gv.version);
      entry.doc = buildOpenApiV3Document(gv, resources, schemas);
      entry.hash = openApiDocumentHash(entry.doc);
    }
    return entry;
  };
  return {
    root() {
      refresh();
      return buildOpenApiV3Root([...docs.keys()].map((path) => ({ path, hash: build(path)!.hash! })));
    },
    document(path) {
      return build(path)?.doc;
    },
  };
}
