import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as here from '../src/index';

// Two copies of core in one app (an adapter's own install, or the ESM and CommonJS builds
// loaded side by side) must still recognise each other's errors. The built CommonJS file
// is a second copy: its classes are not the source's classes.
const other = createRequire(import.meta.url)('../dist/index.cjs') as typeof here;

describe('error identity survives a second copy of the package', () => {
  it('the copies really are different classes', () => {
    expect(other.RateLimitError).not.toBe(here.RateLimitError);
  });

  it('isInstance and instanceof recognise the other copy’s errors, by class and subclass', () => {
    const error = new other.RateLimitError({
      status: 429,
      headers: new Headers(),
      body: {},
      message: 'slow down',
    });
    expect(here.RateLimitError.isInstance(error)).toBe(true);
    expect(here.APIError.isInstance(error)).toBe(true);
    expect(here.APIFreeError.isInstance(error)).toBe(true);
    expect(error instanceof here.RateLimitError).toBe(true);
    expect(error instanceof here.APIError).toBe(true);
    expect(here.isRetryableError(error)).toBe(true);
  });

  it('and tells classes apart', () => {
    const truncated = new other.APIStreamTruncatedError({ message: 'cut' });
    expect(here.APIStreamError.isInstance(truncated)).toBe(true);
    expect(here.APIStreamTruncatedError.isInstance(truncated)).toBe(true);
    expect(here.APIResponseFailedError.isInstance(truncated)).toBe(false);
    expect(here.APIError.isInstance(truncated)).toBe(false);
    expect(truncated instanceof here.APIConnectionError).toBe(false);
    expect(here.APIFreeError.isInstance(new Error('plain'))).toBe(false);
    expect(here.APIFreeError.isInstance({ name: 'RateLimitError' })).toBe(false);
    expect(here.APIFreeError.isInstance(null)).toBe(false);
  });
});
