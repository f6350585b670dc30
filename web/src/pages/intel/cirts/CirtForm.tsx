// Adds or edits a team: lists are typed one per line (ranges, ASNs, domains, e-mails, phones, PGP
// fingerprints), the PGP public key is pasted whole; the server validates each entry (and the key:
// public, current, fingerprint listed) and names the field of any mistake.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { api } from '../../../api/client.ts';
import { describeError } from '../../../api/error-text.ts';
import { useSubmit } from '../../../components/use-submit.ts';
import type { Organisation } from '../../../api/client.ts';
import { saveCirt, type CirtDetail, type CirtInput } from '../routing/routing-api.ts';

/** A form field as text (file inputs, which this form has none of, would give a File). */
const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');
const lines = (v: FormDataEntryValue | null) =>
  text(v)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
const optional = (v: FormDataEntryValue | null) => {
  const s = text(v).trim();
  return s === '' ? undefined : s;
};

function toInput(form: FormData): CirtInput {
  return {
    officialName: text(form.get('officialName')).trim(),
    shortName: optional(form.get('shortName')),
    country: text(form.get('country')).trim().toUpperCase(),
    organisationId: optional(form.get('organisationId')),
    constituencyTypes: lines(form.get('constituencyTypes')),
    countries: lines(form.get('countries')).map((c) => c.toUpperCase()),
    asns: lines(form.get('asns')).map((a) => Number(a.replace(/^AS/i, ''))),
    ranges: lines(form.get('ranges')),
    domains: lines(form.get('domains')),
    emails: lines(form.get('emails')).map((address) => ({ address, usage: [] })),
    phones: lines(form.get('phones')).map((number) => ({ number, usage: [] })),
    pgpKeys: lines(form.get('pgpKeys')).map((fingerprint) => ({ fingerprint })),
    businessHours: optional(form.get('businessHours')),
    businessHoursTimezone: optional(form.get('businessHoursTimezone')),
    available24x7: form.get('available24x7') === 'on',
    notifyEmail: optional(form.get('notifyEmail')),
    notifyWebhook: optional(form.get('notifyWebhook')),
    pgpPublicKey: optional(form.get('pgpPublicKey')),
    requireEncryption: form.get('requireEncryption') === 'on',
  };
}

const TEXT_FIELDS: { name: keyof CirtInput; label: MessageKey; value: (c: CirtDetail) => string }[] = [
  { name: 'countries', label: 'cirts.field.countries', value: (c) => c.countries.join('\n') },
  { name: 'asns', label: 'cirts.field.asns', value: (c) => c.asns.join('\n') },
  { name: 'ranges', label: 'cirts.field.ranges', value: (c) => c.ranges.join('\n') },
  { name: 'domains', label: 'cirts.field.domains', value: (c) => c.domains.join('\n') },
  { name: 'emails', label: 'cirts.field.emails', value: (c) => c.emails.map((e) => e.address).join('\n') },
  { name: 'phones', label: 'cirts.field.phones', value: (c) => c.phones.map((p) => p.number).join('\n') },
  { name: 'pgpKeys', label: 'cirts.field.pgp', value: (c) => c.pgpKeys.map((k) => k.fingerprint).join('\n') },
];

export function CirtForm() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { id } = useParams();
  const [current, setCurrent] = useState<CirtDetail | null>(null);
  // Undefined until loaded: the select's default value only applies to options present at first render.
  const [organisations, setOrganisations] = useState<Organisation[] | undefined>();
  const { busy, error, fieldErrors, setError, run } = useSubmit();

  useEffect(() => {
    let active = true;
    void api<{ organisations: Organisation[] }>('GET', '/organisations').then(
      (r) => active && setOrganisations(r.organisations),
      () => active && setOrganisations([]),
    );
    if (id) {
      api<{ cirt: CirtDetail }>('GET', `/intel/cirts/${id}`).then(
        (r) => active && setCurrent(r.cirt),
        (e: unknown) => active && setError(describeError(e, t, language)),
      );
    }
    return () => {
      active = false;
    };
  }, [id, t, language, setError]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = toInput(new FormData(e.currentTarget));
    await run(async () => {
      const savedId = await saveCirt(id, input);
      void navigate(`/intel/cirts/${savedId}`);
    });
  }

  if ((id && !current) || organisations === undefined) {
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : null;
  }
  const c = current;
  return (
    <div className="routing-page">
      <p>
        <Link to={id ? `/intel/cirts/${id}` : '/intel/cirts'}>{t('cirts.back')}</Link>
      </p>
      <h2>{id ? t('cirts.editTitle', { name: c?.officialName ?? '' }) : t('cirts.add')}</h2>
      <form
        className="stack"
        onSubmit={(e) => void submit(e)}
        aria-label={t('cirts.add')}
        key={c?.id ?? 'new'}
      >
        <div className="row">
          <label className="control grow">
            <span>{t('cirts.field.officialName')}</span>
            <input
              name="officialName"
              required
              minLength={2}
              maxLength={300}
              defaultValue={c?.officialName}
            />
          </label>
          <label className="control">
            <span>{t('cirts.field.shortName')}</span>
            <input name="shortName" maxLength={100} defaultValue={c?.shortName ?? ''} />
          </label>
          <label className="control">
            <span>{t('intel.col.country')}</span>
            <input
              name="country"
              required
              size={4}
              maxLength={2}
              placeholder="KE"
              defaultValue={c?.country}
            />
          </label>
        </div>
        <label className="control">
          <span>{t('cirts.field.organisation')}</span>
          <select name="organisationId" defaultValue={c?.organisationId ?? ''}>
            <option value="">{t('cirts.field.noOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.country})
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>{t('cirts.field.types')}</span>
          <input
            name="constituencyTypes"
            defaultValue={c?.constituencyTypes.join(', ')}
            placeholder="National"
          />
        </label>
        <p className="muted">{t('cirts.field.listHint')}</p>
        <div className="row">
          {TEXT_FIELDS.map((f) => (
            <label className="control grow" key={f.name}>
              <span>{t(f.label)}</span>
              <textarea name={f.name} defaultValue={c ? f.value(c) : ''} rows={3} />
            </label>
          ))}
        </div>
        <div className="row">
          <label className="control grow">
            <span>{t('cirts.field.businessHours')}</span>
            <input
              name="businessHours"
              maxLength={300}
              defaultValue={c?.businessHours ?? ''}
              placeholder="Mon-Fri 08:00-17:00"
            />
          </label>
          <label className="control">
            <span>{t('cirts.field.timezone')}</span>
            <input
              name="businessHoursTimezone"
              maxLength={100}
              defaultValue={c?.businessHoursTimezone ?? ''}
              placeholder="Africa/Nairobi"
            />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="available24x7" defaultChecked={c?.available24x7} /> {t('cirts.24x7')}
          </label>
        </div>
        <div className="row">
          <label className="control grow">
            <span>{t('cirts.field.notifyEmail')}</span>
            <input name="notifyEmail" type="email" defaultValue={c?.notifyEmail ?? ''} />
          </label>
          <label className="control grow">
            <span>{t('cirts.field.notifyWebhook')}</span>
            <input
              name="notifyWebhook"
              type="url"
              defaultValue={c?.notifyWebhook ?? ''}
              placeholder="https://"
              aria-invalid={fieldErrors.notifyWebhook ? true : undefined}
            />
            {fieldErrors.notifyWebhook && <span className="field-error">{fieldErrors.notifyWebhook}</span>}
          </label>
        </div>
        <label className="control">
          <span>{t('cirts.field.pgpPublicKey')}</span>
          <textarea
            name="pgpPublicKey"
            className="mono"
            rows={5}
            defaultValue={c?.pgpPublicKey ?? ''}
            placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
            aria-invalid={fieldErrors.pgpPublicKey ? true : undefined}
            aria-describedby={fieldErrors.pgpPublicKey ? 'pgp-key-error' : undefined}
          />
          {fieldErrors.pgpPublicKey && (
            <span className="field-error" id="pgp-key-error">
              {fieldErrors.pgpPublicKey}
            </span>
          )}
        </label>
        <label className="checkbox">
          <input type="checkbox" name="requireEncryption" defaultChecked={c?.requireEncryption} />{' '}
          {t('cirts.field.requireEncryption')}
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('cirts.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
