// Messages of the forecast dashboard (issue 7).
export const en = {
  fcNav: 'Forecast',
};

export const pl: { readonly [K in keyof typeof en]: string } = {
  fcNav: 'Prognoza',
};
