/**
 * @module iam/validation
 * Input rules for names and e-mail addresses.
 */

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Usernames: lower-case DNS subdomain, at most 32 characters (the console's limit). */
export function usernameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !name) return 'a username is required';
  if (name.length > 32) return 'must be no more than 32 characters';
  if (!DNS_SUBDOMAIN.test(name)) {
    return "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** Workspace and project names: DNS labels (namespaces are DNS-1123 labels, at most 63 characters). */
export function dnsLabelProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !name) return 'a name is required';
  if (name.length > 63) return 'must be no more than 63 characters';
  if (!DNS_LABEL.test(name)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** Role names: DNS subdomains up to 253 characters. */
export function roleNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !name) return 'a name is required';
  if (name.length > 253) return 'must be no more than 253 characters';
  if (!DNS_SUBDOMAIN.test(name)) return "must consist of lower case alphanumeric characters, '-' or '.'";
  return undefined;
}

export function emailProblem(email: unknown): string | undefined {
  if (typeof email !== 'string' || !email) return 'an email address is required';
  if (email.length > 254 || !EMAIL.test(email)) return 'is not a valid email address';
  return undefined;
}
