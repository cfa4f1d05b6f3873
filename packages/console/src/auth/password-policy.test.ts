import { describe, expect, it } from 'vitest';
import { loginErrorKey, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['Short1', 'PASSWORD_TOO_SHORT'],
    ['alllowercase1', 'PASSWORD_WEAK'],
    ['NoDigitsHere', 'PASSWORD_WEAK'],
    ['Str0ngPassword', null],
    ['A1' + 'a'.repeat(63), 'PASSWORD_TOO_LONG'],
  ])('%s', (pw, want) => expect(passwordProblem(pw)).toBe(want));
});

describe('loginErrorKey', () => {
  it.each([
    [429, 'LOGIN_LOCKED'],
    [400, 'LOGIN_INVALID'],
    [401, 'LOGIN_INVALID'],
    [500, 'LOGIN_FAILED'],
    [undefined, 'LOGIN_FAILED'],
  ])('%s', (status, want) => expect(loginErrorKey(status)).toBe(want));
});
