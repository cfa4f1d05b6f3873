/**
 * @module api/rules
 * Fetches the current user's rules for a scope. A 404 (endpoint not served) yields null = "unknown",
 * which the UI treats as allowed and leaves to server-side authorization.
 */
import { ApiError } from './errors';
import { request } from './http';
import { rulesPath } from './paths';
import { parseRules, type RuleMap } from '../permissions/rules';

/** Rules of the user at exactly one scope. */
export async function fetchRules(scope: {
  username: string;
  workspace?: string;
  namespace?: string;
}): Promise<RuleMap | null> {
  try {
    return parseRules(await request<unknown>(rulesPath(scope)));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 501)) return null;
    if (err instanceof ApiError && err.status === 403) return {};
    throw err;
  }
}
