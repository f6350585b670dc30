// The legal room's shared question (offence, measure, date, which data) and the jurisdiction list.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { legalApi, type Jurisdiction, type LegalParams } from './legal-api.ts';

type Legal = {
  params: LegalParams;
  setParams: (p: Partial<LegalParams>) => void;
  jurisdictions: Jurisdiction[];
};
const LegalContext = createContext<Legal | undefined>(undefined);

export function LegalProvider({ children }: { children: ReactNode }) {
  const [params, setState] = useState<LegalParams>({
    offence: 'illegal-access',
    measure: 'preservation',
    date: '',
    world: 'builtin',
    includeLowConfidence: false,
  });
  const [jurisdictions, setJurisdictions] = useState<Jurisdiction[]>([]);
  useEffect(() => {
    let active = true;
    void legalApi.jurisdictions(params.world).then((r) => active && setJurisdictions(r.jurisdictions));
    return () => {
      active = false;
    };
  }, [params.world]);
  const value = useMemo(
    () => ({
      params,
      jurisdictions,
      setParams: (p: Partial<LegalParams>) => setState((s) => ({ ...s, ...p })),
    }),
    [params, jurisdictions],
  );
  return <LegalContext.Provider value={value}>{children}</LegalContext.Provider>;
}

export function useLegal(): Legal {
  const value = useContext(LegalContext);
  if (!value) {
    throw new Error('useLegal outside LegalProvider');
  }
  return value;
}
