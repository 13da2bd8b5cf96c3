import type { ChatMessage } from '../lib/chat-tools';
import { FormattedText } from './formatted-text';
import { LocalTimeChip } from './local-time-chip';
import { Reasoning } from './reasoning';
import { WeatherCard } from './weather-card';

/** One message: text, reasoning and tool calls, each part as its own element. */
export function Message({ message, stopped }: { message: ChatMessage; stopped: boolean }) {
  return (
    <article className={`message message-${message.role}`} data-role={message.role}>
      {message.parts.map((part, index) => {
        const key = `${message.id}-${index}`;
        switch (part.type) {
          case 'text':
            return (
              <div key={key} className="message-text">
                <FormattedText text={part.text} />
              </div>
            );
          case 'reasoning':
            return <Reasoning key={key} text={part.text} streaming={part.state === 'streaming'} />;
          case 'tool-getWeather':
            return <WeatherCard key={key} invocation={part} />;
          case 'tool-getLocalTime':
            return <LocalTimeChip key={key} invocation={part} />;
          default:
            return null;
        }
      })}
      {stopped && <div className="message-note">Stopped</div>}
    </article>
  );
}
