// Contact kinds (with the forecast's default chance of winning) and payment forms.

export const CONTACT_KINDS = [
  { name: 'Szansa sprzedaży', defaultProbability: 60 },
  { name: 'Sprawa dostawcy', defaultProbability: 50 },
  { name: 'Sprawa serwisowa', defaultProbability: 30 },
  { name: 'Reklamacja', defaultProbability: 20 },
] as const;

export const PAYMENT_FORMS = [
  { name: 'Gotówka', days: 0 },
  { name: 'Przelew 7 dni', days: 7 },
  { name: 'Przelew 14 dni', days: 14 },
  { name: 'Przelew 30 dni', days: 30 },
] as const;

export type PaymentFormName = (typeof PAYMENT_FORMS)[number]['name'];

/** How often each payment form is negotiated on a sales subject. */
export const PAYMENT_FORM_WEIGHTS: Record<PaymentFormName, number> = {
  Gotówka: 1, 'Przelew 7 dni': 3, 'Przelew 14 dni': 6, 'Przelew 30 dni': 4,
};
