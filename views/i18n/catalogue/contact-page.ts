// Messages of the contact-page part of the panel (see messages.ts).
export const en = {
} as const;

export const pl: { readonly [K in keyof typeof en]: string } = {
};
