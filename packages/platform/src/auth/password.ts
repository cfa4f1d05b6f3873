/**
 * @module auth/password
 * Password rules (KubeSphere's: 8–64 characters with a lower-case letter, an upper-case letter and a
 * digit) and bcrypt hashing. Passwords are stored only as bcrypt hashes; a plaintext written straight to
 * the cluster (e.g. an admin reset with kubectl) is hashed by the user controller.
 */
import bcrypt from 'bcryptjs';

const BCRYPT = /^\$2[ayb]\$.{56}$/;

/** Whether a stored `spec.password` is already a bcrypt hash. */
export function isBcryptHash(value: string | undefined): boolean {
  return !!value && BCRYPT.test(value);
}

/** Problems with a new password, empty when it is acceptable. */
export function passwordProblems(password: unknown): string[] {
  if (typeof password !== 'string' || password === '') return ['password is required'];
  const problems: string[] = [];
  if (password.length < 8) problems.push('must be at least 8 characters');
  if (password.length > 64) problems.push('must be at most 64 characters');
  if (!/[a-z]/.test(password)) problems.push('must contain a lower-case letter');
  if (!/[A-Z]/.test(password)) problems.push('must contain an upper-case letter');
  if (!/[0-9]/.test(password)) problems.push('must contain a digit');
  return problems;
}

/** bcrypt work factor; tests lower it through the platform config to stay fast. */
export async function hashPassword(password: string, cost = 10): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** Compares a candidate with the stored value (bcrypt hash, or a plaintext not yet hashed by the controller). */
export async function verifyPassword(candidate: string, stored: string | undefined): Promise<boolean> {
  if (!stored) return false;
  if (isBcryptHash(stored)) return bcrypt.compare(candidate, stored);
  return false;
}
