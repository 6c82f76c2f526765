// Polish first names and surnames for the people at client companies. Surnames are listed in the
// masculine form; feminineSurname() gives the form a woman uses (Kowalski → Kowalska).

export const MALE_FIRST_NAMES = [
  'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Grzegorz', 'Jakub', 'Łukasz', 'Mariusz',
  'Wojciech', 'Rafał', 'Dariusz', 'Sławomir', 'Bartłomiej', 'Przemysław', 'Jędrzej', 'Maciej', 'Kamil', 'Zbigniew', 'Adam',
];

export const FEMALE_FIRST_NAMES = [
  'Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Joanna', 'Ewa', 'Magdalena', 'Barbara', 'Dorota', 'Justyna', 'Monika',
  'Aleksandra', 'Beata', 'Żaneta', 'Grażyna', 'Elżbieta', 'Urszula', 'Natalia', 'Weronika', 'Halina', 'Izabela', 'Jolanta',
];

export const SURNAMES = [
  'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Woźniak', 'Dąbrowski',
  'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski',
  'Michalski', 'Adamczyk', 'Dudek', 'Zając', 'Wieczorek', 'Jabłoński', 'Król', 'Majewski', 'Olszewski', 'Jaworski',
  'Malinowski', 'Górski', 'Witkowski', 'Walczak', 'Stępień', 'Sikora', 'Baran', 'Rutkowski', 'Michalak', 'Szewczyk',
  'Ostrowski', 'Tomaszewski', 'Pietrzak', 'Zalewski', 'Jasiński', 'Marciniak', 'Bąk', 'Zawadzki', 'Sadowski',
  'Chmielewski', 'Włodarczyk', 'Borkowski', 'Czarnecki', 'Sokołowski', 'Urbański', 'Kubiak', 'Maciejewski', 'Szczepański',
  'Kucharski', 'Wilk', 'Kalinowski', 'Lis', 'Wysocki', 'Kaźmierczak', 'Wasilewski', 'Sobczak', 'Czerwiński',
  'Cieślak', 'Głowacki', 'Zakrzewski', 'Kołodziej', 'Krajewski', 'Gajewski', 'Szulc', 'Gołębiowski', 'Łuczak', 'Żak',
];

/** Kowalski → Kowalska, Zawadzki → Zawadzka, Nowak → Nowak. */
export const feminineSurname = (surname: string) => surname.replace(/(sk|ck|dzk)i$/, '$1a');

/** Job titles at client companies, by what the person deals with. */
export const POSITIONS = {
  decision: ['Prezes zarządu', 'Członek zarządu', 'Dyrektor administracyjny', 'Dyrektor finansowy', 'Właściciel', 'Partner zarządzający'],
  purchasing: ['Kierownik zakupów', 'Specjalista ds. zaopatrzenia', 'Kierownik administracji', 'Office manager', 'Koordynator ds. administracji'],
  other: ['Kierownik działu IT', 'Specjalista ds. BHP', 'Kierownik biura', 'Asystent zarządu', 'Kierownik recepcji', 'Specjalista ds. logistyki'],
  supplier: ['Opiekun klienta kluczowego', 'Kierownik sprzedaży', 'Specjalista ds. obsługi zamówień', 'Kierownik działu jakości'],
};

/** Mobile network prefixes (first three digits after +48). */
export const MOBILE_PREFIXES = ['501', '502', '509', '512', '535', '571', '601', '604', '608', '661', '664', '691', '696', '721', '724', '781', '792', '883', '887'];
