export { realClock, type SimulatorClock } from './clock';
export {
  FAULT_NAMES,
  type FaultMixOptions,
  type FaultName,
  type FaultSpec,
  isFaultName,
  parseFaultHeader,
} from './faults';
export { maskApiKey } from './http/api-error';
export type { RecordedRequest } from './http/handler-state';
export { validateRequest } from './http/validate-request';
export type { Pace } from './http/write-frames';
export { type GeneratedReasoning, generateReasoning } from './model/generate-reasoning';
export { generateText } from './model/generate-text';
export { type ModelCatalogue, modelCatalogue, type SimulatedModel } from './model/model-catalogue';
export { type PlannedToolCall, planToolCalls, type ToolPlanInput } from './model/plan-tool-calls';
export { type Conversation, readConversation, type ToolResult } from './model/read-conversation';
export { type JsonSchema, type ValueSource, valueForSchema } from './model/schema-value';
export { countTokens, splitTokens } from './model/tokenize';
export type { BodyLine } from './recording/body-line';
export {
  formatExchange,
  parseExchange,
  type RecordedExchange,
} from './recording/recorded-exchange';
export { createRedactor, type Redactor } from './recording/redactor';
export { type KeyedRequest, normaliseRequest, requestKey } from './recording/request-key';
export {
  exchangeRecording,
  findRecording,
  frameChunks,
  loadRecording,
  type Recording,
} from './replay';
export {
  DEFAULT_UPSTREAM,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './start-simulator';
export {
  PLACEHOLDER_API_KEY,
  startTestSimulator,
  type TestSimulator,
  type TestSimulatorOptions,
} from './testing/start-test-simulator';
