/** The forms a secret can take in a server's text: as is, and with `/` escaped as JSON allows. */
function secretForms(secret: string): string[] {
  const escaped = secret.replaceAll('/', '\\/');
  return escaped === secret ? [secret] : [secret, escaped];
}

/**
 * Masks `secret` wherever it appears in `text`, keeping only enough to recognise it
 * (`sk-a****wxyz`), so an API key a server echoes never reaches a message or a log.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let result = text;
  for (const form of secretForms(secret)) {
    if (result.includes(form)) result = result.split(form).join(maskSecret(secret));
  }
  return result;
}

/** {@link redactSecret} applied to every string inside a parsed JSON value. */
export function redactValue<T>(value: T, secret: string | undefined): T {
  if (!secret) return value;
  if (typeof value === 'string') return redactSecret(value, secret) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactSecret(key, secret),
        redactValue(item, secret),
      ]),
    ) as T;
  }
  return value;
}

/** `sk-abcdefghijklmnop…wxyz` → `sk-a****wxyz`; secrets under 20 characters are masked whole. */
export function maskSecret(secret: string): string {
  if (secret.length < 20) return '****';
  return `${secret.slice(0, 4)}****${secret.slice(-4)}`;
}
