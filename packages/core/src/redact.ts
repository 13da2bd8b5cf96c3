/**
 * Masks `secret` wherever it appears in `text`, keeping only enough to recognise it
 * (`sk-a****wxyz`), so an API key a server echoes never reaches a message or a log.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || !text.includes(secret)) return text;
  return text.split(secret).join(maskSecret(secret));
}

/** `sk-abcdef…wxyz` → `sk-a****wxyz`; short secrets are masked whole. */
export function maskSecret(secret: string): string {
  if (secret.length < 12) return '****';
  return `${secret.slice(0, 4)}****${secret.slice(-4)}`;
}
