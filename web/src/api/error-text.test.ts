import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../i18n/i18n.tsx';
import { ApiError } from './client.ts';
import { describeFieldErrors, reasonKey } from './error-text.ts';

const tr = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(language, key, params);

function validation(details: ConstructorParameters<typeof ApiError>[3]) {
  return new ApiError(400, 'VALIDATION_FAILED', 'the body is invalid', details);
}

describe('field errors worded from reason codes', () => {
  it('words a too-short string in each language with its minimum', () => {
    const error = validation([
      { path: 'body.name', reason: 'too short', code: 'too_small', params: { origin: 'string', minimum: 2 } },
    ]);
    expect(describeFieldErrors(error, tr('en'), 'en')).toEqual({ name: 'Must be at least 2 characters.' });
    expect(describeFieldErrors(error, tr('fr'), 'fr')).toEqual({ name: 'Au moins 2 caractères.' });
    expect(describeFieldErrors(error, tr('ar'), 'ar').name).toContain('2');
  });

  it('prefers the refined key and falls back to the general one', () => {
    expect(reasonKey({ path: 'x', reason: '', code: 'invalid_format', params: { format: 'email' } })).toBe(
      'error.reason.invalid_format.email',
    );
    expect(reasonKey({ path: 'x', reason: '', code: 'invalid_format', params: { format: 'regex' } })).toBe(
      'error.reason.invalid_format',
    );
    expect(reasonKey({ path: 'x', reason: '', code: 'something_new' })).toBeUndefined();
    expect(reasonKey({ path: 'x', reason: '' })).toBeUndefined();
  });

  it("keeps the server's text for a code the UI does not know", () => {
    const error = validation([{ path: 'body.ttl', reason: 'must be a multiple of 60', code: 'custom' }]);
    expect(describeFieldErrors(error, tr('es'), 'es')).toEqual({ ttl: 'must be a multiple of 60' });
  });

  it('words the password policy codes in Spanish', () => {
    const error = new ApiError(400, 'AUTH_PASSWORD_WEAK', 'the new password must be…', [
      { path: 'newPassword', reason: 'x', code: 'password_too_short', params: { minimum: 12 } },
    ]);
    expect(describeFieldErrors(error, tr('es'), 'es')).toEqual({
      newPassword: 'Use al menos 12 caracteres.',
    });
  });
});
