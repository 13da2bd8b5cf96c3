import type { LanguageModelV2CallWarning, SharedV4Warning } from '@ai-sdk/provider';

const V2_SETTINGS = new Set([
  'maxOutputTokens',
  'temperature',
  'stopSequences',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'responseFormat',
  'seed',
  'tools',
  'toolChoice',
  'includeRawChunks',
  'abortSignal',
  'headers',
  'providerOptions',
]);

/**
 * Converts a V4 warning to V2. An unsupported call setting stays an
 * `unsupported-setting` warning; every other warning becomes an `other` warning whose
 * message keeps the feature and the details.
 *
 * @example
 * convertV4WarningToV2({ type: 'unsupported', feature: 'topK' }); // { type: 'unsupported-setting', setting: 'topK' }
 */
export function convertV4WarningToV2(warning: SharedV4Warning): LanguageModelV2CallWarning {
  switch (warning.type) {
    case 'unsupported':
      if (V2_SETTINGS.has(warning.feature)) {
        return {
          type: 'unsupported-setting',
          setting: warning.feature,
          ...(warning.details !== undefined && { details: warning.details }),
        };
      }
      return {
        type: 'other',
        message: describe(`${warning.feature} is not supported.`, warning.details),
      };
    case 'compatibility':
      return {
        type: 'other',
        message: describe(`${warning.feature} is used in a compatibility mode.`, warning.details),
      };
    case 'deprecated':
      return { type: 'other', message: `${warning.setting} is deprecated. ${warning.message}` };
    case 'other':
      return warning;
  }
}

function describe(message: string, details: string | undefined): string {
  return details === undefined ? message : `${message} ${details}`;
}
