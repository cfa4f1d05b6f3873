/**
 * @module proxy/guard
 * Keeps tenants inside their workspace: a project admin may edit their namespace (it is inside their
 * scope), but not move it into another workspace by rewriting its `kubesphere.io/workspace` label — that
 * would hand the project to a workspace they do not belong to. Only users who may update namespaces at the
 * cluster scope may change or remove the label. Decided from the request body for every write style
 * (PUT, merge / strategic merge / apply patches, JSON patches).
 */
import { errors, type KubeObject } from '@sphere/shared';
import { parse as parseYaml } from 'yaml';
import { L } from '../iam/labels';

type Loose = { metadata?: { labels?: Record<string, unknown> | null } | null } | null;

/** Whether a write to namespace `current` would change its workspace label. */
export function changesWorkspaceLabel(
  method: string,
  contentType: string,
  body: Buffer,
  current: KubeObject | undefined,
): boolean {
  const was = current?.metadata.labels?.[L.workspace];
  let parsed: unknown;
  try {
    const text = body.toString('utf8');
    parsed = contentType.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch {
    return false; // the cluster rejects bodies it cannot read
  }
  if (contentType.includes('json-patch')) {
    const escaped = L.workspace.replace('~', '~0').replace('/', '~1');
    return (Array.isArray(parsed) ? parsed : []).some((op: { path?: string }) => {
      const p = op?.path ?? '';
      return p === '' || p === '/metadata' || p === '/metadata/labels' || p === `/metadata/labels/${escaped}`;
    });
  }
  const obj = parsed as Loose;
  if (method === 'PUT') return (obj?.metadata?.labels?.[L.workspace] ?? undefined) !== was;
  // merge-style patches and server-side apply: only what they mention changes
  if (!obj || typeof obj !== 'object') return false;
  if (obj.metadata === null || obj.metadata?.labels === null) return was !== undefined;
  const labels = obj.metadata?.labels;
  if (!labels || !(L.workspace in labels)) return false;
  return labels[L.workspace] !== was;
}

export function moveForbidden(user: string, namespace: string) {
  return errors.forbidden(
    `user "${user}" cannot change the workspace of namespace "${namespace}" (label ${L.workspace}); only platform administrators can move projects between workspaces`,
  );
}
