/**
 * @module selectors
 * Pure helpers the detail tabs use to find related objects.
 */
import type { KubeObject } from '@sphere/shared';

/** `matchLabels` of a workload (or a Service's selector) as a label-selector string. */
export function selectorString(obj: KubeObject): string {
  const spec = (obj.spec ?? {}) as {
    selector?: Record<string, unknown> & { matchLabels?: Record<string, string> };
  };
  const sel = spec.selector;
  if (!sel) return '';
  const labels = (sel.matchLabels ?? (obj.kind === 'Service' ? sel : {})) as Record<string, string>;
  return Object.entries(labels)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Field selector for the events of one object. */
export function eventSelector(obj: KubeObject): string {
  const parts = [`involvedObject.name=${obj.metadata.name}`];
  if (obj.metadata.namespace) parts.push(`involvedObject.namespace=${obj.metadata.namespace}`);
  if (obj.kind) parts.push(`involvedObject.kind=${obj.kind}`);
  return parts.join(',');
}

/** One container environment variable as the Containers card shows it. */
export interface EnvEntry {
  name: string;
  /** A plain value. */
  value?: string;
  /** A reference: `secret`/`configMap` (`<name>/<key>`), `field` (field path) or `resource`. */
  from?: { kind: 'secret' | 'configMap' | 'field' | 'resource'; ref: string };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key: string };
    configMapKeyRef?: { name?: string; key: string };
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string };
  };
}

/** Pure: a container's `env` as values and references (a value-less, reference-less variable is ""). */
export function envEntries(env: EnvVar[] | undefined): EnvEntry[] {
  return (env ?? []).map((e) => {
    const f = e.valueFrom;
    if (f?.secretKeyRef)
      return {
        name: e.name,
        from: { kind: 'secret', ref: `${f.secretKeyRef.name ?? ''}/${f.secretKeyRef.key}` },
      };
    if (f?.configMapKeyRef)
      return {
        name: e.name,
        from: { kind: 'configMap', ref: `${f.configMapKeyRef.name ?? ''}/${f.configMapKeyRef.key}` },
      };
    if (f?.fieldRef) return { name: e.name, from: { kind: 'field', ref: f.fieldRef.fieldPath } };
    if (f?.resourceFieldRef)
      return { name: e.name, from: { kind: 'resource', ref: f.resourceFieldRef.resource } };
    return { name: e.name, value: e.value ?? '' };
  });
}
