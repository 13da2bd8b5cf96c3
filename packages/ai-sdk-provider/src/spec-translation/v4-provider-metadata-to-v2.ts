import type {
  JSONValue,
  SharedV2ProviderMetadata,
  SharedV4ProviderMetadata,
} from '@ai-sdk/provider';

/**
 * Converts V4 provider metadata to V2, whose values may not be `undefined`: such
 * entries are left out, as `JSON.stringify` would leave them out.
 *
 * @example
 * convertV4ProviderMetadataToV2({ apifree: { itemId: 'msg_1', extra: undefined } }); // { apifree: { itemId: 'msg_1' } }
 */
export function convertV4ProviderMetadataToV2(
  metadata: SharedV4ProviderMetadata,
): SharedV2ProviderMetadata {
  return Object.fromEntries(
    Object.entries(metadata).map(([provider, values]) => [
      provider,
      Object.fromEntries(
        Object.entries(values).filter(
          (entry): entry is [string, JSONValue] => entry[1] !== undefined,
        ),
      ),
    ]),
  );
}

/** `Part` with V2 provider metadata, kept apart per member of a union of parts. */
export type WithV2ProviderMetadata<Part> = Part extends unknown
  ? Omit<Part, 'providerMetadata'> & { providerMetadata?: SharedV2ProviderMetadata }
  : never;

/**
 * `part` with its `providerMetadata`, if any, converted to V2.
 *
 * @example
 * withV2ProviderMetadata({ type: 'text-start', id: 'msg_1', providerMetadata: { apifree: { itemId: 'msg_1' } } });
 */
export function withV2ProviderMetadata<
  Part extends { providerMetadata?: SharedV4ProviderMetadata },
>(part: Part): WithV2ProviderMetadata<Part> {
  const { providerMetadata, ...rest } = part;
  // The spread keeps every other property, so the result is `Part` with V2 metadata.
  return (
    providerMetadata === undefined
      ? rest
      : { ...rest, providerMetadata: convertV4ProviderMetadataToV2(providerMetadata) }
  ) as WithV2ProviderMetadata<Part>;
}
