import { Fragment } from 'react';

// Models mark emphasis and code even in plain answers; showing the asterisks reads badly.
const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`)/;

/** Text with `**bold**` and `` `code` `` rendered; everything else as written. */
export function FormattedText({ text }: { text: string }) {
  return text.split(INLINE).map((piece, index) => {
    const key = `${index}-${piece.length}`;
    if (piece.startsWith('**') && piece.endsWith('**') && piece.length > 4) {
      return <strong key={key}>{piece.slice(2, -2)}</strong>;
    }
    if (piece.startsWith('`') && piece.endsWith('`') && piece.length > 2) {
      return <code key={key}>{piece.slice(1, -1)}</code>;
    }
    return <Fragment key={key}>{piece}</Fragment>;
  });
}
