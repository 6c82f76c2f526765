// Messages of the knowledge dashboard (issue 7).
export const en = {
  kbNav: 'Knowledge base',
};

export const pl: { readonly [K in keyof typeof en]: string } = {
  kbNav: 'Baza wiedzy',
};
