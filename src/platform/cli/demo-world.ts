// The demonstration organisations and people: a coordinator and the CIRTs, police units, central
// authorities, a ministry, an ISP and a rights holder of several countries. Labelled [Demo] everywhere.
import type { CreateOrganisationInput } from '../identity/schemas.ts';
import type { Role } from '../access/policy.ts';

export type DemoPerson = { email: string; displayName: string; role: Role; languages: string[] };
export type DemoOrganisation = CreateOrganisationInput & { people: DemoPerson[] };

const person = (email: string, displayName: string, role: Role, languages: string[]): DemoPerson => ({
  email: `${email}@demo.accord.example`,
  displayName,
  role,
  languages,
});

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: '[Demo] CERT-FR',
    country: 'FR',
    kind: 'cirt',
    mfaRequired: false,
    people: [
      person('claire.martin', 'Claire Martin', 'org-admin', ['fr', 'en']),
      person('julien.bernard', 'Julien Bernard', 'analyst', ['fr', 'en', 'es']),
      person('sophie.petit', 'Sophie Petit', 'reader', ['fr']),
    ],
  },
  {
    name: '[Demo] OFAC — French cybercrime police, 24/7 point of contact',
    country: 'FR',
    kind: 'law-enforcement',
    mfaRequired: true,
    people: [person('marc.dubois', 'Marc Dubois', 'analyst', ['fr', 'en'])],
  },
  {
    name: '[Demo] ngCERT',
    country: 'NG',
    kind: 'cirt',
    mfaRequired: false,
    people: [
      person('amaka.okafor', 'Amaka Okafor', 'org-admin', ['en', 'ig']),
      person('tunde.adeyemi', 'Tunde Adeyemi', 'analyst', ['en', 'yo']),
    ],
  },
  {
    name: '[Demo] Nigeria Police Force — National Cybercrime Centre',
    country: 'NG',
    kind: 'law-enforcement',
    mfaRequired: false,
    people: [person('ibrahim.musa', 'Ibrahim Musa', 'analyst', ['en', 'ha'])],
  },
  {
    name: '[Demo] CERT.br',
    country: 'BR',
    kind: 'cirt',
    mfaRequired: false,
    people: [person('ana.souza', 'Ana Souza', 'analyst', ['pt', 'es', 'en'])],
  },
  {
    name: '[Demo] JPCERT/CC',
    country: 'JP',
    kind: 'cirt',
    mfaRequired: false,
    people: [person('haruto.sato', 'Haruto Sato', 'analyst', ['ja', 'en'])],
  },
  {
    name: '[Demo] KE-CIRT/CC',
    country: 'KE',
    kind: 'cirt',
    mfaRequired: false,
    people: [person('wanjiru.kamau', 'Wanjiru Kamau', 'analyst', ['en', 'sw'])],
  },
  {
    name: '[Demo] Office of the Attorney General of Kenya — central authority',
    country: 'KE',
    kind: 'central-authority',
    mfaRequired: false,
    people: [person('otieno.odhiambo', 'Otieno Odhiambo', 'org-admin', ['en', 'sw'])],
  },
  {
    name: '[Demo] Ministry of Digital Economy of Tunisia',
    country: 'TN',
    kind: 'ministry',
    mfaRequired: false,
    people: [person('leila.benali', 'Leila Ben Ali', 'reader', ['ar', 'fr'])],
  },
  {
    name: '[Demo] ID-SIRTII/CC',
    country: 'ID',
    kind: 'cirt',
    mfaRequired: false,
    people: [person('dewi.santoso', 'Dewi Santoso', 'analyst', ['id', 'en'])],
  },
  {
    name: '[Demo] Lowlands Broadband B.V. (ISP)',
    country: 'NL',
    kind: 'isp',
    mfaRequired: false,
    people: [person('pieter.devries', 'Pieter de Vries', 'analyst', ['nl', 'en'])],
  },
  {
    name: '[Demo] Phonographic Rights Collective',
    country: 'US',
    kind: 'rights-holder',
    mfaRequired: false,
    people: [person('emily.clark', 'Emily Clark', 'analyst', ['en'])],
  },
];

export const DEMO_COORDINATOR_PEOPLE: DemoPerson[] = [
  person('coordinator.analyst', 'Nadia Rahman (coordination desk)', 'analyst', ['en', 'ar', 'fr']),
  person('coordinator.reader', 'Tomás García (liaison)', 'reader', ['es', 'en']),
];
