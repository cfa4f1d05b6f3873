/**
 * @module labels
 * Label selectors: the string grammar kubectl sends in `labelSelector=` (parsed with the apiserver's error
 * messages), the structured `LabelSelector` of workload specs, matching, and formatting back to strings.
 */
import { errors } from './status';
import { isQualifiedName, isValidLabelValue } from './names';

/** `metav1.LabelSelector`: matchLabels AND matchExpressions. */
export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
};

/**
 * One parsed term. `=` covers `=` and `==`; `!` is DoesNotExist. `gt`/`lt` (`a>1`, `a<1`) are accepted
 * because kube-apiserver accepts them in the string grammar, though LabelSelector objects cannot say them.
 */
export interface Requirement {
  key: string;
  operator: '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
  values: string[];
}

type Token =
  | { kind: 'end'; lit: '' }
  | { kind: 'id'; lit: string }
  | { kind: 'op'; lit: string }
  | { kind: 'error'; lit: string };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS = new Set([')', ',', '!', '==', '=', '>', '<', '!=', '(']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Splits a selector into tokens the way the apiserver's lexer does (longest symbol match). */
function lex(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WHITESPACE.has(s[i])) i++;
    if (i >= s.length) {
      tokens.push({ kind: 'end', lit: '' });
      return tokens;
    }
    if (SPECIAL.has(s[i])) {
      let buffer = '';
      let last = '';
      while (i < s.length && SPECIAL.has(s[i])) {
        buffer += s[i];
        if (SYMBOLS.has(buffer)) {
          last = buffer;
          i++;
        } else if (last) {
          break;
        } else {
          i++;
        }
      }
      tokens.push(
        last
          ? { kind: 'op', lit: last }
          : { kind: 'error', lit: `error expected: keyword found '${buffer}'` },
      );
      continue;
    }
    let word = '';
    while (i < s.length && !SPECIAL.has(s[i]) && !WHITESPACE.has(s[i])) word += s[i++];
    // `in`/`notin` are keywords only where an operator is expected; the parser decides.
    tokens.push({ kind: 'id', lit: word });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isIdentifierOrNot(t: Token): boolean {
    return t.kind === 'id' || (t.kind === 'op' && t.lit === '!');
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') return reqs;
      if (!this.isIdentifierOrNot(t))
        throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      let req: Requirement;
      try {
        req = this.requirement();
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      reqs.push(req);
      const after = this.next();
      if (after.kind === 'end') return reqs;
      if (after.kind === 'op' && after.lit === ',') {
        const la = this.peek();
        if (!this.isIdentifierOrNot(la)) throw new Error(`found '${la.lit}', expected: identifier after ','`);
        continue;
      }
      throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    let t = this.next();
    let negated = false;
    if (t.kind === 'op' && t.lit === '!') {
      negated = true;
      t = this.next();
    }
    if (t.kind !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length)
      throw new Error(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    // `!a` is complete by itself; whatever follows it (`!a=b`) is then a syntax error of the caller.
    if (negated) return { key, operator: '!', values: [] };
    const la = this.peek();
    if (la.kind === 'end' || (la.kind === 'op' && la.lit === ','))
      return { key, operator: 'exists', values: [] };
    return this.binary(key);
  }

  private binary(key: string): Requirement {
    const t = this.next();
    let operator: Requirement['operator'];
    if (t.kind === 'id' && t.lit === 'in') operator = 'in';
    else if (t.kind === 'id' && t.lit === 'notin') operator = 'notin';
    else if (t.kind === 'op' && (t.lit === '=' || t.lit === '==')) operator = '=';
    else if (t.kind === 'op' && t.lit === '!=') operator = '!=';
    else if (t.kind === 'op' && t.lit === '>') operator = 'gt';
    else if (t.kind === 'op' && t.lit === '<') operator = 'lt';
    else throw new Error(`found '${t.lit}', expected: ${BINARY_OPERATORS}`);
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, operator, values);
  }

  private valueSet(): string[] {
    const open = this.next();
    if (!(open.kind === 'op' && open.lit === '(')) throw new Error(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.kind === 'op' && first.lit === ')') {
      this.next();
      return [''];
    }
    if (!(first.kind === 'id' || (first.kind === 'op' && first.lit === ','))) {
      throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.kind === 'id') {
        values.add(t.lit);
        const la = this.peek();
        if (la.kind === 'op' && la.lit === ',') continue;
        if (la.kind === 'op' && la.lit === ')') break;
        throw new Error(`found '${la.lit}', expected: ',' or ')'`);
      } else if (t.kind === 'op' && t.lit === ',') {
        if (values.size === 0) values.add('');
        const la = this.peek();
        if (la.kind === 'op' && la.lit === ')') {
          values.add('');
          break;
        }
        if (la.kind === 'op' && la.lit === ',') {
          this.next();
          values.add('');
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    const close = this.next();
    if (!(close.kind === 'op' && close.lit === ')')) throw new Error(`found '${first.lit}', expected: ')'`);
    return [...values].sort();
  }

  private exactValue(): string[] {
    const la = this.peek();
    if (la.kind === 'end' || (la.kind === 'op' && la.lit === ',')) return [''];
    const t = this.next();
    if (t.kind === 'id') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/** Validates values the way NewRequirement does; messages are joined like an aggregate error. */
function newRequirement(key: string, operator: Requirement['operator'], values: string[]): Requirement {
  const problems: string[] = [];
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    problems.push(
      `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`,
    );
  }
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) {
        problems.push(
          `values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
    });
  }
  values.forEach((v, i) => {
    const errs = isValidLabelValue(v);
    if (errs.length)
      problems.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
  });
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length > 1) throw new Error(`[${problems.join(', ')}]`);
  return { key, operator, values };
}

/**
 * Parses a label selector string (`a=b,c in (x,y),!d`). Requirements come back sorted by key, as the
 * apiserver sorts them. Throws a 400 BadRequest StatusError with the apiserver's message on bad input.
 */
export function parseSelector(s: string): Requirement[] {
  try {
    const reqs = new Parser(lex(s)).parse();
    return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  } catch (e) {
    throw errors.badRequest((e as Error).message);
  }
}

/** True when `labels` satisfy every requirement (an empty list matches everything). */
export function matchesRequirements(reqs: Requirement[], labels?: Record<string, string> | null): boolean {
  const ls = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(ls, r.key);
    const value = has ? ls[r.key] : undefined;
    switch (r.operator) {
      case '=':
      case 'in':
        return has && r.values.includes(value as string);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(value as string);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^[+-]?\d+$/.test(value as string) || r.values.length !== 1) return false;
        const actual = BigInt(value as string);
        const bound = BigInt(r.values[0]);
        return r.operator === 'gt' ? actual > bound : actual < bound;
      }
    }
  });
}

/** Converts a structured selector into requirements (matchLabels first, as upstream does). */
export function selectorToRequirements(ls: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {}))
    reqs.push({ key, operator: '=', values: [value] });
  for (const expr of ls.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])];
    switch (expr.operator) {
      case 'In':
        reqs.push({ key: expr.key, operator: 'in', values });
        break;
      case 'NotIn':
        reqs.push({ key: expr.key, operator: 'notin', values });
        break;
      case 'Exists':
        reqs.push({ key: expr.key, operator: 'exists', values: [] });
        break;
      case 'DoesNotExist':
        reqs.push({ key: expr.key, operator: '!', values: [] });
        break;
      default:
        throw errors.badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    }
  }
  return reqs;
}

/**
 * Whether labels match a structured selector. As in `metav1.LabelSelectorAsSelector`: an EMPTY selector
 * (`{}`) matches everything, while a null/undefined selector matches NOTHING.
 */
export function matchesLabelSelector(
  ls: LabelSelector | null | undefined,
  labels?: Record<string, string> | null,
): boolean {
  if (ls === null || ls === undefined) return false;
  return matchesRequirements(selectorToRequirements(ls), labels);
}

/** Formats one requirement as the apiserver prints it (`a=b`, `a in (x,y)`, `!a`). */
export function formatRequirement(r: Requirement): string {
  const values = r.values.length > 1 ? [...r.values].sort().join(',') : (r.values[0] ?? '');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case '=':
      return `${r.key}=${values}`;
    case '!=':
      return `${r.key}!=${values}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
  }
}

/** Formats requirements as a selector string: terms sorted by key and joined by `,`. */
export function formatRequirements(reqs: Requirement[]): string {
  return [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(formatRequirement)
    .join(',');
}

/**
 * The selector string kubectl shows and the Scale subresource reports (`app=web,tier in (a,b)`).
 * An empty selector formats as '' (matches everything).
 */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  if (!ls) return '';
  return formatRequirements(selectorToRequirements(ls));
}

/** `a=1,b=2` for a label map, keys sorted (an empty or missing map gives ''). */
export function labelsToSelectorString(labels: Record<string, string> | null | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${(labels as Record<string, string>)[k]}`)
    .join(',');
}
