/**
 * Generates packages/kube/src/protobuf/generated/messages.json: the Kubernetes protobuf message table that
 * the embedded API server uses to decode `application/vnd.kubernetes.protobuf` request bodies.
 *
 * Usage (each argument is a git directory, e.g. a bare mirror, or a checked-out work tree):
 *   npx tsx scripts/gen-protobuf.ts --api <kubernetes/api> --apimachinery <kubernetes/apimachinery> \
 *     --apiextensions <kubernetes/apiextensions-apiserver> [--ref HEAD] [--out FILE]
 * The committed table was generated with `--ref v0.36.3` (the release of the project's OpenAPI reference;
 * a superset of what kubectl 1.32 sends). With the `fetch` tool's mirrors the sources are
 * /work/.mirror/kubernetes+api/repo, .../kubernetes+apimachinery/repo, .../kubernetes+apiextensions-apiserver/repo.
 *
 * Two sources are combined, because neither alone says how Go would print the object as JSON:
 * - `generated.proto`: field numbers, wire types, repeated/map, message references (the wire format);
 * - the Go `types.go` struct tags of the same types: the JSON name (`$ref`, `x-kubernetes-*` differ from the
 *   proto name), `omitempty`, whether the Go field is a pointer (then zero values are meaningful), and
 *   anonymous embedded structs whose fields JSON inlines into the parent (`Volume.VolumeSource`).
 * Only facts (names, numbers, types) are written out; no upstream code is copied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** [number, jsonName, type, flags]; flags: r repeated, p Go pointer, o omitempty, i inlined into parent. */
type FieldTuple = [number, string, string, string];

interface MessageEntry {
  fields: FieldTuple[];
  /** A Go named slice (`type ExtraValue []string`) wrapped in a message: JSON is the `items` array. */
  list?: true;
}

interface Source {
  root: string;
  ref: string;
}

/** Group versions the embedded API server serves, mapped to the proto package that holds their kinds. */
const API_VERSIONS: Record<string, string> = {
  v1: 'k8s.io.api.core.v1',
  'apps/v1': 'k8s.io.api.apps.v1',
  'batch/v1': 'k8s.io.api.batch.v1',
  'autoscaling/v1': 'k8s.io.api.autoscaling.v1',
  'autoscaling/v2': 'k8s.io.api.autoscaling.v2',
  'networking.k8s.io/v1': 'k8s.io.api.networking.v1',
  'storage.k8s.io/v1': 'k8s.io.api.storage.v1',
  'rbac.authorization.k8s.io/v1': 'k8s.io.api.rbac.v1',
  'policy/v1': 'k8s.io.api.policy.v1',
  'coordination.k8s.io/v1': 'k8s.io.api.coordination.v1',
  'discovery.k8s.io/v1': 'k8s.io.api.discovery.v1',
  'events.k8s.io/v1': 'k8s.io.api.events.v1',
  'authorization.k8s.io/v1': 'k8s.io.api.authorization.v1',
  'authentication.k8s.io/v1': 'k8s.io.api.authentication.v1',
  'scheduling.k8s.io/v1': 'k8s.io.api.scheduling.v1',
  'apiextensions.k8s.io/v1': 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1',
  'meta.k8s.io/v1': 'k8s.io.apimachinery.pkg.apis.meta.v1',
};

/** Directories (inside each source) whose generated.proto and Go types are read. */
const DIRS: Record<'api' | 'apimachinery' | 'apiextensions', string[]> = {
  api: [
    'core/v1',
    'apps/v1',
    'batch/v1',
    'autoscaling/v1',
    'autoscaling/v2',
    'networking/v1',
    'storage/v1',
    'rbac/v1',
    'policy/v1',
    'coordination/v1',
    'discovery/v1',
    'events/v1',
    'authorization/v1',
    'authentication/v1',
    'scheduling/v1',
  ],
  apimachinery: [
    'pkg/apis/meta/v1',
    'pkg/runtime',
    'pkg/runtime/schema',
    'pkg/util/intstr',
    'pkg/api/resource',
  ],
  apiextensions: ['pkg/apis/apiextensions/v1'],
};

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'double']);

function isGitDir(root: string): boolean {
  return !existsSync(join(root, '.git')) && existsSync(join(root, 'objects'));
}

function listFiles(src: Source, dir: string): string[] {
  if (isGitDir(src.root)) {
    const out = execFileSync('git', ['--git-dir', src.root, 'ls-tree', '--name-only', `${src.ref}:${dir}`]);
    return out.toString().split('\n').filter(Boolean);
  }
  return readdirSync(join(src.root, dir));
}

function readText(src: Source, path: string): string {
  if (isGitDir(src.root)) {
    return execFileSync('git', ['--git-dir', src.root, 'show', `${src.ref}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
  }
  return readFileSync(join(src.root, path), 'utf8');
}

function commitOf(src: Source): string {
  const args = isGitDir(src.root) ? ['--git-dir', src.root] : ['-C', src.root];
  return execFileSync('git', [...args, 'rev-parse', src.ref])
    .toString()
    .trim();
}

interface ProtoField {
  name: string;
  number: number;
  type: string;
  repeated: boolean;
  mapValue?: string;
}

interface ProtoMessage {
  pkg: string;
  name: string;
  fields: ProtoField[];
  nullableList: boolean;
}

/** Parses the subset of proto2 that go-to-protobuf emits: top-level messages, optional/repeated/map. */
function parseProto(text: string): ProtoMessage[] {
  const pkg = /^package ([\w.]+);/m.exec(text)?.[1];
  if (!pkg) throw new Error('proto without package');
  const messages: ProtoMessage[] = [];
  let current: ProtoMessage | undefined;
  let comments: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//')) {
      comments.push(line);
      continue;
    }
    const open = /^message (\w+) \{$/.exec(line);
    if (open) {
      if (current) throw new Error(`nested message ${open[1]} in ${current.name}`);
      const nullableList = comments.some((c) => c.includes('+protobuf.nullable=true'));
      current = { pkg, name: open[1], fields: [], nullableList };
    } else if (line === '}' && current) {
      messages.push(current);
      current = undefined;
    } else if (current && line) {
      const map = /^map<(\w+), ?([\w.]+)> (\w+) = (\d+);$/.exec(line);
      const field = /^(optional|repeated) ([\w.]+) (\w+) = (\d+);$/.exec(line);
      if (map) {
        if (map[1] !== 'string') throw new Error(`non-string map key in ${current.name}`);
        current.fields.push({
          name: map[3],
          number: Number(map[4]),
          type: 'map',
          repeated: false,
          mapValue: qualify(map[2], pkg),
        });
      } else if (field) {
        current.fields.push({
          name: field[3],
          number: Number(field[4]),
          type: qualify(field[2], pkg),
          repeated: field[1] === 'repeated',
        });
      } else if (!line.startsWith('option ') && !line.startsWith('reserved ')) {
        throw new Error(`unparsed line in ${current.name}: ${line}`);
      }
    }
    comments = [];
  }
  return messages;
}

function qualify(type: string, pkg: string): string {
  if (SCALARS.has(type)) return type;
  const bare = type.replace(/^\./, '');
  return bare.includes('.') ? bare : `${pkg}.${bare}`;
}

interface GoField {
  jsonName: string;
  omitempty: boolean;
  pointer: boolean;
  inline: boolean;
}

/** Go struct name → proto field number → what the Go json tag and field type say. */
type GoStructs = Map<string, Map<number, GoField>>;

const GO_FIELD = /^(?:(\w+)\s+)?([*[\]\w.]+(?:\[[\w.]+\][*\w.[\]]+)?)\s+`([^`]*)`\s*(?:\/\/.*)?$/;

function parseGoStructs(text: string, into: GoStructs): void {
  let struct: Map<number, GoField> | undefined;
  for (const raw of text.split('\n')) {
    const open = /^type (\w+) struct \{/.exec(raw);
    if (open) {
      struct = new Map();
      into.set(open[1], struct);
      continue;
    }
    if (raw.startsWith('}')) struct = undefined;
    const line = raw.trim();
    if (!struct || line.startsWith('//')) continue;
    const m = GO_FIELD.exec(line);
    const protoTag = m && /protobuf:"[a-z0-9]+,(\d+),/.exec(m[3]);
    if (!m || !protoTag) continue;
    const jsonTag = /json:"([^"]*)"/.exec(m[3])?.[1] ?? '';
    const [jsonName, ...opts] = jsonTag.split(',');
    struct.set(Number(protoTag[1]), {
      jsonName: jsonName === '-' ? '' : jsonName,
      omitempty: opts.includes('omitempty'),
      pointer: m[2].startsWith('*'),
      inline: m[1] === undefined && jsonName === '',
    });
  }
}

function buildEntry(msg: ProtoMessage, go: Map<number, GoField> | undefined): MessageEntry {
  const fields = msg.fields.map((f): FieldTuple => {
    const g = go?.get(f.number);
    let flags = '';
    if (f.repeated) flags += 'r';
    if (g?.pointer) flags += 'p';
    // Without Go knowledge, treat the field as omitempty: dropping a zero scalar is the safe default.
    if (!g || g.omitempty) flags += 'o';
    if (g?.inline) flags += 'i';
    const type = f.type === 'map' ? `map<string,${f.mapValue}>` : f.type;
    return [f.number, g?.jsonName || f.name, type, flags];
  });
  const entry: MessageEntry = { fields };
  if (msg.nullableList) entry.list = true;
  return entry;
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const ref = opt('ref') ?? 'HEAD';
  const sources = {
    api: opt('api'),
    apimachinery: opt('apimachinery'),
    apiextensions: opt('apiextensions'),
  };
  const out = opt('out') ?? 'packages/kube/src/protobuf/generated/messages.json';
  const messages: Record<string, MessageEntry> = {};
  const commits: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const key of ['api', 'apimachinery', 'apiextensions'] as const) {
    const root = sources[key];
    if (!root) throw new Error(`missing --${key} <git dir or checkout>`);
    const src: Source = { root: resolve(root), ref };
    commits[key] = commitOf(src);
    for (const dir of DIRS[key]) {
      const files = listFiles(src, dir).map((f) => f.replace(/^.*\//, ''));
      const goStructs: GoStructs = new Map();
      for (const file of files) {
        if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_')) continue;
        if (file.startsWith('generated')) continue;
        parseGoStructs(readText(src, `${dir}/${file}`), goStructs);
      }
      if (!files.includes('generated.proto')) continue;
      for (const msg of parseProto(readText(src, `${dir}/generated.proto`))) {
        const go = goStructs.get(msg.name);
        if (!go && !msg.nullableList) unmatched.push(msg.name);
        messages[`${msg.pkg}.${msg.name}`] = buildEntry(msg, go);
      }
    }
  }
  for (const [name, entry] of Object.entries(messages)) {
    for (const [, , type] of entry.fields) {
      const ref = type.startsWith('map<') ? type.slice('map<string,'.length, -1) : type;
      if (!SCALARS.has(ref) && !messages[ref]) throw new Error(`${name} references unknown ${ref}`);
    }
  }
  const table = { source: { ref, ...commits }, apiVersions: API_VERSIONS, messages };
  writeFileSync(out, JSON.stringify(table) + '\n');
  console.log(
    `wrote ${Object.keys(messages).length} messages to ${out}; without Go struct tags: ${unmatched.join(', ')}`,
  );
}

main();
