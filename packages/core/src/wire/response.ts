import type { FunctionTool, ReasoningConfig, TextFormat, Tool, ToolChoice } from './request';

/** A citation or link attached to output text. Shapes vary by tool; unknown ones pass through. */
export type Annotation =
  | { type: 'url_citation'; url: string; title: string; start_index: number; end_index: number }
  | { type: 'file_citation'; file_id: string; filename?: string; index: number }
  | {
      type: 'container_file_citation';
      container_id: string;
      file_id: string;
      filename?: string;
      start_index: number;
      end_index: number;
    }
  | { type: 'file_path'; file_id: string; index: number }
  | { type: string; [key: string]: unknown };

export interface Logprob {
  token: string;
  logprob: number;
  bytes?: number[];
  top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] }>;
}

/** Text the model produced. */
export interface OutputTextContent {
  type: 'output_text';
  text: string;
  annotations: Annotation[];
  logprobs?: Logprob[];
}

/** The model declined to answer. */
export interface RefusalContent {
  type: 'refusal';
  refusal: string;
}

export type OutputMessageContent = OutputTextContent | RefusalContent;

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** An assistant message. */
export interface OutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: ItemStatus;
  content: OutputMessageContent[];
  phase?: string | null;
}

/** A function call the model asks the caller to run. */
export interface FunctionCallOutput {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  /** The arguments as a JSON string; may be `""` for a parameterless tool. */
  arguments: string;
  status?: ItemStatus;
}

export interface ReasoningSummaryText {
  type: 'summary_text';
  text: string;
}

export interface ReasoningTextContent {
  type: 'reasoning_text';
  text: string;
}

/** The model's reasoning: summaries, raw reasoning text, or an encrypted blob to replay. */
export interface ReasoningOutput {
  type: 'reasoning';
  id: string;
  summary: ReasoningSummaryText[];
  content?: ReasoningTextContent[];
  encrypted_content?: string | null;
  status?: ItemStatus;
}

/** An item of a type this package does not model (built-in tools, …): passed through unchanged. */
export interface UnknownOutputItem {
  type: string;
  id?: string;
  [key: string]: unknown;
}

export type OutputItem = OutputMessage | FunctionCallOutput | ReasoningOutput;

export type ResponseStatus =
  | 'completed'
  | 'incomplete'
  | 'failed'
  | 'in_progress'
  | 'queued'
  | 'cancelled';

export interface ResponseUsage {
  input_tokens: number;
  /** May be missing on some servers. */
  input_tokens_details?: {
    cached_tokens?: number;
    /** Tokens written to the prompt cache, on servers that report them. */
    cache_write_tokens?: number;
    [key: string]: unknown;
  } | null;
  output_tokens: number;
  /** May be missing on some servers. */
  output_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown } | null;
  total_tokens: number;
}

/** The error a failed response carries. */
export interface ResponseError {
  code: string | null;
  message: string;
  [key: string]: unknown;
}

/** The response object: the body of a non-streaming call and the `response` of `response.*` events. */
export interface Response {
  id: string;
  object: 'response';
  created_at: number;
  completed_at?: number | null;
  status: ResponseStatus;
  model: string;
  /**
   * Output items. Typed as the items this package models so `item.type` narrows; items
   * of other types (built-in tools, …) arrive unchanged at runtime (see `UnknownOutputItem`).
   */
  output: OutputItem[];
  usage: ResponseUsage | null;
  error: ResponseError | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' | (string & {}) } | null;
  instructions: string | unknown[] | null;
  metadata: Record<string, string> | null;
  tools: Array<FunctionTool | Tool>;
  tool_choice: ToolChoice;
  temperature: number | null;
  top_p: number | null;
  parallel_tool_calls: boolean;
  max_output_tokens?: number | null;
  max_tool_calls?: number | null;
  previous_response_id?: string | null;
  reasoning?: ReasoningConfig | null;
  text?: { format?: TextFormat; verbosity?: string | null };
  truncation?: 'auto' | 'disabled' | null;
  store?: boolean;
  background?: boolean | null;
  service_tier?: string | null;
  user?: string | null;
  safety_identifier?: string | null;
  prompt_cache_key?: string | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  top_logprobs?: number | null;
  [key: string]: unknown;
}
