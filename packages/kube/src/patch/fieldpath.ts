/**
 * @module patch/fieldpath
 * Sets of field paths as server-side apply tracks them (sigs.k8s.io/structured-merge-diff `fieldpath`),
 * and their `FieldsV1` encoding in `metadata.managedFields`. A path is a list of path elements written
 * in their FieldsV1 key form:
 *  - `f:<name>` a field of a struct or a key of a map;
 *  - `k:{"name":"c"}` an item of an associative list, by its key fields (sorted by name);
 *  - `v:"x"` an item of a set-like list, by value;
 *  - `i:0` an item of a list that has neither (by index).
 * In FieldsV1 a node that is itself in the set and also has children carries `".": {}`.
 */
import { isObject, type JsonObject } from './json-value';

export type PathElement = string;
export type FieldPath = PathElement[];

const TYPE_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Order of path elements: fields, then keys, values and indices; within a kind by content. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ta = TYPE_ORDER[a[0]] ?? 4;
  const tb = TYPE_ORDER[b[0]] ?? 4;
  if (ta !== tb) return ta - tb;
  if (a[0] === 'i' && b[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as kube-apiserver prints it in conflicts: `.spec.containers[name="c"].image`. */
export function pathToString(path: FieldPath): string {
  return path.map(pathElementToString).join('');
}

function pathElementToString(pe: PathElement): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const key = JSON.parse(body) as JsonObject;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    }
    case 'v':
      return `[=${body}]`;
    case 'i':
      return `[${body}]`;
    default:
      return '{{invalid path element}}';
  }
}

/** A set of field paths stored as a tree: members at this level and child sets by path element. */
export class FieldSet {
  private readonly members = new Set<PathElement>();
  private readonly children = new Map<PathElement, FieldSet>();

  /** Adds a path (the empty path is ignored: the root is never a member). */
  insert(path: FieldPath): this {
    if (path.length === 0) return this;
    const parent = path.slice(0, -1).reduce<FieldSet>((node, pe) => node.childOrCreate(pe), this);
    parent.members.add(path[path.length - 1]);
    return this;
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    const parent = this.at(path.slice(0, -1));
    return !!parent && parent.members.has(path[path.length - 1]);
  }

  /** The child set under a path prefix (undefined when nothing is recorded below it). */
  at(prefix: FieldPath): FieldSet | undefined {
    return prefix.reduce<FieldSet | undefined>((node, pe) => node?.children.get(pe), this);
  }

  /** Whether the set has the path or anything below it. */
  hasPrefix(path: FieldPath): boolean {
    if (this.has(path)) return true;
    const below = this.at(path);
    return !!below && !below.isEmpty();
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const child of this.children.values()) if (!child.isEmpty()) return false;
    return true;
  }

  /** The path elements directly below this node (members and children), sorted. */
  elements(): PathElement[] {
    return [...new Set([...this.members, ...this.children.keys()])].sort(comparePathElements);
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(pe);
  }

  /** All paths, members of a level before the levels below, each level sorted (upstream's order). */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = [...this.members].sort(comparePathElements).map((pe) => [...prefix, pe]);
    for (const pe of [...this.children.keys()].sort(comparePathElements)) {
      out.push(...this.children.get(pe)!.paths([...prefix, pe]));
    }
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.addAll(other);
    return out;
  }

  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const pe of this.members) if (!other.members.has(pe)) out.members.add(pe);
    for (const [pe, child] of this.children) {
      const theirs = other.children.get(pe);
      const rest = theirs ? child.difference(theirs) : child.clone();
      if (!rest.isEmpty()) out.children.set(pe, rest);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const pe of this.members) if (other.members.has(pe)) out.members.add(pe);
    for (const [pe, child] of this.children) {
      const theirs = other.children.get(pe);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.isEmpty()) out.children.set(pe, both);
    }
    return out;
  }

  /** This set without the given paths and everything below them (upstream's RecursiveDifference). */
  withoutPrefixes(prefixes: FieldPath[]): FieldSet {
    const out = this.clone();
    for (const prefix of prefixes) {
      if (prefix.length === 0) return new FieldSet();
      const parent = out.at(prefix.slice(0, -1));
      const last = prefix[prefix.length - 1];
      parent?.members.delete(last);
      parent?.children.delete(last);
    }
    return out;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.addAll(this);
    return out;
  }

  private addAll(other: FieldSet): void {
    for (const pe of other.members) this.members.add(pe);
    for (const [pe, child] of other.children) this.childOrCreate(pe).addAll(child);
  }

  /** FieldsV1 JSON (`{"f:spec":{"f:replicas":{}}}`), keys sorted as upstream serializes them. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    for (const pe of this.elements()) {
      const child = this.children.get(pe);
      if (child && !child.isEmpty()) {
        const encoded = child.toFieldsV1();
        out[pe] = this.members.has(pe) ? { '.': {}, ...encoded } : encoded;
      } else if (this.members.has(pe)) {
        out[pe] = {};
      }
    }
    return out;
  }

  /** Parses FieldsV1 JSON; unknown shapes are skipped rather than failing the write. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const out = new FieldSet();
    if (isObject(fields)) out.readFieldsV1(fields);
    return out;
  }

  private readFieldsV1(fields: JsonObject): void {
    for (const [pe, value] of Object.entries(fields)) {
      if (pe === '.' || !isObject(value)) continue;
      const keys = Object.keys(value);
      if (keys.length === 0 || '.' in value) this.members.add(pe);
      if (keys.some((k) => k !== '.')) this.childOrCreate(pe).readFieldsV1(value);
    }
  }

  private childOrCreate(pe: PathElement): FieldSet {
    let child = this.children.get(pe);
    if (!child) {
      child = new FieldSet();
      this.children.set(pe, child);
    }
    return child;
  }
}
