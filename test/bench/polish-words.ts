// Polish word lists for the benchmark data. Diacritics on purpose (Żółw, Łódź, Gęś, Świątek): search
// must find them when typed with or without them. Lists of nouns in the genitive fit after
// "Dostawa", "Serwis", "Wycena" … so titles read like real ones.

export const COMPANY_NOUNS = [
  'Żółw', 'Gęś', 'Łoś', 'Jeleń', 'Sokół', 'Orzeł', 'Żuraw', 'Bóbr', 'Dąb', 'Świerk', 'Klon', 'Jarzębina',
  'Wrzos', 'Żubr', 'Ślimak', 'Łabędź', 'Kruk', 'Szerszeń', 'Pszczółka', 'Mrówka', 'Wiewiórka', 'Sowa',
  'Bażant', 'Jaskółka', 'Czapla', 'Borsuk', 'Ryś', 'Słowik', 'Bursztyn', 'Wisła', 'Odra', 'Warta',
  'Mazowsze', 'Kaszuby', 'Podhale', 'Tatry', 'Bieszczady', 'Żuławy', 'Kujawy', 'Śnieżka', 'Giewont',
  'Lech', 'Piast', 'Gryf', 'Wawel', 'Sęk', 'Kłos', 'Źródło', 'Zorza', 'Błysk', 'Iskra', 'Świt', 'Zefir',
  'Mróz', 'Grom', 'Płomień', 'Dźwig', 'Kotwica', 'Żagiel', 'Ster', 'Cegła', 'Młot', 'Kowadło', 'Trzmiel',
] as const;

export const INDUSTRIES = [
  'Budownictwo', 'Transport', 'Handel', 'Serwis', 'Elektronika', 'Meble', 'Poligrafia', 'Logistyka',
  'Chłodnictwo', 'Ogrodnictwo', 'Energetyka', 'Automatyka', 'Instalacje', 'Spedycja', 'Hurtownia',
  'Piekarnia', 'Drukarnia', 'Stolarnia', 'Ślusarstwo', 'Kamieniarstwo', 'Odlewnia', 'Tartak',
  'Mleczarnia', 'Przetwórstwo', 'Farmacja', 'Informatyka', 'Doradztwo', 'Księgowość', 'Ochrona',
  'Sprzątanie', 'Dźwigi', 'Okna', 'Dachy', 'Opakowania', 'Hydraulika', 'Geodezja',
] as const;

export const LEGAL_FORMS = ['Sp. z o.o.', 'Sp. z o.o.', 'Sp. z o.o.', 'S.A.', 'sp. j.', 's.c.', 'Sp. k.', ''] as const;

export const CITIES = [
  'Warszawa', 'Łódź', 'Kraków', 'Gdańsk', 'Poznań', 'Wrocław', 'Białystok', 'Częstochowa', 'Toruń', 'Rzeszów',
  'Kielce', 'Opole', 'Gorzów Wielkopolski', 'Zielona Góra', 'Bielsko-Biała', 'Świdnica', 'Głogów', 'Łomża',
  'Piła', 'Włocławek', 'Ełk', 'Żyrardów', 'Świnoujście', 'Gniezno', 'Płock', 'Tczew', 'Zamość', 'Sieradz',
  'Koszalin', 'Słupsk', 'Olsztyn', 'Lublin', 'Katowice', 'Gliwice', 'Bytom', 'Sosnowiec', 'Tychy', 'Radom',
  'Siedlce', 'Kalisz', 'Łańcut', 'Oświęcim', 'Żagań', 'Końskie', 'Mińsk Mazowiecki',
] as const;

/** Surnames in their masculine form; feminine forms are derived (-ski → -ska). */
export const SURNAMES = [
  'Świątek', 'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
  'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Wojciechowski', 'Kwiatkowski',
  'Krawczyk', 'Kaczmarek', 'Piotrowski', 'Grabowski', 'Zając', 'Pawłowski', 'Michalski', 'Król', 'Wieczorek',
  'Jabłoński', 'Wróbel', 'Nowakowski', 'Majewski', 'Olszewski', 'Stępień', 'Malinowski', 'Jaworski',
  'Adamczyk', 'Dudek', 'Nowicki', 'Pawlak', 'Górski', 'Witkowski', 'Walczak', 'Sikora', 'Baran', 'Rutkowski',
  'Michalak', 'Szewczyk', 'Ostrowski', 'Tomaszewski', 'Pietrzak', 'Zalewski', 'Wróblewski', 'Jasiński',
  'Marciniak', 'Bąk', 'Zawadzki', 'Sadowski', 'Jakubowski', 'Duda', 'Włodarczyk', 'Chmielewski', 'Borkowski',
  'Sokołowski', 'Szczepański', 'Sawicki', 'Kucharski', 'Kalinowski', 'Wysocki', 'Mazurek', 'Kubiak',
  'Maciejewski', 'Czarnecki', 'Kołodziej', 'Urbański', 'Kaźmierczak', 'Sobczak', 'Konieczny', 'Głowacki',
  'Zakrzewski', 'Krajewski', 'Błaszczyk', 'Żak', 'Łukasiewicz', 'Gałązka', 'Żurek', 'Ślusarczyk', 'Łuczak',
  'Jóźwiak', 'Śliwiński', 'Żmuda', 'Gęsicki', 'Żółtowski', 'Ćwikła', 'Źrebiec', 'Bończak', 'Mądry', 'Kręcik',
  'Piątek', 'Sójka', 'Dziedzic', 'Ożóg', 'Gąsior', 'Łęcki', 'Wąsik', 'Pęczek', 'Rączka', 'Miłosz',
] as const;

export const MALE_FIRST_NAMES = [
  'Adam', 'Andrzej', 'Bartłomiej', 'Grzegorz', 'Jakub', 'Jan', 'Jarosław', 'Kamil', 'Krzysztof', 'Łukasz',
  'Maciej', 'Marcin', 'Marek', 'Michał', 'Mikołaj', 'Paweł', 'Piotr', 'Przemysław', 'Radosław', 'Sławomir',
  'Stanisław', 'Szymon', 'Tomasz', 'Wojciech', 'Zbigniew', 'Zdzisław', 'Jędrzej', 'Bogusław', 'Bożydar', 'Wiesław',
] as const;

export const FEMALE_FIRST_NAMES = [
  'Agnieszka', 'Aleksandra', 'Alicja', 'Anna', 'Barbara', 'Beata', 'Dorota', 'Ewa', 'Grażyna', 'Halina',
  'Joanna', 'Jolanta', 'Justyna', 'Katarzyna', 'Magdalena', 'Małgorzata', 'Marta', 'Monika', 'Natalia',
  'Paulina', 'Renata', 'Urszula', 'Zofia', 'Żaneta', 'Jadwiga', 'Bożena', 'Łucja', 'Elżbieta', 'Jagoda', 'Iga',
] as const;

export const POSITIONS = [
  'prezes zarządu', 'kierownik zakupów', 'specjalista ds. zakupów', 'główna księgowa', 'kierownik magazynu',
  'dyrektor techniczny', 'kierownik produkcji', 'asystentka zarządu', 'właściciel', 'inżynier utrzymania ruchu',
] as const;

/** Contact kinds with their default probability of winning (%). */
export const CONTACT_KINDS: readonly (readonly [string, number])[] = [
  ['Zapytanie ofertowe', 30], ['Reklamacja', 90], ['Serwis', 80], ['Wdrożenie', 50], ['Szkolenie', 70],
  ['Przetarg', 20], ['Odnowienie umowy', 75], ['Konsultacja', 60],
];

/** Starts of contact titles; each takes a noun in the genitive. */
export const TITLE_STARTS = [
  'Dostawa', 'Wycena', 'Serwis', 'Naprawa', 'Przegląd', 'Montaż', 'Modernizacja', 'Wymiana', 'Reklamacja',
  'Zamówienie', 'Wdrożenie', 'Oferta dostawy', 'Zapytanie w sprawie', 'Szkolenie z obsługi', 'Kalibracja',
  'Instalacja', 'Konserwacja', 'Wynajem', 'Odbiór', 'Transport', 'Przedłużenie gwarancji', 'Leasing',
] as const;

/** Things customers buy and break, in the genitive. Common ones first (see Random.pickSkewed). */
export const OBJECTS = [
  'klimatyzacji', 'regałów magazynowych', 'wózków widłowych', 'chłodni', 'systemu ERP', 'drukarek',
  'oprogramowania księgowego', 'okien PCV', 'paneli fotowoltaicznych', 'pomp ciepła', 'oświetlenia LED',
  'mebli biurowych', 'sprzętu komputerowego', 'kas fiskalnych', 'monitoringu', 'bram garażowych',
  'instalacji elektrycznej', 'ogrzewania podłogowego', 'kotłów gazowych', 'wind osobowych', 'serwerów',
  'sieci Wi-Fi', 'układów hamulcowych', 'łożysk tocznych', 'śrub nierdzewnych', 'palet drewnianych',
  'opakowań kartonowych', 'żurawi wieżowych', 'maszyn CNC', 'taśmociągów', 'zasuw żeliwnych',
  'agregatów prądotwórczych', 'sprężarek śrubowych', 'wag przemysłowych', 'rusztowań', 'żaluzji',
  'dźwigów towarowych', 'świetlików dachowych', 'łączników gwintowanych', 'źródeł zasilania UPS',
] as const;

/** Topics of notes (nominative), common first. */
export const TOPICS = [
  'oferta', 'termin dostawy', 'cennik', 'faktura', 'rabat', 'warunki płatności', 'gwarancja', 'umowa serwisowa',
  'harmonogram prac', 'zaliczka', 'specyfikacja techniczna', 'próbki', 'odbiór techniczny', 'certyfikat',
  'atest', 'kary umowne', 'protokół zdawczo-odbiorczy', 'kosztorys', 'zamówienie ramowe', 'korekta faktury',
  'przegląd okresowy', 'szkolenie operatorów', 'dokumentacja powykonawcza', 'wizja lokalna', 'zwrot towaru',
  'nota obciążeniowa', 'przedpłata', 'aneks do umowy', 'pełnomocnictwo', 'dostęp do budowy', 'świadectwo jakości',
  'ubezpieczenie ładunku', 'awizacja', 'przesunięcie terminu', 'części zamienne', 'wyłączność regionalna',
] as const;

export const NOTE_KINDS: readonly (readonly [string | null, number])[] = [
  ['telefon', 30], ['e-mail', 25], ['spotkanie', 12], ['notatka', 10], ['oferta', 8], ['wizyta', 5],
  ['prezentacja', 3], ['wideokonferencja', 3], [null, 4],
];

export const WEEKDAYS = ['poniedziałku', 'wtorku', 'środy', 'czwartku', 'piątku'] as const;

/** Sentences of notes. {object}, {topic}, {person}, {city}, {day}, {n}, {code} are filled in. */
export const NOTE_SENTENCES = [
  'Rozmowa z {person} w sprawie {object}.',
  'Klient prosi o {topic} do {day}.',
  'Wysłano ofertę na dostawę {object}, rabat {n}%.',
  'Spotkanie w {city}: omówiono {topic} oraz {topic2}.',
  'Przypomnieć klientowi: {topic}.',
  'Klient zgłasza usterkę {object}, numer seryjny {code}.',
  'Dzwoniłem, nie odbiera. Spróbować ponownie w {day}.',
  '{person} potwierdza {topic}, czekamy na zamówienie.',
  'Przesłano dokumenty: {topic}, {topic2}.',
  'Technik był na miejscu w {city}, wymieniono {n} szt. części.',
  'Klient porównuje naszą ofertę z konkurencją, kluczowy jest {topic}.',
  'Ustalono z {person}: {topic} do końca miesiąca.',
  'Brak odpowiedzi na e-mail, ponowić kontakt.',
  'Zamówienie {code} potwierdzone, dostawa do {city}.',
  'Żółw ruszył: klient w końcu zaakceptował {topic}.',
  'Pilne! Awaria {object} w zakładzie w {city}.',
  'Notatka ze spotkania: {person} oczekuje {topic2} przed podpisaniem umowy.',
  'Wycena {object} przekazana, wartość około {n} tys. zł netto.',
] as const;

/** Feminine form of a masculine surname: Kowalski → Kowalska, Czarnecki → Czarnecka; others unchanged. */
export function feminineSurname(surname: string): string {
  if (surname.endsWith('ski')) return `${surname.slice(0, -3)}ska`;
  if (surname.endsWith('cki')) return `${surname.slice(0, -3)}cka`;
  if (surname.endsWith('dzki')) return `${surname.slice(0, -4)}dzka`;
  return surname;
}
