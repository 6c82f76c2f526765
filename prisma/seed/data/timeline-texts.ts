// What people write on a contact's timeline, by topic and note kind, and the tasks they plan.
// Same placeholders as contact-texts.ts.
import type { Topic } from './contact-texts.ts';

/** How often each note kind is used, by topic. */
export const NOTE_KIND_WEIGHTS: Record<Topic, Record<string, number>> = {
  sales: { telefon: 5, 'e-mail': 4, spotkanie: 2, prezentacja: 1, oferta: 2 },
  service: { telefon: 4, 'e-mail': 3, 'wizyta serwisowa': 2, notatka: 1 },
  complaint: { telefon: 3, 'e-mail': 4, fax: 1, decyzja: 1, notatka: 1 },
  supplier: { telefon: 4, 'e-mail': 4, fax: 1, spotkanie: 1 },
  general: { telefon: 3, 'e-mail': 3, spotkanie: 1 },
};

export const NOTE_TEXTS: Record<Topic, Record<string, string[]>> = {
  sales: {
    telefon: [
      'Rozmowa z klientem ({person}). Potwierdzają zainteresowanie; proszą o wycenę wariantu z biurkami elektrycznymi.',
      'Telefon – {person}: budżet zatwierdzony, czekają na ostateczną ofertę do piątku.',
      'Nie odbiera; zostawiona wiadomość na poczcie głosowej, ponowić jutro rano.',
      'Klient negocjuje cenę: oczekuje rabatu 10% przy zamówieniu całości. Odpowiedź po konsultacji z kierownikiem.',
      '{person} pyta o termin dostawy – przy zamówieniu w tym tygodniu realna jest dostawa za 3–4 tygodnie.',
      'Krótka rozmowa – decyzja przesunięta, zarząd wraca z urlopów za tydzień.',
    ],
    'e-mail': [
      'Wysłano katalog {year} i cennik. {person} potwierdza odbiór.',
      'E-mail ({person}): prośba o uwzględnienie w ofercie pozycji „{article}”.',
      'Klient przesłał rzut biura w PDF i listę stanowisk.',
      'Potwierdzenie terminu dostawy i montażu przesłane e-mailem.',
      'Pytanie o możliwość płatności w dwóch ratach – przekazane do księgowości.',
    ],
    spotkanie: [
      'Spotkanie w siedzibie klienta ({city}). Obecni: {person} i dyrektor administracyjny. Omówiono układ stanowisk i harmonogram przeprowadzki.',
      'Spotkanie w naszym showroomie – klient testował fotele ErgoMax i ErgoMax Pro. Wybór: wersja Pro.',
      'Wizja lokalna i pomiar pomieszczeń. Wymiary przekazane projektantowi.',
    ],
    prezentacja: [
      'Prezentacja oferty online dla zarządu. Pytania o gwarancję – 5 lat na stelaże, 2 lata na tapicerkę.',
      'Prezentacja wizualizacji 3D open space. Klient prosi o wersję z większą liczbą ścianek akustycznych.',
      'Pokaz próbek blatów i tkanin; klient wybrał dąb sonoma i szarą tkaninę.',
    ],
    oferta: [
      'Wysłano ofertę OF/{year}/{n}: „{article}” – {qty} szt., rabat {discount}%.',
      'Zaktualizowana oferta po negocjacjach: dłuższy termin płatności, montaż w cenie.',
      'Oferta wariantowa: wersja ekonomiczna i premium. Ważna 30 dni.',
    ],
  },
  service: {
    telefon: [
      'Zgłoszenie przyjęte telefonicznie ({person}). Objawy: fotel samoczynnie opada.',
      'Umówiona wizyta serwisanta na czwartek, 9:00–12:00.',
      'Klient potwierdza, że po regulacji wszystko działa.',
      '{person} pyta o koszt naprawy pogwarancyjnej – podano stawkę z cennika.',
    ],
    'e-mail': [
      'Klient przesłał numer seryjny i zdjęcie tabliczki znamionowej.',
      'Wysłano protokół z przeglądu i zalecenia.',
      'Potwierdzenie zlecenia serwisowego wysłane do klienta ({person}).',
    ],
    'wizyta serwisowa': [
      'Serwisant na miejscu: wymieniono podnośnik gazowy w {qty} fotelach.',
      'Wizyta serwisowa – skalibrowane sterowniki biurek, zaktualizowane oprogramowanie silników.',
      'Przegląd wykonany; dwa fotele do naprawy warsztatowej.',
    ],
    notatka: ['Części zamówione u producenta, czas oczekiwania ok. 7 dni.', 'Usterka powtarza się – do obserwacji.'],
  },
  complaint: {
    telefon: [
      '{person} zgłasza reklamację: uszkodzenie widoczne po rozpakowaniu.',
      'Ustalony odbiór uszkodzonego towaru kurierem.',
      'Klient akceptuje rabat w zamian za pozostawienie towaru.',
    ],
    'e-mail': [
      'Otrzymano zdjęcia uszkodzeń i kopię protokołu dostawy.',
      'Wysłano potwierdzenie przyjęcia reklamacji; termin rozpatrzenia 14 dni.',
      'Zgłoszenie przekazane do producenta wraz z dokumentacją.',
    ],
    fax: ['Fax od klienta: formularz reklamacyjny z podpisem.', 'Faksem przyszło pismo z żądaniem wymiany towaru na nowy.'],
    decyzja: [
      'Reklamacja uznana – wymiana na nowy egzemplarz w ciągu 10 dni roboczych.',
      'Reklamacja częściowo uznana: naprawa na nasz koszt, bez wymiany.',
      'Reklamacja odrzucona – uszkodzenie mechaniczne z winy użytkownika; wysłano uzasadnienie.',
    ],
    notatka: ['Producent potwierdził wadę fabryczną partii.', 'Czekamy na opinię rzeczoznawcy.'],
  },
  supplier: {
    telefon: [
      'Rozmowa z opiekunem w firmie {company}: potwierdzają wysyłkę w przyszłym tygodniu.',
      'Dostawca prosi o prognozę zamówień na kolejny kwartał.',
      'Uzgodnione częściowe dostawy, żeby nie blokować zamówień klientów.',
    ],
    'e-mail': [
      'Otrzymano nowy cennik obowiązujący od 1 stycznia.',
      'Wysłano zamówienie uzupełniające; oczekujemy potwierdzenia terminu.',
      'Dostawca przesłał karty techniczne i certyfikaty.',
    ],
    fax: ['Fax z potwierdzeniem zamówienia i terminem wysyłki.', 'Fax: korekta terminu dostawy o tydzień.'],
    spotkanie: ['Spotkanie w fabryce: przegląd nowej linii produkcyjnej i kontrola jakości.', 'Negocjacje warunków na kolejny rok – wstępnie rabat 4%.'],
  },
  general: {
    telefon: ['Ustalenia telefoniczne ({person}); szczegóły do potwierdzenia e-mailem.', 'Rozmowa o harmonogramie na najbliższy miesiąc.'],
    'e-mail': ['Przesłano zestawienie zleceń do rozliczenia.', 'Otrzymano zaktualizowane dane ({person}).'],
    spotkanie: ['Spotkanie podsumowujące współpracę w tym roku. Plan: więcej wspólnych projektów.'],
  },
};

export const TASK_TEXTS: Record<Topic, string[]> = {
  sales: [
    'Oddzwonić: {person} – decyzja w sprawie oferty',
    'Wysłać zaktualizowaną ofertę z rabatem',
    'Umówić pomiar biura',
    'Przygotować wizualizację 3D',
    'Potwierdzić termin dostawy i montażu',
    'Przypomnieć o podpisaniu zamówienia',
  ],
  service: ['Umówić serwisanta', 'Zamówić części u producenta', 'Sprawdzić po tygodniu, czy usterka nie wróciła', 'Wysłać protokół serwisowy'],
  complaint: ['Przekazać zgłoszenie producentowi', 'Odpowiedzieć klientowi w terminie 14 dni', 'Zorganizować odbiór towaru kurierem', 'Przygotować korektę faktury'],
  supplier: ['Potwierdzić termin dostawy', 'Przesłać prognozę zamówień', 'Sprawdzić jakość kolejnej partii', 'Podpisać aneks do umowy'],
  general: ['Przesłać zestawienie do rozliczenia', 'Potwierdzić terminy e-mailem'],
};
