// Telephone area codes and the first three digits of NIPs issued by the cities' tax offices,
// so generated numbers look like they belong to the address.

export type City = { areaCode: string; nipPrefixes: string[] };

export const CITIES: Record<string, City> = {
  Warszawa: { areaCode: '22', nipPrefixes: ['521', '525', '526', '527', '701'] },
  Kraków: { areaCode: '12', nipPrefixes: ['676', '677', '679'] },
  Poznań: { areaCode: '61', nipPrefixes: ['778', '779', '783'] },
  Łódź: { areaCode: '42', nipPrefixes: ['725', '726', '727', '728'] },
  Wrocław: { areaCode: '71', nipPrefixes: ['894', '895', '896', '897', '898'] },
  Gdańsk: { areaCode: '58', nipPrefixes: ['583', '584', '957'] },
  Gdynia: { areaCode: '58', nipPrefixes: ['586', '958'] },
  Lublin: { areaCode: '81', nipPrefixes: ['712', '946'] },
  Katowice: { areaCode: '32', nipPrefixes: ['634', '954'] },
  Szczecin: { areaCode: '91', nipPrefixes: ['851', '852', '955'] },
  Bydgoszcz: { areaCode: '52', nipPrefixes: ['554', '953', '967'] },
  Rzeszów: { areaCode: '17', nipPrefixes: ['813'] },
  Kielce: { areaCode: '41', nipPrefixes: ['657', '959'] },
  Białystok: { areaCode: '85', nipPrefixes: ['542', '966'] },
  Toruń: { areaCode: '56', nipPrefixes: ['879', '956'] },
  Opole: { areaCode: '77', nipPrefixes: ['754'] },
  Częstochowa: { areaCode: '34', nipPrefixes: ['573', '949'] },
  'Zielona Góra': { areaCode: '68', nipPrefixes: ['929', '973'] },
  Swarzędz: { areaCode: '61', nipPrefixes: ['777'] },
  Radomsko: { areaCode: '44', nipPrefixes: ['772'] },
  'Bielsko-Biała': { areaCode: '33', nipPrefixes: ['547', '937'] },
};
