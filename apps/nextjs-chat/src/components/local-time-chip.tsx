import type { UIToolInvocation } from 'ai';
import type { chatTools } from '../lib/chat-tools';

type LocalTimeInvocation = UIToolInvocation<(typeof chatTools)['getLocalTime']>;

export function LocalTimeChip({ invocation }: { invocation: LocalTimeInvocation }) {
  if (invocation.state === 'output-available') {
    const { city, time, timeZone } = invocation.output;
    return (
      <div className="tool-chip" data-testid="local-time">
        {city}: <strong>{time}</strong> <span className="muted">({timeZone})</span>
      </div>
    );
  }
  if (invocation.state === 'output-error') {
    return <div className="tool-chip tool-card-error">{invocation.errorText}</div>;
  }
  return (
    <div className="tool-chip tool-card-pending" aria-busy="true">
      Looking up the time{invocation.input?.city ? ` in ${invocation.input.city}` : ''}…
    </div>
  );
}
