import { createRedactor } from './secret/redactor';

export { maskSecret } from './secret/mask-secret';

/**
 * Masks `secret` wherever it appears in `text`, in any of the forms a server might echo
 * it (as is, JSON-escaped, without its prefix, base64, hex, `\u`- or percent-encoded),
 * keeping only enough to recognise it (`sk-a****wxyz`).
 *
 * @example
 * redactSecret('Incorrect key sk-live-0123456789abcdef', 'sk-live-0123456789abcdef'); // 'Incorrect key sk-l****cdef'
 */
export function redactSecret(text: string, secret: string | undefined): string {
  return createRedactor(secret).text(text);
}
