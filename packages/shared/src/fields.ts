/**
 * @module fields
 * Field selectors (`fieldSelector=spec.nodeName=n1,status.phase!=Running`) with the apiserver's grammar:
 * terms split on unescaped commas, the first `!=`, `==` or `=` splits field from value, and values
 * escape `\`, `,` and `=` with a backslash.
 */
import { errors } from './status';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const OPERATORS = ['!=', '==', '='] as const;

/** Splits on commas that are not escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** Removes value escapes; unescaped `,`/`=` and unknown escapes are errors (as upstream words them). */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the rune with %v, i.e. as its code point number.
    else if (c === ',' || c === '=')
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Escapes a value for use in a field selector. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parses a field selector. Terms come back sorted as the apiserver sorts them; `==` is reported as `=`.
 * Throws a 400 BadRequest StatusError with the apiserver's message on bad input.
 */
export function parseFieldSelector(s: string): FieldRequirement[] {
  const parts = splitTerms(s).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw errors.badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    let value: string;
    try {
      value = unescapeFieldValue(split.rhs);
    } catch (e) {
      throw errors.badRequest((e as Error).message);
    }
    reqs.push({ field: split.lhs, op: split.op === '!=' ? '!=' : '=', value });
  }
  return reqs;
}

/**
 * True when every requirement holds. `get` returns a field's value, or undefined when the object does
 * not have it, which compares as the empty string (so `spec.nodeName=` finds unscheduled pods).
 */
export function matchesFieldSelector(
  reqs: FieldRequirement[],
  get: (field: string) => string | undefined,
): boolean {
  return reqs.every((r) => ((get(r.field) ?? '') === r.value) === (r.op === '='));
}

/** Formats requirements back into a selector string (values escaped). */
export function formatFieldSelector(reqs: FieldRequirement[]): string {
  return reqs.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
}
