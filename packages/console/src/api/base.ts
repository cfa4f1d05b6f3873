/**
 * @module base
 * Where the API lives. The platform serves the console same-origin, possibly under a base path that
 * index.html computed before the app loaded; every API URL is built here so it can move in one place.
 */

/** The application's base path, always ending with '/'. */
export function appBase(): string {
  if (typeof window === 'undefined') return '/';
  return window.__SPHERE_BASE__ ?? '/';
}

/** Absolute URL path for an API path such as `/kapis/...`. */
export function apiUrl(path: string): string {
  return appBase().replace(/\/$/, '') + path;
}
