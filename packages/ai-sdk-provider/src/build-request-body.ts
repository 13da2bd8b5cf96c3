import {
  InvalidArgumentError,
  type LanguageModelV4CallOptions,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { mapReasoningToProviderEffort, parseProviderOptions } from '@ai-sdk/provider-utils';
import {
  isReasoningModel,
  type ReasoningConfig,
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
 * Builds the `POST /responses` body for an AI SDK call. Settings the Responses API
 * lacks are not sent and are reported as warnings, never silently dropped.
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
  const reasoningModel = isReasoningModel(modelId);

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
  if (reasoningModel) {
    for (const [setting, value] of [
      ['temperature', options.temperature],
      ['topP', options.topP],
    ] as const) {
      if (value != null) {
        warnings.push({
          type: 'unsupported',
          feature: setting,
          details: `${setting} is not supported by reasoning model ${modelId} and was not sent.`,
        });
      }
    }
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

  let effort: ReasoningEffort | undefined;
  if (apifree?.reasoningEffort != null) {
    effort = apifree.reasoningEffort;
  } else if (reasoningModel) {
    effort = mapReasoningToProviderEffort({
      reasoning: options.reasoning,
      effortMap: EFFORT_BY_REASONING,
      warnings,
    });
  } else if (options.reasoning !== undefined && options.reasoning !== 'provider-default') {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning',
      details: `${modelId} is not a reasoning model; the reasoning setting was not sent.`,
    });
  }
  const reasoning: ReasoningConfig = {
    ...(effort !== undefined && { effort }),
    ...(apifree?.reasoningSummary != null && { summary: apifree.reasoningSummary }),
  };

  const format = options.responseFormat;
  const text = {
    ...(format?.type === 'json' && {
      format:
        format.schema === undefined
          ? ({ type: 'json_object' } as const)
          : {
              type: 'json_schema' as const,
              name: format.name ?? 'response',
              schema: format.schema as Record<string, unknown>,
              strict: apifree?.strictJsonSchema ?? true,
              ...(format.description !== undefined && { description: format.description }),
            },
    }),
    ...(apifree?.textVerbosity != null && { verbosity: apifree.textVerbosity }),
  };

  // Replaying reasoning without server-side storage needs the encrypted reasoning.
  const include =
    apifree?.store === false && reasoningModel
      ? [...new Set([...(apifree.include ?? []), 'reasoning.encrypted_content'])]
      : apifree?.include;

  const body: ResponseCreateParamsNonStreaming = {
    model: modelId,
    input: converted.input,
    ...(converted.instructions !== undefined && { instructions: converted.instructions }),
    ...(options.maxOutputTokens !== undefined && { max_output_tokens: options.maxOutputTokens }),
    ...(!reasoningModel && options.temperature != null && { temperature: options.temperature }),
    ...(!reasoningModel && options.topP != null && { top_p: options.topP }),
    ...(tools.tools !== undefined && { tools: tools.tools }),
    ...(tools.toolChoice !== undefined && { tool_choice: tools.toolChoice }),
    ...(Object.keys(reasoning).length > 0 && { reasoning }),
    ...(Object.keys(text).length > 0 && { text }),
    ...(apifree?.metadata != null && { metadata: apifree.metadata }),
    ...(apifree?.previousResponseId != null && {
      previous_response_id: apifree.previousResponseId,
    }),
    ...(apifree?.store != null && { store: apifree.store }),
    ...(apifree?.parallelToolCalls != null && { parallel_tool_calls: apifree.parallelToolCalls }),
    ...(apifree?.user != null && { user: apifree.user }),
    ...(apifree?.safetyIdentifier != null && { safety_identifier: apifree.safetyIdentifier }),
    ...(include != null && { include }),
    ...(apifree?.serviceTier != null && { service_tier: apifree.serviceTier }),
    ...(apifree?.promptCacheKey != null && { prompt_cache_key: apifree.promptCacheKey }),
    ...(apifree?.maxToolCalls != null && { max_tool_calls: apifree.maxToolCalls }),
    ...(apifree?.truncation != null && { truncation: apifree.truncation }),
  };

  return { body, warnings };
}
