// Messages of the activity dashboard (issue 7).
export const en = {
  acNav: 'Activity',
};

export const pl: { readonly [K in keyof typeof en]: string } = {
  acNav: 'Aktywność',
};
