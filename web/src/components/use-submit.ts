// The busy flag, the error message and the per-field messages around a form's one asynchronous action
// (save, upload, queue a run): the action runs once at a time, and whatever it throws is worded for
// the user, as a whole and per field. Validation before the action stays with the form
// (use-form-errors.ts); this is what the server answers.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError, describeFieldErrors } from '../api/error-text.ts';

export type Submit = {
  busy: boolean;
  /** The action's failure, worded; or a message the form set itself. */
  error: string | null;
  /** The failure's messages per field (keyed by field name without `body.`). */
  fieldErrors: Record<string, string>;
  setError: (message: string | null) => void;
  /** Runs `action` unless one is running: busy meanwhile, earlier messages cleared first. */
  run: (action: () => Promise<void>) => Promise<void>;
};

export function useSubmit(): Submit {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      setFieldErrors({});
      try {
        await action();
      } catch (err) {
        setError(describeError(err, t, language));
        setFieldErrors(describeFieldErrors(err, t, language));
      } finally {
        setBusy(false);
      }
    },
    [t, language],
  );
  return { busy, error, fieldErrors, setError, run };
}
