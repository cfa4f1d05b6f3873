/**
 * @module yaml-docs
 * Text <-> objects for edit mode: YAML (multi-document, `---`) or JSON (one object or an array).
 * Parse errors are returned, never swallowed, so the form can keep its last valid state.
 */
import { parseAllDocuments, stringify } from 'yaml';

export type ParseResult<T> = { ok: true; objects: T[] } | { ok: false; error: string; line?: number };

/** Serializes objects as YAML documents joined by `---`, or as JSON. */
export function toText(objects: unknown[], format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2);
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

/** Parses YAML or JSON text into objects; every document must be a mapping. */
export function fromText<T = Record<string, unknown>>(text: string, format: 'yaml' | 'json'): ParseResult<T> {
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(text);
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
        return { ok: false, error: 'Each item must be an object' };
      }
      return { ok: true, objects: list as T[] };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const objects: T[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) return { ok: false, error: error.message.split('\n')[0], line: error.linePos?.[0]?.line };
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      return { ok: false, error: 'Each document must be a mapping' };
    objects.push(value as T);
  }
  return { ok: true, objects };
}
