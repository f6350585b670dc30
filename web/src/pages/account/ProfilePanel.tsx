// The user's name (editable), e-mail and memberships: organisation, country and role.
import { useState, type FormEvent } from 'react';
import { api, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { CountryFlag } from '../../components/CountryFlag.tsx';
import { Message } from '../../i18n/Message.tsx';
import { useSession } from '../../session.tsx';

export function ProfilePanel({ me }: { me: Me }) {
  const { t, language } = useI18n();
  const { setMe } = useSession();
  const [name, setName] = useState(me.displayName);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(['displayName'] as const);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setSaved(false);
    if (!errors.check({ displayName: name.trim() ? undefined : 'validation.nameRequired' }, form)) {
      return;
    }
    try {
      setMe((await api<{ user: Me }>('PATCH', '/auth/me', { displayName: name.trim() })).user);
      errors.clear();
      setSaved(true);
    } catch (err) {
      errors.fail(err, form);
    }
  };

  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      <p>
        {t('account.email')} <bdi dir="ltr">{me.email}</bdi>
      </p>
      <form className="inline-form" onSubmit={(e) => void save(e)} noValidate>
        <Field
          label={t('account.displayName')}
          autoComplete="name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.displayName}
        />
        <button type="submit">{t('common.save')}</button>
      </form>
      <FormError message={errors.form} />
      <div role="status">{saved && <p className="success">{t('account.nameSaved')}</p>}</div>
      <h3>{t('account.memberships')}</h3>
      <ul className="memberships">
        {me.memberships.map((m) => (
          <li key={m.organisation.id}>
            <CountryFlag code={m.organisation.country} />{' '}
            <Message
              id="account.memberOf"
              values={{
                organisation: <bdi>{m.organisation.name}</bdi>,
                country: countryName(m.organisation.country, language),
                role: t(`role.${m.role}`),
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
