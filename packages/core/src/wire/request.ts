import type { ModelId } from './models';

/** A message's text part sent by the user, system or developer. */
export interface InputTextPart {
  type: 'input_text';
  text: string;
}

/** An image sent to the model: a URL (https or `data:`) or an uploaded file id. */
export interface InputImagePart {
  type: 'input_image';
  image_url?: string;
  file_id?: string;
  detail?: 'low' | 'high' | 'auto';
}

/** A file (e.g. a PDF) sent to the model by URL, id or base64 `data:` URL. */
export interface InputFilePart {
  type: 'input_file';
  file_url?: string;
  file_id?: string;
  file_data?: string;
  filename?: string;
}

/** Assistant text replayed in a conversation. */
export interface OutputTextInputPart {
  type: 'output_text';
  text: string;
  annotations?: unknown[];
}

/** An assistant refusal replayed in a conversation. */
export interface RefusalInputPart {
  type: 'refusal';
  refusal: string;
}

export type InputContentPart =
  | InputTextPart
  | InputImagePart
  | InputFilePart
  | OutputTextInputPart
  | RefusalInputPart;

/** A message in `input`. Always send `type: "message"`: strict servers reject items without it. */
export interface InputMessageItem {
  type: 'message';
  role: 'user' | 'system' | 'developer' | 'assistant';
  content: string | InputContentPart[];
  id?: string;
  status?: 'in_progress' | 'completed' | 'incomplete';
}

/** A function call the model made, replayed in a conversation. */
export interface FunctionCallInputItem {
  type: 'function_call';
  call_id: string;
  name: string;
  /** The arguments as a JSON string. */
  arguments: string;
  id?: string;
  status?: 'in_progress' | 'completed' | 'incomplete';
}

/** The result of a function call, sent back to the model. */
export interface FunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: string | Array<InputTextPart | InputImagePart | InputFilePart>;
  id?: string;
}

/** A reasoning item replayed in a conversation (multi-turn reasoning). */
export interface ReasoningInputItem {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  encrypted_content?: string | null;
  content?: Array<{ type: 'reasoning_text'; text: string }>;
}

/** A reference to an item stored on the server. */
export interface ItemReference {
  type: 'item_reference';
  id: string;
}

export type InputItem =
  | InputMessageItem
  | FunctionCallInputItem
  | FunctionCallOutputItem
  | ReasoningInputItem
  | ItemReference;

/** A function tool the model may call. `parameters` is a JSON Schema object. */
export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: Record<string, unknown> | null;
  strict?: boolean | null;
}

/** A tool the service runs itself (web search, file search, …): passed through as given. */
export interface BuiltInTool {
  type: string;
  [key: string]: unknown;
}

export type Tool = FunctionTool | BuiltInTool;

export type ToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; name: string }
  | { type: string; [key: string]: unknown };

/** How the text output is formatted. */
export type TextFormat =
  | { type: 'text' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean | null;
      description?: string;
    }
  | { type: 'json_object' };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
export type ReasoningSummary = 'auto' | 'concise' | 'detailed';

export interface ReasoningConfig {
  effort?: ReasoningEffort | null;
  summary?: ReasoningSummary | null;
}

/** The body of `POST /v1/responses`. Unknown fields are sent as given. */
export interface ResponseCreateParamsBase {
  model: ModelId;
  /** A string (one user message) or a list of items. */
  input: string | InputItem[];
  instructions?: string | null;
  temperature?: number | null;
  top_p?: number | null;
  max_output_tokens?: number | null;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean | null;
  metadata?: Record<string, string> | null;
  text?: { format?: TextFormat; verbosity?: 'low' | 'medium' | 'high' | null };
  reasoning?: ReasoningConfig | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  include?: string[] | null;
  truncation?: 'auto' | 'disabled' | null;
  user?: string;
  safety_identifier?: string;
  prompt_cache_key?: string;
  service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
  max_tool_calls?: number | null;
  top_logprobs?: number | null;
  background?: boolean | null;
  [key: string]: unknown;
}

export interface ResponseCreateParamsNonStreaming extends ResponseCreateParamsBase {
  stream?: false | null;
}

export interface ResponseCreateParamsStreaming extends ResponseCreateParamsBase {
  stream: true;
}

export type ResponseCreateParams = ResponseCreateParamsNonStreaming | ResponseCreateParamsStreaming;
