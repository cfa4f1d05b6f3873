/**
 * @module password-policy
 * The platform's password rule (KubeSphere's User CRD): 8–64 characters with a lower-case letter,
 * an upper-case letter and a digit. Returns the i18n key of the first failed rule, or null.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'PASSWORD_TOO_SHORT';
  if (password.length > 64) return 'PASSWORD_TOO_LONG';
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) return 'PASSWORD_WEAK';
  return null;
}

/** Login failure → i18n key: 429 locked, 400/401 wrong credentials, otherwise a generic error. */
export function loginErrorKey(status: number | undefined): string {
  if (status === 429) return 'LOGIN_LOCKED';
  if (status === 400 || status === 401) return 'LOGIN_INVALID';
  return 'LOGIN_FAILED';
}
