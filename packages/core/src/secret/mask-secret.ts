/**
 * `sk-abcdefghijklmnop…wxyz` → `sk-a****wxyz`: enough to recognise which key it was, not
 * enough to use it. Secrets under 20 characters are masked whole.
 *
 * @example
 * maskSecret('sk-live-0123456789abcdef'); // 'sk-l****cdef'
 */
export function maskSecret(secret: string): string {
  if (secret.length < 20) return '****';
  return `${secret.slice(0, 4)}****${secret.slice(-4)}`;
}
