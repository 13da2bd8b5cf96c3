/** A mistake in how the command was called: reported with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}
