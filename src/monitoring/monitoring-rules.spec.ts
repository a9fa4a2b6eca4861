import { itemKey, matchKeywords, parseTags, weekOf } from './monitoring-rules';

describe('monitoring rules', () => {
  it('matches keywords whole, accents and case aside', () => {
    const terms = ['Tampacán', 'Rosa Elena Téllez', 'agua potable', 'DIF'];
    expect(matchKeywords('El ayuntamiento de TAMPACAN inaugura pozo', terms)).toEqual(['Tampacán']);
    expect(matchKeywords('Rosa  Elena Tellez entregó obras de agua   potable', terms)).toEqual(['Rosa Elena Téllez', 'agua potable']);
    expect(matchKeywords('Precio del aguacate en Tampacanito', terms)).toEqual([]);
    expect(matchKeywords('Brigadas del DIF municipal', terms)).toEqual(['DIF']);
  });

  it('identifies an item by its link without tracking parameters, else guid, else title', () => {
    expect(itemKey({ link: 'https://Diario.mx/nota/1/?utm_source=rss&id=4#top' })).toBe('url:https://diario.mx/nota/1?id=4');
    expect(itemKey({ link: 'https://diario.mx/nota/1' })).toBe(itemKey({ link: 'https://diario.mx/nota/1/?fbclid=x' }));
    expect(itemKey({ guid: 'abc-1', title: 'x' })).toBe('guid:abc-1');
    expect(itemKey({ title: '  Pozo  Nuevo ' })).toBe('title:pozo nuevo');
    expect(itemKey({})).toBeNull();
  });

  it('reads tags and weeks', () => {
    expect(parseTags('Agua, obras; agua ,, ')).toEqual(['agua', 'obras']);
    expect(weekOf('2026-11-26')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
  });
});

describe('pickup of a release', () => {
  it('counts the outlets it was sent to that published it, and lists the others', async () => {
    const { pickupOf } = await import('./monitoring-rules');
    expect(pickupOf([1, 2, 3, 3, 4], [2, 4, 4, 9, null])).toEqual({ sent: 4, published: [2, 4], missing: [1, 3], elsewhere: [9], ratio: 0.5 });
    expect(pickupOf([], [1])).toEqual({ sent: 0, published: [], missing: [], elsewhere: [1], ratio: null });
  });
});
