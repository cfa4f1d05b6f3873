/**
 * @module registry/validation
 * Validation and defaulting helpers shared by every descriptor (core and the other API groups).
 */
export * from './common';
export * from './object-meta';
export * from './pod-spec';
export * from './pod-defaults';
export * from './quantities';
export * from './probes';
