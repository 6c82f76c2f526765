// Forty counterparties of an office-furniture seller: clients and prospects across Poland,
// partners (fitters, architects, a carrier), two competitors and the factories it buys from.
// Names are invented; NIPs and phone numbers are generated (see ../identifiers.ts).
import type { CompanyKind } from '../../../src/generated/prisma/enums.ts';
import type { CITIES } from './cities.ts';

export type DemoCompany = {
  code: string;
  name: string;
  kind: CompanyKind;
  street: string;
  postalCode: string;
  city: keyof typeof CITIES;
  /** The first is where people's e-mail addresses live. */
  domains: string[];
  /** Has a fax machine (number generated). */
  hasFax?: boolean;
  notes?: string;
  /** Closed down after its cases ended: set inactive once its contacts are closed. */
  closedDown?: boolean;
};

export const COMPANIES: DemoCompany[] = [
  // Clients
  { code: 'NOWICKI', name: 'Kancelaria Prawna Nowicki i Wspólnicy Sp.k.', kind: 'client', street: 'ul. Mokotowska 49', postalCode: '00-542', city: 'Warszawa', domains: ['nowicki-kancelaria.pl'], hasFax: true, notes: 'Klient od 2019 r. Decyzje zakupowe podejmuje partner zarządzający.' },
  { code: 'SOFTWIS', name: 'Softwis Sp. z o.o.', kind: 'client', street: 'ul. Lea 114', postalCode: '30-133', city: 'Kraków', domains: ['softwis.pl', 'softwis.com'], notes: 'Software house, szybko rośnie – co kwartał nowe stanowiska.' },
  { code: 'SALDO', name: 'Biuro Rachunkowe Saldo s.c.', kind: 'client', street: 'ul. Półwiejska 32', postalCode: '61-888', city: 'Poznań', domains: ['saldo-poznan.pl'] },
  { code: 'LOGITRANS', name: 'Logitrans Polska S.A.', kind: 'client', street: 'ul. Piotrkowska 270', postalCode: '90-361', city: 'Łódź', domains: ['logitrans.com.pl'], notes: 'Zakupy przez dział administracji; faktury tylko w formie elektronicznej.' },
  { code: 'MEDICUS', name: 'Centrum Medyczne Medicus Sp. z o.o.', kind: 'client', street: 'ul. Legnicka 55', postalCode: '54-203', city: 'Wrocław', domains: ['medicus-wroclaw.pl'], hasFax: true },
  { code: 'NADMORSKI', name: 'Hotel Nadmorski Sp. z o.o.', kind: 'client', street: 'ul. Grunwaldzka 82', postalCode: '80-244', city: 'Gdańsk', domains: ['hotelnadmorski.pl'] },
  { code: 'LINGUA', name: 'Szkoła Językowa Lingua Sp. z o.o.', kind: 'client', street: 'ul. Krakowskie Przedmieście 39', postalCode: '20-076', city: 'Lublin', domains: ['lingua-lublin.pl'] },
  { code: 'HUBKAT', name: 'Coworking Hub Katowice Sp. z o.o.', kind: 'client', street: 'ul. Mariacka 12', postalCode: '40-014', city: 'Katowice', domains: ['hubkatowice.pl'] },
  { code: 'DATACORE', name: 'Datacore Systems Sp. z o.o.', kind: 'client', street: 'ul. Powstańców Śląskich 95', postalCode: '53-332', city: 'Wrocław', domains: ['datacore.pl'] },
  { code: 'ARCHIPLAN', name: 'Biuro Projektowe Archiplan Sp. z o.o.', kind: 'client', street: 'al. Wojska Polskiego 45', postalCode: '70-478', city: 'Szczecin', domains: ['archiplan.com.pl'] },
  { code: 'PIXEL', name: 'Agencja Reklamowa Pixel s.c.', kind: 'client', street: 'ul. Gdańska 40', postalCode: '85-006', city: 'Bydgoszcz', domains: ['pixel-bydgoszcz.pl'] },
  { code: 'ASEKURACJA', name: 'Asekuracja Plus Sp. z o.o.', kind: 'client', street: 'ul. Prosta 20', postalCode: '00-850', city: 'Warszawa', domains: ['asekuracjaplus.pl'], notes: 'Umowa ramowa na wyposażenie oddziałów do końca 2026 r.' },
  { code: 'OPINIA', name: 'Instytut Badań Rynku Opinia Sp. z o.o.', kind: 'client', street: 'ul. Chmielna 73', postalCode: '00-801', city: 'Warszawa', domains: ['opinia-ibr.pl'] },
  { code: 'NOTARIUSZ-RZ', name: 'Kancelaria Notarialna Anna Wójtowicz', kind: 'client', street: 'ul. 3 Maja 12', postalCode: '35-030', city: 'Rzeszów', domains: ['notariusz-rzeszow.pl'], hasFax: true },
  { code: 'ZDROWIE', name: 'Przychodnia Zdrowie Rodziny Sp. z o.o.', kind: 'client', street: 'ul. Sienkiewicza 21', postalCode: '25-007', city: 'Kielce', domains: ['zdrowierodziny.pl'], hasFax: true },
  { code: 'TRANSBUD', name: 'Transbud Sp. z o.o.', kind: 'client', street: 'ul. Lipowa 14', postalCode: '15-424', city: 'Białystok', domains: ['transbud.com.pl'] },
  { code: 'SZLAK', name: 'Biuro Podróży Słoneczny Szlak Sp. z o.o.', kind: 'client', street: 'ul. Szeroka 28', postalCode: '87-100', city: 'Toruń', domains: ['slonecznyszlak.pl'] },
  { code: 'HORYZONT', name: 'Akademia Nauk Stosowanych Horyzont', kind: 'client', street: 'ul. Ozimska 46', postalCode: '45-058', city: 'Opole', domains: ['horyzont.edu.pl'], notes: 'Zakupy powyżej 130 tys. zł tylko w trybie zapytania ofertowego.' },
  { code: 'FARMEX', name: 'Farmex Dystrybucja S.A.', kind: 'client', street: 'ul. Grunwaldzka 182', postalCode: '60-166', city: 'Poznań', domains: ['farmex.pl'] },
  { code: 'TELESFERA', name: 'Telesfera Sp. z o.o.', kind: 'client', street: 'ul. Kilińskiego 161', postalCode: '90-349', city: 'Łódź', domains: ['telesfera.pl'], notes: 'Call center, 300 stanowisk – duże zamówienia krzeseł i ścianek akustycznych.' },
  { code: 'FORMA', name: 'Studio Architektury Wnętrz Forma', kind: 'client', street: 'ul. Świętojańska 60', postalCode: '81-393', city: 'Gdynia', domains: ['forma-studio.pl'] },
  { code: 'KOLOR', name: 'Drukarnia Offsetowa Kolor Sp. z o.o.', kind: 'client', street: 'ul. Focha 19', postalCode: '42-200', city: 'Częstochowa', domains: ['drukarnia-kolor.pl'], hasFax: true, notes: 'Spółka w likwidacji – nie przyjmować nowych zamówień.', closedDown: true },
  // Prospects
  { code: 'ATLAS', name: 'Grupa Inwestycyjna Atlas S.A.', kind: 'prospect', street: 'ul. Emilii Plater 53', postalCode: '00-113', city: 'Warszawa', domains: ['atlas-inwestycje.pl'] },
  { code: 'ZAMKOWY', name: 'Hotel Zamkowy Sp. z o.o.', kind: 'prospect', street: 'ul. Grodzka 40', postalCode: '31-044', city: 'Kraków', domains: ['hotelzamkowy.pl'] },
  { code: 'NETSOL', name: 'NetSolutions Sp. z o.o.', kind: 'prospect', street: 'al. Grunwaldzka 472', postalCode: '80-309', city: 'Gdańsk', domains: ['netsolutions.pl'] },
  { code: 'VITA', name: 'Szpital Specjalistyczny Vita Sp. z o.o.', kind: 'prospect', street: 'ul. Zyty 26', postalCode: '65-046', city: 'Zielona Góra', domains: ['vita-szpital.pl'] },
  { code: 'PROGRES', name: 'Centrum Edukacji Progres Sp. z o.o.', kind: 'prospect', street: 'ul. Narutowicza 20', postalCode: '20-016', city: 'Lublin', domains: ['progres.edu.pl'] },
  { code: 'AUTOMAX', name: 'Auto-Max Dealer Sp. z o.o.', kind: 'prospect', street: 'ul. Chorzowska 150', postalCode: '40-101', city: 'Katowice', domains: ['automax-katowice.pl'] },
  { code: 'ZDROWIT', name: 'Apteki Zdrowit Sp. z o.o.', kind: 'prospect', street: 'al. Rejtana 53', postalCode: '35-326', city: 'Rzeszów', domains: ['zdrowit.pl'] },
  { code: 'LEXTAX', name: 'Kancelaria Podatkowa Lex-Tax Sp. z o.o.', kind: 'prospect', street: 'ul. Świdnicka 28', postalCode: '50-068', city: 'Wrocław', domains: ['lextax.pl'] },
  // Partners
  { code: 'KAMINSKI-MONT', name: 'Montaże Meblowe Jan Kamiński', kind: 'partner', street: 'ul. Puławska 280', postalCode: '02-819', city: 'Warszawa', domains: ['montaze-kaminski.pl'], notes: 'Podwykonawca montaży w województwie mazowieckim.' },
  { code: 'NOWAPRZESTRZEN', name: 'Architekci Wnętrz Nowa Przestrzeń Sp. z o.o.', kind: 'partner', street: 'ul. Święty Marcin 29', postalCode: '61-806', city: 'Poznań', domains: ['nowaprzestrzen.pl'], notes: 'Polecają nas swoim klientom; prowizja 5% od zrealizowanych zamówień.' },
  { code: 'TRANSKUR', name: 'Transport i Spedycja Trans-Kur Sp.j.', kind: 'partner', street: 'ul. Rokicińska 162', postalCode: '92-412', city: 'Łódź', domains: ['transkur.pl'] },
  // Competitors
  { code: 'BIURMEX', name: 'Biurmex Meble Biurowe Sp. z o.o.', kind: 'competitor', street: 'ul. Zakopiańska 62', postalCode: '30-418', city: 'Kraków', domains: ['biurmex.pl'] },
  { code: 'OFFICELINE', name: 'Office Line Sp. z o.o.', kind: 'competitor', street: 'ul. Kolejowa 5', postalCode: '01-217', city: 'Warszawa', domains: ['officeline.com.pl'] },
  // Suppliers
  { code: 'DABPOL', name: 'Fabryka Mebli Biurowych Dąb-Pol Sp. z o.o.', kind: 'supplier', street: 'ul. Rabowicka 11', postalCode: '62-020', city: 'Swarzędz', domains: ['dabpol.pl'], hasFax: true, notes: 'Główny dostawca biurek i szaf. Minimum logistyczne: pół naczepy.' },
  { code: 'ERGOSYSTEM', name: 'Krzesła Ergo-System Sp. z o.o.', kind: 'supplier', street: 'ul. Krakowska 84', postalCode: '97-500', city: 'Radomsko', domains: ['ergosystem.pl'] },
  { code: 'PLYTEX', name: 'Płytex Sp. z o.o.', kind: 'supplier', street: 'ul. Pomorska 115', postalCode: '70-812', city: 'Szczecin', domains: ['plytex.pl'] },
  { code: 'TEXTIL', name: 'Tkaniny Obiciowe Textil-Łódź Sp. z o.o.', kind: 'supplier', street: 'ul. Wólczańska 215', postalCode: '90-924', city: 'Łódź', domains: ['textil-lodz.pl'] },
  { code: 'METALPLAST', name: 'Okucia i Akcesoria Metalplast Sp.j.', kind: 'supplier', street: 'ul. Partyzantów 40', postalCode: '43-300', city: 'Bielsko-Biała', domains: ['metalplast-bb.pl'], hasFax: true },
];
