import { FormattedText } from './formatted-text';

export function Reasoning({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details className="reasoning" data-testid="reasoning">
      <summary>{streaming ? 'Thinking…' : 'Reasoning'}</summary>
      <p>
        {text === '' ? (
          'The model reasoned without sharing a summary.'
        ) : (
          <FormattedText text={text} />
        )}
      </p>
    </details>
  );
}
