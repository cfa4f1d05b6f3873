/**
 * @module draft
 * The ONE object the form and the YAML/JSON editor share: the list of manifests being created.
 * Helpers to find/replace a manifest by kind and to apply edit-mode text (invalid text changes nothing).
 */
import type { KubeObject } from '@sphere/shared';
import { fromText, toText } from '../../lib/yaml-docs';

export type Draft = KubeObject[];

/** The manifest of a kind, if present. */
export function byKind(draft: Draft, kind: string): KubeObject | undefined {
  return draft.find((o) => o.kind === kind);
}

/** Replaces (or appends) the manifest of `obj.kind`. */
export function withObject(draft: Draft, obj: KubeObject): Draft {
  const i = draft.findIndex((o) => o.kind === obj.kind);
  if (i < 0) return [...draft, obj];
  const next = draft.slice();
  next[i] = obj;
  return next;
}

/** Edit-mode text for a draft. */
export function draftToText(draft: Draft, format: 'yaml' | 'json'): string {
  return toText(draft, format);
}

export type TextApply = { ok: true; draft: Draft } | { ok: false; error: string; line?: number };

/**
 * Applies edit-mode text. The result must keep the wizard's kinds (e.g. a StatefulSet wizard's text
 * must still contain a StatefulSet); on any error the caller keeps the previous draft.
 */
export function draftFromText(text: string, format: 'yaml' | 'json', requiredKinds: string[]): TextApply {
  const parsed = fromText<KubeObject>(text, format);
  if (!parsed.ok) return parsed;
  for (const o of parsed.objects) {
    if (!o.kind || !o.metadata || typeof o.metadata !== 'object')
      return { ok: false, error: 'Every object needs kind and metadata' };
  }
  const missing = requiredKinds.filter((k) => !parsed.objects.some((o) => o.kind === k));
  if (missing.length) return { ok: false, error: `Missing ${missing.join(', ')}` };
  return { ok: true, draft: parsed.objects };
}
