/**
 * @module schema/types
 * A compact structural schema of the built-in kinds (generated from the Kubernetes OpenAPI description
 * into `schema/generated/`), and of CRDs (from their openAPIV3Schema). Validation of unknown fields,
 * strategic merge patch, server-side apply and the served OpenAPI v3 documents read it.
 */

export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** Named definition this node was resolved from (`io.k8s.api.core.v1.PodSpec`). */
  ref?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  /** Map value schema (`additionalProperties`). `true` means any value. */
  additionalProperties?: SchemaNode | true;
  items?: SchemaNode;
  /** int-or-string, quantities, RawExtension, JSON: any of several shapes. */
  intOrString?: boolean;
  preserveUnknownFields?: boolean;
  embeddedResource?: boolean;
  nullable?: boolean;
  /** Strategic merge patch: `merge`, `retainKeys`, `merge,retainKeys`, `replace`. */
  patchStrategy?: string;
  patchMergeKey?: string;
  /** Server-side apply list semantics. */
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  /** For root kinds: the group/version/kinds the definition serves. */
  gvk?: { group: string; version: string; kind: string }[];

  // Validation keywords of CRD schemas (OpenAPI v3 structural schemas). Built-in definitions carry none:
  // their validation is written per kind.
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  default?: unknown;
  /** Value validations (never structural in a CRD): each branch is checked as a whole. */
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  not?: SchemaNode;
}

/** Resolves definitions lazily: nodes with `ref` are looked up through `resolve`. */
export interface SchemaRegistry {
  /** The root schema of a kind, or undefined if unknown. */
  forKind(group: string, version: string, kind: string): SchemaNode | undefined;
  /** Resolves a named definition. */
  resolve(ref: string): SchemaNode | undefined;
}
