/**
 * @module schema/openapi
 * The `/openapi/v3` discovery root and one OpenAPI 3.0 document per group version, built from the served
 * resource descriptors and the schema registry.
 *
 * What clients rely on: kubectl (`apply`, `create -f`, `replace`, `edit`) looks for a PATCH operation whose
 * `x-kubernetes-group-version-kind` (a single object) is the manifest's kind and that lists a
 * `fieldValidation` parameter, then leaves validation to the server; client-side apply computes strategic
 * merge patches from `components.schemas` when the PATCH request body lists
 * `application/strategic-merge-patch+json` (built-ins only); `kubectl explain` finds the schema whose
 * `x-kubernetes-group-version-kind` (an array) names the kind.
 */
import { createHash } from 'node:crypto';
import type { ResourceDescriptor } from '../registry/types';
import {
  addResourcePaths,
  capitalize,
  DELETE_OPTIONS_ID,
  groupWord,
  OBJECT_MEDIA,
  PATCH_ID,
  RESOURCE_LIST_ID,
  responses,
  type BuildContext,
  type NamingSchemaRegistry,
} from './openapi-paths';
import { buildComponents, componentRef, type OpenApiObject } from './openapi-schemas';

export type { OpenApiObject } from './openapi-schemas';

export type { NamingSchemaRegistry } from './openapi-paths';

export interface GroupVersion {
  group: string;
  version: string;
}

/** The key of a group version in the `/openapi/v3` root: `api/v1`, `apis/apps/v1`. */
export function openApiPathOf(gv: GroupVersion): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

/** The `/openapi/v3` root document: where each group version's document lives, with its content hash. */
export function buildOpenApiV3Root(groupVersions: { path: string; hash: string }[]): {
  paths: Record<string, { serverRelativeURL: string }>;
} {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { path, hash } of groupVersions) {
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

/** A stable content hash of a document (uppercase hex SHA-512, as kube-apiserver's). */
export function openApiDocumentHash(doc: unknown): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
}

/**
 * The OpenAPI 3.0 document of one group version (`/openapi/v3/apis/apps/v1`): paths for every resource and
 * its subresources, and every schema they reach in `components.schemas`. Custom kinds' schemas come from
 * the registry the CRDs were layered into.
 */
export function buildOpenApiV3Document(
  gv: GroupVersion,
  resources: ResourceDescriptor[],
  registry: NamingSchemaRegistry,
): OpenApiObject {
  const ctx: BuildContext = { registry, roots: new Set(), extra: {} };
  const paths: Record<string, OpenApiObject> = {};
  const prefix = gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
  const tag = `${gv.group ? groupWord(gv.group).toLowerCase() : 'core'}_${gv.version}`;
  paths[`${prefix}/`] = {
    get: {
      tags: [tag],
      operationId: `get${groupWord(gv.group)}${capitalize(gv.version)}APIResources`,
      responses: responses({ '200': componentRef(RESOURCE_LIST_ID) }, OBJECT_MEDIA.slice(0, 3)),
    },
  };
  // Referenced by request bodies of every GV document (PATCH bodies, DELETE options).
  for (const id of [RESOURCE_LIST_ID, PATCH_ID, DELETE_OPTIONS_ID]) ctx.roots.add(id);
  const served = resources
    .filter((d) => d.group === gv.group && d.version === gv.version)
    .sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  for (const d of served) addResourcePaths(ctx, d, paths);
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: sortedPaths,
    components: {
      schemas: buildComponents(ctx.roots, registry, ctx.extra),
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
    security: [{ BearerToken: [] }],
  };
}
