/**
 * @module pipeline/continue-token
 * Opaque `continue` tokens for paged lists: the snapshot revision and the last key returned.
 */
import { errors } from '@sphere/shared';

interface Token {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

export function encodeContinue(revision: number, afterKey: string): string {
  const token: Token = { v: 'meta.k8s.io/v1', rv: revision, start: afterKey };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(value: string): { revision: number; after: string } {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Token;
    if (token.v !== 'meta.k8s.io/v1' || !Number.isInteger(token.rv) || typeof token.start !== 'string') {
      throw new Error('bad token');
    }
    return { revision: token.rv, after: token.start };
  } catch {
    throw errors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}
