import { APIFreeConfigurationError, numberProblem } from '@apifree/core';
import type { ChatAPIFreeInput } from './call-options';

/** Checks the constructor's fields up front, so a bad value fails here with a typed error naming it. */
export function checkFields(fields: ChatAPIFreeInput): ChatAPIFreeInput {
  const fail = (argument: string, problem: string): never => {
    throw new APIFreeConfigurationError(argument, `new ChatAPIFree(fields): ${problem}`);
  };
  if (typeof fields !== 'object' || fields === null) {
    fail('fields', 'pass an object such as { model: "gpt-4.1-mini" }.');
  }
  if (typeof fields.model !== 'string' || fields.model.trim() === '') {
    fail('model', 'model must be a non-empty string, e.g. "gpt-4.1-mini".');
  }
  const numbers: Array<[keyof ChatAPIFreeInput, number, number, boolean]> = [
    ['temperature', 0, 2, false],
    ['topP', 0, 1, false],
    ['maxTokens', 1, Number.MAX_SAFE_INTEGER, true],
    ['maxRetries', 0, 100, true],
    ['timeout', 1, 2_147_483_647, false],
    ['streamIdleTimeout', 1, 2_147_483_647, false],
    ['maxResponseSize', 1, Number.MAX_SAFE_INTEGER, true],
    ['maxEventSize', 1, Number.MAX_SAFE_INTEGER, true],
  ];
  for (const [name, min, max, integer] of numbers) {
    const value = fields[name];
    const problem = value === undefined ? undefined : numberProblem(name, value, min, max, integer);
    if (problem) fail(name, `${problem}.`);
  }
  const objects = {
    modelKwargs: 'extra request body fields',
    requestMetadata: "the request's metadata, string values",
    reasoning: 'e.g. { effort: "low" }',
    headers: 'header names to strings',
  } as const;
  for (const [name, what] of Object.entries(objects) as Array<[keyof typeof objects, string]>) {
    const value = fields[name];
    if (
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      fail(name, `${name} must be an object (${what}).`);
    }
  }
  return fields;
}
