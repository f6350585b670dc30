// Errors of one form: checks made in the browser and the server's answer, worded at render time so a
// language switch re-translates them, split into per-field messages and one message for the form.
import { useCallback, useState } from 'react';
import { describeError, describeFieldErrors } from '../api/error-text.ts';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';

export type LocalErrors<F extends string> = Partial<Record<F, MessageKey>>;
type State<F extends string> = { server?: unknown; local: LocalErrors<F> };

export type FormErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  form: string | undefined;
  /** Shows the browser's own checks; returns true when there were none. */
  check: (local: LocalErrors<F>, form?: HTMLFormElement | null) => boolean;
  /** Shows the server's answer; with the form, focus moves to the first field it faults. */
  fail: (error: unknown, form?: HTMLFormElement | null) => void;
  clear: () => void;
};

// After React has rendered the messages, take the user to the first field that needs attention.
const focusFirstInvalid = (form: HTMLFormElement | null | undefined) =>
  setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

export function useFormErrors<F extends string>(fieldNames: readonly F[]): FormErrors<F> {
  const { t, language } = useI18n();
  const [state, setState] = useState<State<F>>({ local: {} });
  const check = useCallback((local: LocalErrors<F>, form?: HTMLFormElement | null) => {
    const ok = Object.values(local).every((v) => v === undefined);
    setState({ local: ok ? {} : local });
    if (!ok) {
      focusFirstInvalid(form);
    }
    return ok;
  }, []);
  const fail = useCallback((server: unknown, form?: HTMLFormElement | null) => {
    setState({ server, local: {} });
    focusFirstInvalid(form);
  }, []);
  const clear = useCallback(() => setState({ local: {} }), []);

  const fields: Partial<Record<F, string>> = {};
  for (const [field, key] of Object.entries(state.local) as [F, MessageKey | undefined][]) {
    if (key) {
      fields[field] = t(key);
    }
  }
  let form: string | undefined;
  if (state.server !== undefined) {
    const unplaced: string[] = [];
    for (const [field, message] of Object.entries(describeFieldErrors(state.server, t, language))) {
      if ((fieldNames as readonly string[]).includes(field)) {
        fields[field as F] = message;
      } else {
        unplaced.push(field ? `${field}: ${message}` : message);
      }
    }
    const placed = Object.keys(fields).length > 0;
    form = unplaced.length
      ? unplaced.join(' · ')
      : placed
        ? undefined
        : describeError(state.server, t, language);
  }
  return { fields, form, check, fail, clear };
}
