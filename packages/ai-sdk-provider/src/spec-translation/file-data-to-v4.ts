import type { SharedV4FileData } from '@ai-sdk/provider';

/** File data as the V2 and V3 specs carry it: bytes, base64 text or a URL. */
export type LegacyFileData = Uint8Array | string | URL;

/**
 * Converts V2/V3 file data to the V4 tagged form. `ai@7` calling a V3 model already
 * passes V4-only kinds (`reference`, `text`) as tagged objects; those pass through.
 *
 * @example
 * convertFileDataToV4(new URL('https://example.com/cat.png')); // { type: 'url', url }
 */
export function convertFileDataToV4(data: LegacyFileData | SharedV4FileData): SharedV4FileData {
  if (data instanceof URL) return { type: 'url', url: data };
  if (typeof data === 'string' || data instanceof Uint8Array) return { type: 'data', data };
  return data;
}
