import type { SharedV3Warning, SharedV4Warning } from '@ai-sdk/provider';

/**
 * Converts a V4 warning to V3, which has no `deprecated` kind: a deprecation becomes
 * an `other` warning with the same message.
 *
 * @example
 * convertV4WarningToV3({ type: 'deprecated', setting: 'x', message: 'Use y.' });
 * // { type: 'other', message: 'x is deprecated. Use y.' }
 */
export function convertV4WarningToV3(warning: SharedV4Warning): SharedV3Warning {
  if (warning.type === 'deprecated') {
    return { type: 'other', message: `${warning.setting} is deprecated. ${warning.message}` };
  }
  return warning;
}
