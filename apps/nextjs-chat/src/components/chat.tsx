'use client';

import { useChat } from '@ai-sdk/react';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type ChatModelId, DEFAULT_CHAT_MODEL } from '../lib/chat-models';
import type { ChatMessage } from '../lib/chat-tools';
import { Message } from './message';
import { ModelPicker } from './model-picker';

const SUGGESTIONS = [
  "What's the weather in Paris?",
  'What time is it in Tokyo?',
  'Explain why streaming makes a chat feel faster',
];

export function Chat({ backend }: { backend: 'simulator' | 'apifree' }) {
  const [model, setModel] = useState<ChatModelId>(DEFAULT_CHAT_MODEL);
  const [input, setInput] = useState('');
  const [stoppedIds, setStoppedIds] = useState<ReadonlySet<string>>(new Set());
  const { messages, sendMessage, regenerate, stop, status, error } = useChat<ChatMessage>({
    onFinish: ({ message, isAbort }) => {
      if (isAbort) setStoppedIds((ids) => new Set(ids).add(message.id));
    },
  });
  const end = useRef<HTMLDivElement>(null);
  const busy = status === 'submitted' || status === 'streaming';

  useEffect(() => {
    if (messages.length > 0) end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  const send = (text: string) => {
    if (text.trim() === '' || busy) return;
    void sendMessage({ text }, { body: { model } });
    setInput('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(input);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send(input);
    }
  };

  return (
    <div className="chat">
      <header className="chat-header">
        <h1>APIFree chat</h1>
        <span className={`badge badge-${backend}`}>
          {backend === 'simulator' ? 'Local simulator' : 'APIFree'}
        </span>
        <ModelPicker value={model} onChange={setModel} disabled={busy} />
      </header>

      <main className="chat-log" aria-live="polite">
        {messages.length === 0 && (
          <div className="empty">
            <p>Ask anything. Try a tool:</p>
            <div className="suggestions">
              {SUGGESTIONS.map((suggestion) => (
                <button key={suggestion} type="button" onClick={() => send(suggestion)}>
                  {suggestion}
                </button>
              ))}
            </div>
            <p className="muted">Pick a gpt-5 model to see its reasoning.</p>
          </div>
        )}
        {messages.map((message) => (
          <Message key={message.id} message={message} stopped={stoppedIds.has(message.id)} />
        ))}
        {status === 'submitted' && (
          <div
            className="message message-assistant pending"
            role="status"
            aria-label="Waiting for the answer"
          >
            <span className="dot" />
            <span className="dot" />
            <span className="dot" />
          </div>
        )}
        {error !== undefined && (
          <div className="chat-error" role="alert">
            <span>{error.message}</span>
            <button type="button" onClick={() => void regenerate({ body: { model } })}>
              Retry
            </button>
          </div>
        )}
        <div ref={end} />
      </main>

      <form className="composer" onSubmit={onSubmit}>
        <textarea
          aria-label="Message"
          placeholder="Message the model…"
          rows={1}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {busy ? (
          <button type="button" className="stop" onClick={() => void stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" disabled={input.trim() === ''}>
            Send
          </button>
        )}
      </form>
    </div>
  );
}
