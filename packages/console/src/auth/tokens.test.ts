import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, isSessionOver, refreshDelay, sessionFromToken, type Session } from './tokens';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('decodeJwtPayload', () => {
  it.each([
    [jwt({ username: 'admin', exp: 5 }), { username: 'admin', exp: 5 }],
    ['garbage', {}],
    ['a.!!!.c', {}],
  ])('%s', (token, want) => expect(decodeJwtPayload(token)).toEqual(want));
});

describe('sessionFromToken', () => {
  it('derives username and absolute expiry', () => {
    const s = sessionFromToken(
      {
        access_token: jwt({ username: 'ws-admin' }),
        refresh_token: 'r',
        token_type: 'Bearer',
        expires_in: 7200,
      },
      1000,
    );
    expect(s).toEqual({
      accessToken: expect.any(String),
      refreshToken: 'r',
      expiresAt: 7_201_000,
      username: 'ws-admin',
    });
  });
  it('falls back to sub then the typed username', () => {
    expect(
      sessionFromToken({ access_token: jwt({ sub: 'u1' }), token_type: 'Bearer', expires_in: 1 }, 0).username,
    ).toBe('u1');
    expect(
      sessionFromToken({ access_token: 'opaque', token_type: 'Bearer', expires_in: 1 }, 0, 'typed').username,
    ).toBe('typed');
  });
});

describe('refreshDelay', () => {
  const s = (expiresAt: number): Session => ({
    accessToken: 'a',
    refreshToken: 'r',
    expiresAt,
    username: 'u',
  });
  it.each([
    ['long token refreshes a minute early', s(7_200_000), 0, 0, 7_140_000],
    ['short token refreshes at 80%', s(100_000), 0, 0, 80_000],
    ['already expired refreshes now', s(1000), 5000, 0, 0],
  ])('%s', (_n, session, now, issued, want) => expect(refreshDelay(session, now, issued)).toBe(want));
});

describe('isSessionOver', () => {
  it.each([
    [null, 0, true],
    [{ accessToken: 'a', expiresAt: 10, username: 'u' }, 5, false],
    [{ accessToken: 'a', expiresAt: 10, username: 'u' }, 10, true],
    [{ accessToken: 'a', refreshToken: 'r', expiresAt: 10, username: 'u' }, 20, false],
  ])('%j at %i', (session, now, want) => expect(isSessionOver(session as Session | null, now)).toBe(want));
});
