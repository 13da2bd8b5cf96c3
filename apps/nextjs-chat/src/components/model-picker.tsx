import { CHAT_MODEL_IDS, type ChatModelId, isChatModelId, thinksFirst } from '../lib/chat-models';

const REASONING_MODELS = CHAT_MODEL_IDS.filter(thinksFirst);
const FAST_MODELS = CHAT_MODEL_IDS.filter((modelId) => !thinksFirst(modelId));

export function ModelPicker({
  value,
  onChange,
  disabled,
}: {
  value: ChatModelId;
  onChange: (modelId: ChatModelId) => void;
  disabled: boolean;
}) {
  return (
    <label className="model-picker">
      <span>Model</span>
      <select
        value={value}
        disabled={disabled}
        onChange={(event) => {
          if (isChatModelId(event.target.value)) onChange(event.target.value);
        }}
      >
        <optgroup label="Fast">
          {FAST_MODELS.map((modelId) => (
            <option key={modelId} value={modelId}>
              {modelId}
            </option>
          ))}
        </optgroup>
        <optgroup label="Reasoning (shows its thinking)">
          {REASONING_MODELS.map((modelId) => (
            <option key={modelId} value={modelId}>
              {modelId}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
