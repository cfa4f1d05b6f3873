/**
 * @module api/paths
 * Parses Kubernetes REST paths (`/api/v1/namespaces/ns/pods/name/status`, `/apis/apps/v1/deployments`)
 * into a request target. Discovery and other non-resource paths are handled before this.
 */
import type { Target } from '../pipeline/types';

export interface ResourcePath {
  target: Target;
  /** True for `/api/v1/watch/...` legacy watch paths. */
  legacyWatch: boolean;
}

/** Returns undefined when the path is not a resource path. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    rest = parts.slice(2);
  } else {
    return undefined;
  }
  const version = rest[0];
  let segs = rest.slice(1);
  let legacyWatch = false;
  if (segs[0] === 'watch') {
    legacyWatch = true;
    segs = segs.slice(1);
  }
  if (segs.length === 0) return undefined;
  // /namespaces/<ns>/<resource>... addresses namespaced resources; /namespaces/<ns>[/status|/finalize]
  // addresses the namespace itself.
  if (
    group === '' &&
    segs[0] === 'namespaces' &&
    segs.length >= 3 &&
    !['status', 'finalize'].includes(segs[2])
  ) {
    const [, namespace, resource, name, subresource, ...extra] = segs;
    if (extra.length > 0) return undefined;
    return { target: { group, version, resource, namespace, name, subresource }, legacyWatch };
  }
  if (group !== '' && segs[0] === 'namespaces' && segs.length >= 3) {
    const [, namespace, resource, name, subresource, ...extra] = segs;
    if (extra.length > 0) return undefined;
    return { target: { group, version, resource, namespace, name, subresource }, legacyWatch };
  }
  const [resource, name, subresource, ...extra] = segs;
  if (extra.length > 0) return undefined;
  return { target: { group, version, resource, name, subresource }, legacyWatch };
}
