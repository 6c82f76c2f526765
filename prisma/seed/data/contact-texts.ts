// Titles and descriptions of contacts, by topic. Placeholders in braces are filled by
// ../texts.ts: {person}, {company}, {city}, {article}, {qty}, {n}, {floor}, {department},
// {year}, {nextYear}, {date}. Sentences avoid gendered verb forms so any person fits.

export type Topic = 'sales' | 'service' | 'complaint' | 'supplier' | 'general';

export const FLOORS = ['parter', '1. piętro', '2. piętro', '3. piętro', '4. piętro', '6. piętro'];
export const DEPARTMENTS = ['księgowości', 'obsługi klienta', 'IT', 'sprzedaży', 'kadr i płac', 'marketingu', 'logistyki'];

export const CONTACT_TITLES: Record<Topic, string[]> = {
  sales: [
    'Wyposażenie biura – {floor}',
    'Nowe stanowiska pracy dla działu {department}',
    'Krzesła konferencyjne do sali zarządu',
    'Aranżacja open space – {city}',
    'Biurka z regulacją wysokości – {qty} szt.',
    'Meble do nowego oddziału – {city}',
    'Strefa socjalna i kuchnia pracownicza',
    'Akustyka open space – panele i kabiny',
    'Wymiana foteli na ergonomiczne',
    'Gabinet zarządu – meble na wymiar',
    'Recepcja – lada i poczekalnia',
    'Archiwum – szafy aktowe i kartotekowe',
    'Sale szkoleniowe – stoły i krzesła',
    'Zapytanie ofertowe – wyposażenie biura {year}',
    'Przeprowadzka biura – meble i montaż',
    'Doposażenie stanowisk – {n} nowych pracowników',
  ],
  service: [
    'Serwis fotela – wymiana podnośnika gazowego',
    'Regulacja biurek elektrycznych po przeprowadzce',
    'Przegląd gwarancyjny mebli biurowych',
    'Naprawa zamka w szafie aktowej',
    'Wymiana kółek w fotelach – {qty} szt.',
    'Biurko elektryczne nie reaguje na sterownik',
    'Poziomowanie ścianek szklanych – {floor}',
    'Czyszczenie i konserwacja tapicerki sof',
  ],
  complaint: [
    'Reklamacja fotela ergonomicznego',
    'Uszkodzony blat przy dostawie',
    'Niezgodny kolor frontów szafek',
    'Brakujące elementy zestawu',
    'Reklamacja – pęknięta szyba w ściance działowej',
    'Skrzypiący mechanizm fotela – reklamacja',
    'Opóźniona dostawa krzeseł konferencyjnych',
    'Zarysowania na blacie stołu konferencyjnego',
    'Wadliwy siłownik biurka elektrycznego',
  ],
  supplier: [
    'Opóźnienie dostawy płyt meblowych',
    'Negocjacja cennika na {nextYear}',
    'Reklamacja partii siłowników do biurek',
    'Nowy wzór tkaniny obiciowej – próbki',
    'Zamówienie okuć – uzupełnienie stanów',
    'Zmiana terminu dostawy biurek',
    'Kontrola jakości partii foteli',
    'Wprowadzenie nowej kolekcji do oferty',
  ],
  general: [
    'Wspólne stoisko na targach biurowych',
    'Umowa ramowa na montaże w {nextYear} r.',
    'Aktualizacja danych do faktur',
    'Program poleceń – rozliczenie prowizji za {year} r.',
    'Zapytanie o podwykonawstwo przy dużym projekcie',
    'Transport ponadgabarytowy – wycena',
    'Szkolenie z montażu biurek elektrycznych',
  ],
};

export const CONTACT_DESCRIPTIONS: Record<Topic, string[]> = {
  sales: [
    '{person} prosi o ofertę na wyposażenie {n} stanowisk. Termin realizacji: do końca kwartału. Budżet wstępnie uzgodniony z zarządem.',
    'Klient przenosi się do nowej siedziby. Potrzebne biurka, kontenery i szafy; preferowane kolory: biały i dąb sonoma.',
    'Zapytanie ze strony www. Interesują ich fotele ergonomiczne i biurka elektryczne; ważna jest gwarancja i serwis.',
    'Polecenie od architekta (Nowa Przestrzeń). Projekt wnętrz gotowy, czekają na wycenę i harmonogram dostaw.',
    'Rozbudowa zespołu o {n} osób. Klient chce ujednolicić meble z poprzednim zamówieniem.',
    'Zapytanie ofertowe – porównują nas z dwiema innymi firmami. Decyduje cena i termin dostawy.',
    'Kluczowa pozycja: „{article}”. Montaż poza godzinami pracy biura, najlepiej w weekend.',
    '',
  ],
  service: [
    'Zgłoszenie telefoniczne. {person} prosi o wizytę serwisanta w tym tygodniu, najlepiej przed godz. 10.',
    'Meble po gwarancji – serwis płatny według cennika. Klient zaakceptował koszt dojazdu.',
    'W ramach gwarancji. Zgłoszenie obejmuje {qty} stanowisk, {floor}.',
    'Klient prosi o przegląd przed audytem BHP.',
    '',
  ],
  complaint: [
    'Klient przesłał zdjęcia uszkodzenia. Towar dostarczony {date}, protokół szkody spisany z kierowcą.',
    '{person} zgłasza wadę po dwóch tygodniach użytkowania. Prośba o wymianę, nie o naprawę.',
    'Reklamacja z tytułu rękojmi. Do weryfikacji z producentem.',
    'Niezgodność z zamówieniem: zamówiony kolor biały, dostarczony szary. Klient wstrzymuje płatność do wyjaśnienia.',
    'Dotyczy pozycji „{article}”. Klient oczekuje odpowiedzi w ciągu 7 dni.',
  ],
  supplier: [
    'Dostawca informuje o opóźnieniu o ok. {n} dni roboczych. Trzeba uprzedzić klientów, których zamówienia są zagrożone.',
    'Coroczne negocjacje warunków handlowych. Cel: rabat min. 5% przy utrzymaniu terminu płatności 30 dni.',
    'Na partii {qty} szt. stwierdzono wadę. Czekamy na protokół od działu jakości dostawcy.',
    'Próbki mają dotrzeć kurierem; po akceptacji wzór trafi do katalogu.',
    '',
  ],
  general: [
    'Ustalenia dotyczą całego roku; stawki do potwierdzenia e-mailem.',
    'Rozliczenie kwartalne według zestawienia zrealizowanych zamówień.',
    'Kontakt z inicjatywy partnera – {person}.',
    '',
  ],
};

/** Client reference numbers some contacts carry ("externalNumber"). */
export const EXTERNAL_NUMBER_PATTERNS: Record<Topic, string[]> = {
  sales: ['ZO/{year}/{n}', 'ZAP/{n}/{year}'],
  service: ['SRV-{n}'],
  complaint: ['RK/{year}/{n}', 'REK-{n}'],
  supplier: ['ZD/{year}/{n}'],
  general: ['UM/{year}/{n}'],
};
