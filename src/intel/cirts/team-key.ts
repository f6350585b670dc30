// A team's pasted PGP key checked against its directory entry: the key must be usable now and its
// fingerprint among those the team lists; a team that lists none gets the key's fingerprint added.
import type { Result } from '../../platform/errors/app-error.ts';
import type { CirtInput } from './schemas.ts';
import { describePgpProblem, inspectPgpKey, normaliseFingerprint } from './pgp-key.ts';

/** The input to store (fingerprints completed), or the problems, each naming `pgpPublicKey`. */
export async function checkTeamKey(input: CirtInput, now: Date, pathPrefix = ''): Promise<Result<CirtInput>> {
  if (input.pgpPublicKey === undefined) {
    return { ok: true, value: input };
  }
  const path = `${pathPrefix}pgpPublicKey`;
  const verdict = await inspectPgpKey(input.pgpPublicKey, now);
  if (!verdict.ok) {
    const reason = describePgpProblem(verdict.reason, verdict.facts);
    return { ok: false, reason, details: [{ path, reason, code: `pgp_key_${verdict.reason}` }] };
  }
  const facts = verdict.value;
  const listed = input.pgpKeys.map((k) => normaliseFingerprint(k.fingerprint));
  if (listed.length > 0 && !listed.includes(facts.fingerprint)) {
    const reason = `the key's fingerprint ${facts.fingerprint} is not among the team's listed fingerprints (${listed.join(', ')})`;
    return {
      ok: false,
      reason,
      details: [
        { path, reason, code: 'pgp_key_fingerprint_mismatch', params: { fingerprint: facts.fingerprint } },
      ],
    };
  }
  const pgpKeys =
    listed.length > 0
      ? input.pgpKeys
      : [
          {
            fingerprint: facts.fingerprint,
            ...(facts.expires ? { expires: facts.expires.slice(0, 10) } : {}),
          },
        ];
  return { ok: true, value: { ...input, pgpKeys } };
}
