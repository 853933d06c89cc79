/**
 * Passwords in URLs (redis://:PASSWORD@host, redis://user:PASSWORD@host) replaced by `***`, so a
 * log line, an error, a lock file or a job's failure reason never carries one. The user name stays:
 * it tells which ACL user was used, and is not a secret.
 */
export function redactSecrets(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1***@');
}
