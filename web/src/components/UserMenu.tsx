// The user menu in the top bar: a disclosure button (not an ARIA menu: it holds ordinary links and a
// button, reached with Tab). Escape, a click outside or choosing an item closes it.
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export function UserMenu() {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) {
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (!me) {
    return null;
  }
  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={id}
        data-testid="user-menu"
        onClick={() => setOpen(!open)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.displayName)}
        </span>
        <span className="visually-hidden">{t('menu.user')}: </span>
        <bdi className="user-name">{me.displayName}</bdi>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12" className="chevron">
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      <div className="menu" id={id} hidden={!open}>
        <p className="menu-who">
          <bdi dir="ltr">{me.email}</bdi>
        </p>
        <ul>
          <li>
            <Link to="/account" onClick={() => setOpen(false)}>
              {t('menu.account')}
            </Link>
          </li>
          <li>
            <Link to="/account/password" onClick={() => setOpen(false)}>
              {t('account.changePassword')}
            </Link>
          </li>
          <li>
            <button type="button" onClick={() => void logout()}>
              {t('menu.logout')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((p) => [...(p ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}
