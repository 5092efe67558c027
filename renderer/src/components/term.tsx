// A metric name with its definition on hover or keyboard focus, from the one glossary in
// src-shared (the report prints the same text). Used in table headers and view titles.
import type { ReactNode } from 'react';
import type { GlossaryTerm } from '../../../src-shared/analysis/glossary';
import { glossary } from '../../../src-shared/analysis/glossary';

export function Term({ term, children, align = 'left' }: { term: GlossaryTerm; children?: ReactNode; align?: 'left' | 'right' }) {
  const entry = glossary[term];
  return (
    <span className={`term${align === 'right' ? ' tip-right' : ''}`} tabIndex={0} data-term={term}>
      {children ?? entry.term}
      <span className="term-tip" role="tooltip">
        <strong>{entry.term}</strong>: {entry.definition}
      </span>
    </span>
  );
}
