export { startSimulator, type Simulator, type SimulatorOptions } from './start-simulator';
export type { RecordedRequest } from './http/handle-request';
export type { Pace } from './http/write-frames';
export { maskApiKey } from './http/api-error';
export { validateRequest } from './http/validate-request';
export {
  FAULT_NAMES,
  type FaultMixOptions,
  type FaultName,
  type FaultSpec,
  isFaultName,
  parseFaultHeader,
} from './faults';
export { findRecording, frameChunks, loadRecording, type Recording } from './replay';
export { generateText } from './model/generate-text';
export { generateReasoning, type GeneratedReasoning } from './model/generate-reasoning';
export { planToolCalls, type PlannedToolCall, type ToolPlanInput } from './model/plan-tool-calls';
export { type JsonSchema, type ValueSource, valueForSchema } from './model/schema-value';
export { countTokens, splitTokens } from './model/tokenize';
export { type Conversation, readConversation, type ToolResult } from './model/read-conversation';
