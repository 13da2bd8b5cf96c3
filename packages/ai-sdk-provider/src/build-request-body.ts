import {
  InvalidArgumentError,
  type LanguageModelV4CallOptions,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { mapReasoningToProviderEffort, parseProviderOptions } from '@ai-sdk/provider-utils';
import {
  buildRequestBody as buildCoreRequestBody,
  type OutputFormat,
  type ReasoningEffort,
  type ResponseCreateParamsNonStreaming,
} from '@apifree/core';
import { apifreeLanguageModelOptionsSchema } from './apifree-language-model-options';
import { convertToAPIFreeInput } from './convert-to-apifree-input';
import { prepareTools } from './prepare-tools';

/** The request body (without `stream`) and the warnings for the call. */
export interface RequestBody {
  body: ResponseCreateParamsNonStreaming;
  warnings: SharedV4Warning[];
}

const EFFORT_BY_REASONING = {
  none: 'none',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
} as const satisfies Record<string, ReasoningEffort>;

/**
 * Translates an AI SDK call into core's request settings, and core's body back. What the
 * model cannot take (sampling on reasoning models, reasoning on the others) is decided by
 * core; settings the Responses API lacks altogether (top-k, seed, penalties, stop
 * sequences) are decided here. Neither is silently dropped: each becomes a warning.
 */
export async function buildRequestBody({
  modelId,
  providerName,
  options,
}: {
  modelId: string;
  providerName: string;
  options: LanguageModelV4CallOptions;
}): Promise<RequestBody> {
  const warnings: SharedV4Warning[] = [];
  const apifree = await parseProviderOptions({
    provider: providerName,
    providerOptions: options.providerOptions,
    schema: apifreeLanguageModelOptionsSchema,
  }).catch((error: unknown) => {
    // The AI SDK's message says only "invalid provider options"; name the field and the reason.
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new InvalidArgumentError({
      argument: 'providerOptions',
      message: `Invalid providerOptions.${providerName}: ${reason}`,
      cause: error,
    });
  });

  for (const [setting, value] of [
    ['topK', options.topK],
    ['seed', options.seed],
    ['presencePenalty', options.presencePenalty],
    ['frequencyPenalty', options.frequencyPenalty],
  ] as const) {
    if (value != null) warnings.push({ type: 'unsupported', feature: setting });
  }
  if (options.stopSequences != null && options.stopSequences.length > 0) {
    warnings.push({ type: 'unsupported', feature: 'stopSequences' });
  }

  const converted = convertToAPIFreeInput({
    prompt: options.prompt,
    providerName,
    instructionsOverride: apifree?.instructions ?? undefined,
    store: apifree?.store ?? undefined,
  });
  warnings.push(...converted.warnings);

  const tools = prepareTools({ tools: options.tools, toolChoice: options.toolChoice });
  warnings.push(...tools.warnings);

  const reasoningEffort: ReasoningEffort | undefined =
    apifree?.reasoningEffort ??
    (options.reasoning === undefined || options.reasoning === 'provider-default'
      ? undefined
      : (mapReasoningToProviderEffort({
          reasoning: options.reasoning,
          effortMap: EFFORT_BY_REASONING,
          warnings,
        }) as ReasoningEffort | undefined));

  const { body, warnings: coreWarnings } = buildCoreRequestBody({
    model: modelId,
    input: converted.input,
    instructions: converted.instructions,
    maxOutputTokens: options.maxOutputTokens,
    temperature: options.temperature ?? undefined,
    topP: options.topP ?? undefined,
    tools: tools.tools,
    toolChoice: tools.toolChoice,
    output: outputFormat(options.responseFormat, apifree?.strictJsonSchema ?? true),
    textVerbosity: apifree?.textVerbosity ?? undefined,
    reasoningEffort,
    reasoningSummary: apifree?.reasoningSummary ?? undefined,
    metadata: apifree?.metadata ?? undefined,
    previousResponseId: apifree?.previousResponseId ?? undefined,
    store: apifree?.store ?? undefined,
    parallelToolCalls: apifree?.parallelToolCalls ?? undefined,
    user: apifree?.user ?? undefined,
    safetyIdentifier: apifree?.safetyIdentifier ?? undefined,
    include: apifree?.include ?? undefined,
    serviceTier: apifree?.serviceTier ?? undefined,
    promptCacheKey: apifree?.promptCacheKey ?? undefined,
    maxToolCalls: apifree?.maxToolCalls ?? undefined,
    truncation: apifree?.truncation ?? undefined,
  });
  for (const warning of coreWarnings) {
    warnings.push({ type: 'unsupported', feature: warning.setting, details: warning.message });
  }
  return { body, warnings };
}

function outputFormat(
  format: LanguageModelV4CallOptions['responseFormat'],
  strict: boolean,
): OutputFormat | undefined {
  if (format?.type !== 'json') return undefined;
  if (format.schema === undefined) return { type: 'json' };
  return {
    type: 'json-schema',
    name: format.name ?? 'response',
    schema: format.schema as Record<string, unknown>,
    strict,
    description: format.description,
  };
}
