// Names the browser tab after the page, so tabs, history and screen readers say where the user is.
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function useDocumentTitle(page: string | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
