import { describe, expect, it } from 'vitest';
import { dnsLabelProblem, emailProblem, usernameProblem } from '../iam/validation';
import { hashPassword, isBcryptHash, passwordProblems, verifyPassword } from './password';

describe('password rules', () => {
  it.each([
    ['P@88w0rd', []],
    ['Abcdefg1', []],
    ['short1A', ['must be at least 8 characters']],
    ['alllowercase1', ['must contain an upper-case letter']],
    ['ALLUPPERCASE1', ['must contain a lower-case letter']],
    ['NoDigitsHere', ['must contain a digit']],
    ['A1' + 'a'.repeat(63), ['must be at most 64 characters']],
    ['', ['password is required']],
  ])('%s → %j', (pw, problems) => expect(passwordProblems(pw)).toEqual(problems));

  it('hashes with bcrypt and verifies only the right password', async () => {
    const hash = await hashPassword('P@88w0rd', 4);
    expect(isBcryptHash(hash)).toBe(true);
    expect(await verifyPassword('P@88w0rd', hash)).toBe(true);
    expect(await verifyPassword('P@88w0rD', hash)).toBe(false);
    expect(await verifyPassword('P@88w0rd', 'P@88w0rd')).toBe(false);
  });
});

describe('name and email rules', () => {
  it.each([
    ['user-manager', true],
    ['a.b', true],
    ['UPPER', false],
    ['under_score', false],
    ['-lead', false],
    ['x'.repeat(33), false],
  ])('username %s valid=%s', (n, ok) => expect(usernameProblem(n) === undefined).toBe(ok));
  it.each([
    ['demo-project', true],
    ['a.b', false],
    ['x'.repeat(64), false],
  ])('dns label %s valid=%s', (n, ok) => expect(dnsLabelProblem(n) === undefined).toBe(ok));
  it.each([
    ['a@b.io', true],
    ['no-at.io', false],
    ['a@b', false],
    ['a b@c.io', false],
  ])('email %s valid=%s', (e, ok) => expect(emailProblem(e) === undefined).toBe(ok));
});
