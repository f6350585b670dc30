// The identity contracts shared by routes, CLI and web: organisations, users, memberships, auth.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './passwords.ts';
import { isIsoCountry } from '../iso-countries.ts';

export const ORGANISATION_KINDS = [
  'cirt',
  'law-enforcement',
  'central-authority',
  'ministry',
  'isp',
  'rights-holder',
  'coordinator',
  'other',
] as const;
export const ROLES = ['org-admin', 'analyst', 'reader'] as const;
export const UI_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, like FR')
  .refine(isIsoCountry, 'is not an ISO 3166-1 country code');
export const email = z.string().trim().toLowerCase().max(254).email('must be an e-mail address');
export const uuid = z.uuid('must be a UUID');

export const organisationKind = z.enum(ORGANISATION_KINDS);
export const role = z.enum(ROLES);
export const uiLanguage = z.enum(UI_LANGUAGES);

export const createOrganisationInput = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  country: countryCode,
  kind: organisationKind,
  mfaRequired: z.boolean().default(false),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;

export const createUserInput = z.object({
  email,
  displayName: z.string().trim().min(1, 'must not be empty').max(200),
  organisationId: uuid,
  role,
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code like fr'))
    .max(20)
    .default([]),
  isAdmin: z.boolean().default(false),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const loginInput = z.object({
  email,
  password: z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH),
  totp: z.string().trim().max(32).optional(),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH),
});

export const updateMeInput = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  language: uiLanguage.optional(),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(20)
    .optional(),
});

export const createTokenInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  organisationId: uuid.optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const organisationView = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  kind: organisationKind,
  mfaRequired: z.boolean(),
});
export type OrganisationView = z.infer<typeof organisationView>;

export const membershipView = z.object({ role, organisation: organisationView.omit({ mfaRequired: true }) });

export const meView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  language: uiLanguage,
  languages: z.array(z.string()),
  isAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  mfaEnrolmentRequired: z.boolean(),
  memberships: z.array(membershipView),
});
export type MeView = z.infer<typeof meView>;

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  organisationId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenView>;
