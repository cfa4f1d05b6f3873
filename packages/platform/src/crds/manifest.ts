/**
 * @module crds/manifest
 * Renders the CRDs as one multi-document YAML manifest (`packages/platform/manifests/crds.yaml`), for
 * `kubectl apply -f` against a real cluster.
 */
import { stringify } from 'yaml';
import { crds } from './definitions';

export function crdManifest(): string {
  const header =
    '# Sphere platform CustomResourceDefinitions. Generated from src/crds/definitions.ts; do not edit.\n';
  return header + crds.map((c) => '---\n' + stringify(c)).join('');
}
