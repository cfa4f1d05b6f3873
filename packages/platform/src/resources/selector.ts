/**
 * @module resources/selector
 * Kubernetes label selector strings: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`.
 */

type Requirement = (labels: Record<string, string>) => boolean;

/** Parses a selector; throws on syntax it cannot read. */
export function parseSelector(selector: string): Requirement[] {
  const reqs: Requirement[] = [];
  // Split on commas that are not inside parentheses.
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  for (const raw of terms) {
    const t = raw.trim();
    if (!t) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      const [, key, op, list] = m;
      const values = list.split(',').map((v) => v.trim());
      reqs.push(
        op === 'in'
          ? (l) => key in l && values.includes(l[key])
          : (l) => !(key in l) || !values.includes(l[key]),
      );
    } else if ((m = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(t))) {
      const [, key, value] = m;
      reqs.push((l) => l[key] !== value);
    } else if ((m = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(t))) {
      const [, key, value] = m;
      reqs.push((l) => l[key] === value);
    } else if ((m = /^!([^\s!=]+)$/.exec(t))) {
      const key = m[1];
      reqs.push((l) => !(key in l));
    } else if (/^[^\s!=(),]+$/.test(t)) {
      reqs.push((l) => t in l);
    } else {
      throw new Error(`unable to parse requirement: "${t}"`);
    }
  }
  return reqs;
}

export function matchesSelector(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => r(l));
}
