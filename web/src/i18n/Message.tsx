// A translated message with React nodes in its placeholders, e.g. a name isolated in <bdi> so an
// organisation called "[Demo] CERT-FR" keeps its shape inside an Arabic sentence.
import { Fragment, type ReactNode } from 'react';
import { useI18n, type MessageKey } from './i18n.tsx';

export function Message({ id, values }: { id: MessageKey; values: Record<string, ReactNode> }) {
  const { t } = useI18n();
  // With no params, t() leaves every {placeholder} in place; split keeps names at odd indices.
  const parts = t(id).split(/\{(\w+)\}/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? <Fragment key={i}>{values[part] ?? `{${part}}`}</Fragment> : part,
      )}
    </>
  );
}
