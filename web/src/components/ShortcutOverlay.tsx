// Keyboard shortcuts: `?` opens this help (a modal dialog: Esc closes, focus stays inside and returns
// where it was); `g` then a room's key goes to that room. Ignored while typing in a field.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { ROOMS } from '../rooms.ts';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Keeps Tab and Shift+Tab cycling inside the dialog. */
function trapTab(e: KeyboardEvent, container: HTMLElement | null) {
  const focusable = [
    ...(container?.querySelectorAll<HTMLElement>('button, [href], input, select, [tabindex]') ?? []),
  ];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) {
    return;
  }
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  } else if (!container?.contains(document.activeElement)) {
    e.preventDefault();
    first.focus();
  }
}

export function ShortcutOverlay() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const pendingG = useRef(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open) {
        if (e.key === 'Escape') {
          e.preventDefault();
          setOpen(false);
        } else if (e.key === 'Tab') {
          trapTab(e, dialog.current);
        }
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) {
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setOpen(true);
      } else if (pendingG.current) {
        pendingG.current = false;
        const room = ROOMS.find((r) => r.key === e.key);
        if (room) {
          void navigate(room.path);
        } else if (e.key === 'a') {
          void navigate('/account');
        }
      } else if (e.key === 'g') {
        pendingG.current = true;
        setTimeout(() => (pendingG.current = false), 1500);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, navigate]);

  useEffect(() => {
    if (open) {
      dialog.current?.querySelector<HTMLElement>('button')?.focus();
    } else {
      returnFocus.current?.focus();
    }
  }, [open]);

  if (!open) {
    return null;
  }
  return (
    <div className="overlay" onClick={() => setOpen(false)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        ref={dialog}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <table className="shortcuts">
          <tbody>
            <tr>
              <td>
                <kbd>?</kbd>
              </td>
              <td>{t('shortcuts.help')}</td>
            </tr>
            {ROOMS.map((r) => (
              <tr key={r.id}>
                <td>
                  <kbd>g</kbd> <kbd>{r.key}</kbd>
                </td>
                <td>{t('shortcuts.goto', { room: t(r.title) })}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>g</kbd> <kbd>a</kbd>
              </td>
              <td>{t('shortcuts.goto', { room: t('menu.account') })}</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>{t('shortcuts.close')}</td>
            </tr>
          </tbody>
        </table>
        <button type="button" onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
