/**
 * @module api/auth
 * Bearer-token authentication. Tokens are static (like kube-apiserver's token file): the admin token is
 * generated on first start and kept in the data directory; more identities can be added there.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { errors } from '@sphere/shared';
import type { UserInfo } from '../registry/types';

export interface StaticToken {
  token: string;
  user: UserInfo;
}

export type Authenticator = (req: IncomingMessage) => UserInfo;

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Authenticates `Authorization: Bearer <token>` against static tokens; 401 otherwise. */
export function tokenAuthenticator(tokens: StaticToken[]): Authenticator {
  return (req) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) {
      const found = tokens.find((t) => sameSecret(t.token, match[1]));
      if (found) return { ...found.user, groups: [...found.user.groups, 'system:authenticated'] };
    }
    throw errors.unauthorized();
  };
}

/** Paths anyone may read, as kube-apiserver's system:public-info-viewer role allows. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/version' || pathname === '/healthz' || pathname === '/livez' || pathname === '/readyz'
  );
}
