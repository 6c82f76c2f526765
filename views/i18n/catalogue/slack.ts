// Slack messages shared by every listener: who-is-who refusals and error texts.
export const en = {
  slUnknownUser: "Hi! I don't know you yet. Ask a Kontakt admin to add you as an employee with the e-mail address of your Slack profile (or to enter your Slack user id on your employee page).",
  slUnknownUserEmail: "Hi! I don't know {email} yet. Ask a Kontakt admin to add you as an employee with that e-mail address (or to enter your Slack user id on your employee page).",
  slInactiveUser: 'Your Kontakt account is deactivated. Ask a Kontakt admin to reactivate it.',
  slErrNotFound: 'Not found: {message}.',
  slErrValidation: 'That did not work: {message}.',
  slErrConflict: 'That did not work: {message}.',
  slErrForbidden: 'You may not do that: {message}.',
  slErrTooLarge: 'Too large: {message}.',
  slErrInternal: 'Something went wrong on our side (reference {ref}). Please try again; if it persists, give the reference to an admin.',
};

export const pl: { readonly [K in keyof typeof en]: string } = {
  slUnknownUser: 'Cześć! Jeszcze Cię nie znam. Poproś administratora Kontaktu, aby dodał Cię jako pracownika z adresem e-mail z Twojego profilu Slacka (albo wpisał Twój identyfikator Slacka na Twojej stronie pracownika).',
  slUnknownUserEmail: 'Cześć! Jeszcze nie znam adresu {email}. Poproś administratora Kontaktu, aby dodał Cię jako pracownika z tym adresem (albo wpisał Twój identyfikator Slacka na Twojej stronie pracownika).',
  slInactiveUser: 'Twoje konto w Kontakcie jest wyłączone. Poproś administratora Kontaktu o ponowne włączenie.',
  slErrNotFound: 'Nie znaleziono: {message}.',
  slErrValidation: 'Nie udało się: {message}.',
  slErrConflict: 'Nie udało się: {message}.',
  slErrForbidden: 'Nie możesz tego zrobić: {message}.',
  slErrTooLarge: 'Za duże: {message}.',
  slErrInternal: 'Coś poszło nie tak po naszej stronie (numer zgłoszenia {ref}). Spróbuj ponownie; jeśli błąd się powtarza, podaj ten numer administratorowi.',
};
