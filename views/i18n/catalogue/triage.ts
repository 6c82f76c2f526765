// Messages of the triage queue (e-mails the ingester could not place).
export const en = {
  triage: 'Triage',
} as const;

export const pl: { readonly [K in keyof typeof en]: string } = {
  triage: 'Do przydziału',
};
