// The price list: office furniture, acoustics, fit-out and services. Prices are net PLN.
// Plants and fitting in flats are taxed at 8%; everything else at 23%.

export type DemoArticle = { code: string; name: string; unit: string; price: string; vat?: '23' | '8' };

export const ARTICLES: DemoArticle[] = [
  { code: 'BIU-140-DB', name: 'Biurko Prostyl 140×70, blat dąb sonoma', unit: 'szt.', price: '890.00' },
  { code: 'BIU-160-BI', name: 'Biurko Prostyl 160×80, blat biały', unit: 'szt.', price: '1040.00' },
  { code: 'BIU-ELE-160', name: 'Biurko elektryczne Lift 160×80 z regulacją wysokości', unit: 'szt.', price: '2390.00' },
  { code: 'BIU-ELE-180', name: 'Biurko elektryczne Lift Duo 180×80, dwa silniki', unit: 'szt.', price: '3150.00' },
  { code: 'STL-KONF-240', name: 'Stół konferencyjny Forum 240×100', unit: 'szt.', price: '3480.00' },
  { code: 'STL-KONF-400', name: 'Stół konferencyjny modułowy Forum 400×120', unit: 'kpl.', price: '7650.00' },
  { code: 'FOT-ERGO-01', name: 'Fotel ergonomiczny ErgoMax z zagłówkiem', unit: 'szt.', price: '1290.00' },
  { code: 'FOT-ERGO-02', name: 'Fotel ergonomiczny ErgoMax Pro, siatka, wysuw siedziska', unit: 'szt.', price: '1690.00' },
  { code: 'FOT-PREZ-01', name: 'Fotel gabinetowy Prezes, skóra naturalna', unit: 'szt.', price: '2450.00' },
  { code: 'KRZ-KONF-01', name: 'Krzesło konferencyjne Iso, tapicerowane', unit: 'szt.', price: '219.00' },
  { code: 'KRZ-KONF-02', name: 'Krzesło konferencyjne Visit, chrom, sztaplowane', unit: 'szt.', price: '349.00' },
  { code: 'SZF-AKT-200', name: 'Szafa aktowa 200 cm, zamykana', unit: 'szt.', price: '1180.00' },
  { code: 'SZF-UBR-180', name: 'Szafa ubraniowa BHP, dwudrzwiowa', unit: 'szt.', price: '760.00' },
  { code: 'SZF-MET-4S', name: 'Szafa kartotekowa metalowa, 4 szuflady', unit: 'szt.', price: '1390.00' },
  { code: 'KON-3SZ', name: 'Kontener podbiurkowy 3-szufladowy z zamkiem centralnym', unit: 'szt.', price: '540.00' },
  { code: 'REG-OTW-5P', name: 'Regał otwarty 5-półkowy, szer. 80 cm', unit: 'szt.', price: '470.00' },
  { code: 'LAD-REC-01', name: 'Lada recepcyjna Welcome z podświetleniem LED', unit: 'kpl.', price: '6900.00' },
  { code: 'SOF-SOC-3', name: 'Sofa socjalna Lounge, 3-osobowa', unit: 'szt.', price: '2890.00' },
  { code: 'ZES-GAB-KPL', name: 'Zestaw mebli gabinetowych Dyrektor (biurko, szafa, stół)', unit: 'kpl.', price: '12400.00' },
  { code: 'PAN-AKU-M2', name: 'Panel akustyczny ścienny, filc PET 24 mm', unit: 'm²', price: '310.00' },
  { code: 'SCI-SZK-M2', name: 'Ścianka działowa szklana w profilu aluminiowym', unit: 'm²', price: '980.00' },
  { code: 'WYK-DYW-M2', name: 'Wykładzina dywanowa obiektowa w płytkach', unit: 'm²', price: '79.00' },
  { code: 'SCR-BIU-140', name: 'Ścianka biurkowa akustyczna 140 cm', unit: 'szt.', price: '420.00' },
  { code: 'BOX-CALL-1', name: 'Kabina akustyczna Phone Box, 1-osobowa', unit: 'szt.', price: '14900.00' },
  { code: 'TAB-SUCH-180', name: 'Tablica suchościeralna magnetyczna 180×120', unit: 'szt.', price: '640.00' },
  { code: 'ROS-DON-90', name: 'Roślina doniczkowa – monstera w donicy 90 cm', unit: 'szt.', price: '340.00', vat: '8' },
  { code: 'ROS-ZIEL-KPL', name: 'Zieleń do biura – zestaw roślin w donicach', unit: 'kpl.', price: '1450.00', vat: '8' },
  { code: 'USL-MON-MIESZK', name: 'Montaż zabudowy meblowej w lokalu mieszkalnym', unit: 'usł.', price: '650.00', vat: '8' },
  { code: 'USL-MON-H', name: 'Montaż mebli biurowych – roboczogodzina', unit: 'godz.', price: '95.00' },
  { code: 'USL-SRW-01', name: 'Przegląd i konserwacja fotela biurowego', unit: 'szt.', price: '120.00' },
];

/** Articles a service case is billed with. */
export const SERVICE_ARTICLES = ['USL-SRW-01', 'USL-MON-H'];
