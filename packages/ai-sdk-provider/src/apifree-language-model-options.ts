import { z } from 'zod/v4';

/**
 * The schema of `providerOptions.apifree`: Responses request fields the AI SDK's
 * common call settings do not cover. Unknown keys are rejected so a typo fails loudly
 * instead of being ignored.
 */
export const apifreeLanguageModelOptionsSchema = z
  .object({
    /** Replaces the system messages as the request's `instructions`. */
    instructions: z.string().nullish(),
    /** Up to 16 string key/value pairs stored with the response. */
    metadata: z.record(z.string(), z.string()).nullish(),
    /** Continue from a stored response instead of resending the conversation. */
    previousResponseId: z.string().nullish(),
    /** Whether the server stores the response (needed for `previousResponseId`). */
    store: z.boolean().nullish(),
    /** Whether the model may call several tools in one turn. */
    parallelToolCalls: z.boolean().nullish(),
    /** An end-user identifier for abuse monitoring. */
    user: z.string().nullish(),
    /** A stable, hashed end-user identifier for safety monitoring. */
    safetyIdentifier: z.string().nullish(),
    /** Reasoning effort; overrides the call's `reasoning` setting. */
    reasoningEffort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
    /** Ask reasoning models for a summary of their reasoning, streamed as reasoning parts. */
    reasoningSummary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    /** How long the text answer should be. */
    textVerbosity: z.enum(['low', 'medium', 'high']).nullish(),
    /** Send JSON schemas with `strict: true` (default `true`); set `false` for schemas strict mode rejects. */
    strictJsonSchema: z.boolean().nullish(),
    /** Extra output to include, e.g. `reasoning.encrypted_content`. */
    include: z.array(z.string()).nullish(),
    /** Processing tier. */
    serviceTier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).nullish(),
    /** A key that groups requests sharing a prompt prefix, to improve cache hits. */
    promptCacheKey: z.string().nullish(),
    /** Most built-in tool calls the model may make in one response. */
    maxToolCalls: z.number().int().positive().nullish(),
    /** `auto` drops old input items when the context window overflows. */
    truncation: z.enum(['auto', 'disabled']).nullish(),
  })
  .strict();

/**
 * Options for `providerOptions.apifree`.
 *
 * @example
 * await generateText({
 *   model: apifree('gpt-5-mini'),
 *   prompt: 'Why is the sky blue?',
 *   providerOptions: {
 *     apifree: { reasoningSummary: 'auto', store: false } satisfies APIFreeLanguageModelOptions,
 *   },
 * });
 */
export type APIFreeLanguageModelOptions = z.input<typeof apifreeLanguageModelOptionsSchema>;
