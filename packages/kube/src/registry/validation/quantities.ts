/**
 * @module registry/validation/quantities
 * Quantity fields are stored in canonical form, as kube-apiserver's decoding leaves them (`cpu: 0.5` is
 * read back as `500m`, `memory: 1.5Gi` as `1536Mi`, `cpu: 1` as `"1"`). A malformed quantity is a
 * decoding failure there (400 BadRequest), which `kind` reproduces; without it the value is left for
 * validation to report.
 */
import { errors } from '@sphere/shared';
import { canonicalizeQuantity, isValidQuantity, QUANTITY_FORMAT_ERROR } from '@sphere/shared/quantity';
import { isObj, objects } from './common';

/** Rewrites every quantity of a resource map (`{cpu: 0.5}`) in canonical form, in place. */
export function canonicalizeResourceList(list: unknown, kind?: string): void {
  if (!isObj(list)) return;
  for (const [name, value] of Object.entries(list)) {
    if (isValidQuantity(value)) list[name] = canonicalizeQuantity(value as string | number);
    else if (kind)
      throw errors.badRequest(
        `${kind} in version "v1" cannot be handled as a ${kind}: ${QUANTITY_FORMAT_ERROR}`,
      );
  }
}

/** Canonical requests/limits of every container of a PodSpec, and its overhead. */
export function canonicalizePodSpecQuantities(spec: unknown, kind?: string): void {
  if (!isObj(spec)) return;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of objects(spec[key])) {
      if (!isObj(c.resources)) continue;
      canonicalizeResourceList(c.resources.limits, kind);
      canonicalizeResourceList(c.resources.requests, kind);
    }
  }
  canonicalizeResourceList(spec.overhead, kind);
  if (isObj(spec.resources)) {
    canonicalizeResourceList(spec.resources.limits, kind);
    canonicalizeResourceList(spec.resources.requests, kind);
  }
}
