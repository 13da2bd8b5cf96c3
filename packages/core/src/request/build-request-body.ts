import { isReasoningModel } from '../wire/models';
import type {
  InputItem,
  ReasoningConfig,
  ReasoningEffort,
  ReasoningSummary,
  ResponseCreateParamsNonStreaming,
  TextFormat,
  Tool,
  ToolChoice,
} from '../wire/request';
import { type FunctionDefinition, functionTool } from './function-tool';

/** The answer's format: free text, any JSON object, or JSON matching a schema. */
export type OutputFormat =
  | { type: 'text' }
  | { type: 'json' }
  | {
      type: 'json-schema';
      /** A name for the schema (`[a-zA-Z0-9_-]`), e.g. `person`. */
      name: string;
      schema: Record<string, unknown>;
      description?: string | undefined;
      /** Strict mode: the model must follow the schema exactly (which strict mode must accept). */
      strict?: boolean | undefined;
    };

/** What an adapter asks for, in Responses terms but framework-neutral. */
export interface RequestSettings {
  model: string;
  /** The conversation, converted by the adapter. */
  input: string | InputItem[];
  instructions?: string | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  maxOutputTokens?: number | undefined;
  /** Function definitions become `function` tools; other tools (built-in) are sent as given. */
  tools?: Array<FunctionDefinition | Tool> | undefined;
  toolChoice?: ToolChoice | undefined;
  parallelToolCalls?: boolean | undefined;
  output?: OutputFormat | undefined;
  textVerbosity?: 'low' | 'medium' | 'high' | undefined;
  reasoningEffort?: ReasoningEffort | undefined;
  reasoningSummary?: ReasoningSummary | undefined;
  store?: boolean | undefined;
  include?: string[] | undefined;
  metadata?: Record<string, string> | undefined;
  previousResponseId?: string | undefined;
  promptCacheKey?: string | undefined;
  serviceTier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | undefined;
  user?: string | undefined;
  safetyIdentifier?: string | undefined;
  truncation?: 'auto' | 'disabled' | undefined;
  maxToolCalls?: number | undefined;
  /** More body fields, sent as given; the settings above win over them. */
  extra?: Record<string, unknown> | undefined;
}

/** A setting that was not sent as asked, and why: adapters report it the way their framework does. */
export interface RequestWarning {
  /** The setting, in `RequestSettings` terms (`temperature`, `reasoningEffort`, …). */
  setting: string;
  message: string;
}

/** The include entry that returns reasoning in a form that can be replayed without storage. */
const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

function isFunctionDefinition(tool: FunctionDefinition | Tool): tool is FunctionDefinition {
  const type = (tool as { type?: unknown }).type;
  return type === undefined || type === 'function';
}

/**
 * The body of `POST /v1/responses` for an adapter's request: the one place that knows
 * what a model accepts. Reasoning models (the gpt-5 family, o-series; see
 * `isReasoningModel`) are sent no `temperature` or `top_p`, which they reject, and other
 * models no reasoning settings; each dropped setting comes back as a warning. With
 * `store: false`, a reasoning model's encrypted reasoning is included so the next turn can
 * replay it. Function tools get a parameters schema even without arguments.
 *
 * @example
 * const { body, warnings } = buildRequestBody({ model: 'gpt-5-mini', input: 'Hi', temperature: 0.2 });
 * // body: { model: 'gpt-5-mini', input: 'Hi' }
 * // warnings: [{ setting: 'temperature', message: 'temperature is not supported by reasoning model gpt-5-mini and was not sent.' }]
 */
export function buildRequestBody(settings: RequestSettings): {
  body: ResponseCreateParamsNonStreaming;
  warnings: RequestWarning[];
} {
  const warnings: RequestWarning[] = [];
  const reasoningModel = isReasoningModel(settings.model);
  const drop = (setting: string, reason: string) =>
    warnings.push({ setting, message: `${setting} ${reason} and was not sent.` });

  const sampling: Record<string, number> = {};
  for (const [setting, field, value] of [
    ['temperature', 'temperature', settings.temperature],
    ['topP', 'top_p', settings.topP],
  ] as const) {
    if (value === undefined) continue;
    if (reasoningModel) drop(setting, `is not supported by reasoning model ${settings.model}`);
    else sampling[field] = value;
  }

  const reasoning: ReasoningConfig = {};
  for (const [setting, field, value] of [
    ['reasoningEffort', 'effort', settings.reasoningEffort],
    ['reasoningSummary', 'summary', settings.reasoningSummary],
  ] as const) {
    if (value === undefined) continue;
    if (reasoningModel) (reasoning as Record<string, string>)[field] = value;
    else drop(setting, `applies to reasoning models only; ${settings.model} is not one`);
  }

  const include =
    settings.store === false && reasoningModel
      ? [...new Set([...(settings.include ?? []), ENCRYPTED_REASONING])]
      : settings.include;

  const format = textFormat(settings.output);
  const text = {
    ...(format !== undefined && { format }),
    ...(settings.textVerbosity !== undefined && { verbosity: settings.textVerbosity }),
  };

  const tools = settings.tools?.map((tool) =>
    isFunctionDefinition(tool) ? functionTool(tool) : tool,
  );

  const body: ResponseCreateParamsNonStreaming = {
    ...settings.extra,
    model: settings.model,
    input: settings.input,
    ...(settings.instructions !== undefined && { instructions: settings.instructions }),
    ...(settings.maxOutputTokens !== undefined && { max_output_tokens: settings.maxOutputTokens }),
    ...sampling,
    ...(tools !== undefined && tools.length > 0 && { tools }),
    ...(settings.toolChoice !== undefined && { tool_choice: settings.toolChoice }),
    ...(settings.parallelToolCalls !== undefined && {
      parallel_tool_calls: settings.parallelToolCalls,
    }),
    ...(Object.keys(reasoning).length > 0 && { reasoning }),
    ...(Object.keys(text).length > 0 && { text }),
    ...(settings.metadata !== undefined && { metadata: settings.metadata }),
    ...(settings.previousResponseId !== undefined && {
      previous_response_id: settings.previousResponseId,
    }),
    ...(settings.store !== undefined && { store: settings.store }),
    ...(include !== undefined && { include }),
    ...(settings.user !== undefined && { user: settings.user }),
    ...(settings.safetyIdentifier !== undefined && {
      safety_identifier: settings.safetyIdentifier,
    }),
    ...(settings.serviceTier !== undefined && { service_tier: settings.serviceTier }),
    ...(settings.promptCacheKey !== undefined && { prompt_cache_key: settings.promptCacheKey }),
    ...(settings.maxToolCalls !== undefined && { max_tool_calls: settings.maxToolCalls }),
    ...(settings.truncation !== undefined && { truncation: settings.truncation }),
  };
  return { body, warnings };
}

function textFormat(output: OutputFormat | undefined): TextFormat | undefined {
  switch (output?.type) {
    case undefined:
    case 'text':
      return undefined;
    case 'json':
      return { type: 'json_object' };
    case 'json-schema': {
      const { $schema: _dialect, ...schema } = output.schema;
      return {
        type: 'json_schema',
        name: output.name,
        schema,
        ...(output.strict !== undefined && { strict: output.strict }),
        ...(output.description !== undefined && { description: output.description }),
      };
    }
  }
}
