/**
 * @module meta
 * KubeSphere metadata conventions: alias, description, creator annotations, and display helpers.
 */
import type { KubeObject } from '@sphere/shared';

export const ALIAS = 'kubesphere.io/alias-name';
export const DESCRIPTION = 'kubesphere.io/description';
export const CREATOR = 'kubesphere.io/creator';
/** Annotations the metadata editors hide (KubeSphere's `preservedAnnotations`). */
export const PRESERVED_ANNOTATION = /(^|\.)kubesphere\.io\/|^openpitrix_runtime$/;

export const aliasOf = (o: KubeObject) => o.metadata.annotations?.[ALIAS] ?? '';
export const descriptionOf = (o: KubeObject) => o.metadata.annotations?.[DESCRIPTION] ?? '';
export const creatorOf = (o: KubeObject) => o.metadata.annotations?.[CREATOR] ?? '';

/** `alias (name)` or just the name. */
export function displayName(o: KubeObject): string {
  const alias = aliasOf(o);
  return alias ? `${alias} (${o.metadata.name})` : (o.metadata.name ?? '');
}

/** Application of a workload: `app.kubernetes.io/name`, else the `release` label. */
export function applicationOf(o: KubeObject): string {
  const l = o.metadata.labels ?? {};
  return l['app.kubernetes.io/name'] ?? l.release ?? '';
}

/** Locale-aware date-time, '-' when absent. */
export function formatTime(ts: string | null | undefined, lang = 'en'): string {
  if (!ts) return '-';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '-';
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { hour12: false });
}

/** Newest `lastUpdateTime`/`lastTransitionTime` among conditions (KubeSphere's "updated time"). */
export function updateTimeOf(o: KubeObject): string | undefined {
  const conds = ((
    o.status as { conditions?: { lastUpdateTime?: string; lastTransitionTime?: string }[] } | undefined
  )?.conditions ?? []) as { lastUpdateTime?: string; lastTransitionTime?: string }[];
  const times = conds.map((c) => c.lastUpdateTime ?? c.lastTransitionTime).filter((t): t is string => !!t);
  return times.sort().pop() ?? o.metadata.creationTimestamp ?? undefined;
}

/** Adds the creator annotation (the request layer's job in KubeSphere) without mutating. */
export function withCreator<T extends KubeObject>(obj: T, username: string): T {
  if (!username) return obj;
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [CREATOR]: username } },
  };
}
