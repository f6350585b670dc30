// The UN M49 continental region of each ISO 3166-1 code: how data/legal/laws is split into files
// (one per region) and how the coverage table of data/legal/README.md is grouped.
// @see https://unstats.un.org/unsd/methodology/m49/ (M49 regions; AQ, BV, HM, GS, TF have none)

export const REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania', 'antarctica'] as const;
export type Region = (typeof REGIONS)[number];

const MEMBERS: Record<Region, string> = {
  africa:
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA MG ML MR MU MW ' +
    'MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  americas:
    'AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT JM KN KY LC ' +
    'MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI',
  asia:
    'AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM ' +
    'PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  europe:
    'AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME ' +
    'MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA',
  oceania: 'AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS',
  antarctica: 'AQ BV GS TF',
};

const BY_CODE = new Map<string, Region>(
  REGIONS.flatMap((region) => MEMBERS[region].split(' ').map((code) => [code, region] as const)),
);

/** The region of a code, or undefined for a code outside ISO 3166-1 (test worlds). */
export function regionOf(code: string): Region | undefined {
  return BY_CODE.get(code);
}

export function regionMembers(region: Region): string[] {
  return MEMBERS[region].split(' ');
}
